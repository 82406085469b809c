namespace EduDuty.Browser.Tests;

/// <summary>The accessibility check the page tour relies on must report a real violation, or the tour's "none" means nothing.</summary>
public sealed class AxeTests
{
    [Fact]
    public async Task A_button_without_a_name_and_an_image_without_alt_are_reported_with_their_elements_and_clean_markup_is_not()
    {
        var context = await (await Chromium.SharedAsync()).NewContextAsync();
        try
        {
            var page = await context.NewPageAsync();
            await page.SetContentAsync("<!DOCTYPE html><html lang=\"zh-CN\"><head><title>t</title></head><body><main>" +
                                       "<button id=\"nameless\"></button><img id=\"bare\" src=\"data:,\"><button>保存</button></main></body></html>");

            var result = await Axe.RunAsync(page);

            var buttonName = Assert.Single(result.Violations, v => v.Id == "button-name");
            Assert.Equal("critical", buttonName.Impact);
            Assert.Equal("#nameless", Assert.Single(buttonName.Nodes).Target.ToString());
            Assert.Contains(result.Violations, v => v.Id == "image-alt" && v.Nodes.Single().Target.ToString() == "#bare");

            await page.SetContentAsync("<!DOCTYPE html><html lang=\"zh-CN\"><head><title>t</title></head><body><main><h1>标题</h1><button>保存</button></main></body></html>");
            Assert.Empty((await Axe.RunAsync(page)).Violations);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
