using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// The evidence page's uploader (one request per file) says why each file was refused, also when the refusal came before
/// the page ran (a title with a direction mark answers 422 with the error page naming the field), and says that the files
/// which did go up appear after a reload.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class EvidenceRefusalTests(BrowserPortal portal) : BrowserTests(portal)
{
    // A 1 × 1 PNG.
    private static readonly byte[] Photo = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_title_with_a_direction_mark_names_the_field_beside_the_file()
    {
        var official = await Portal.SignedInPageAsync("wenxi.official");
        await official.GotoAsync(Portal.RootUri + "/");
        var overview = Portal.RootUri + await official.GetAttributeAsync("#evaluations tr:has-text('闻喜县') a.btn", "href");
        await official.GotoAsync(overview + "/Evidence");

        await official.FillAsync("#title", "会议纪要\u202Efdp.exe");
        await official.SetInputFilesAsync("#files", new FilePayload { Name = "公示照片.png", MimeType = "image/png", Buffer = Photo });
        await official.ClickAsync("#upload-button");

        await Expect(official.Locator("#upload-progress .upload-status")).ToContainTextAsync("“材料标题”中含有不可见的控制字符");
        await Expect(official.Locator("#upload-partial")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task When_one_file_of_two_is_refused_the_other_is_said_to_be_uploaded_and_a_reload_shows_it()
    {
        var official = await Portal.SignedInPageAsync("wenxi.official");
        await official.GotoAsync(Portal.RootUri + "/");
        var overview = Portal.RootUri + await official.GetAttributeAsync("#evaluations tr:has-text('闻喜县') a.btn", "href");
        await official.GotoAsync(overview + "/Evidence");
        var before = await official.Locator(".evidence-item").CountAsync();

        await official.SetInputFilesAsync("#files", new[]
        {
            new FilePayload { Name = "会议纪要.pdf", MimeType = "application/pdf", Buffer = "这是文本，不是 PDF"u8.ToArray() },
            new FilePayload { Name = "公示照片.png", MimeType = "image/png", Buffer = Photo },
        });
        await official.ClickAsync("#upload-button");

        await Expect(official.Locator("#upload-partial")).ToContainTextAsync("其余 1 个文件已上传，已列入下方列表");
        // Issue 27: the list is redrawn in place (it used to wait for a click on 刷新页面), the refusal still on screen.
        await Expect(official.Locator(".evidence-item")).ToHaveCountAsync(before + 1);
        await Expect(official.Locator("#upload-progress")).ToContainTextAsync("会议纪要.pdf");
    }
}
