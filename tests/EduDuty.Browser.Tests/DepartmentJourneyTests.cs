using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 30 in Chromium, each person in their own session: the lead gives the whole 教育经费 area to 财政局 → the 财政局 user
/// changes a figure and sends its part → the county official returns that figure with a reason → 财政局 sees the reason,
/// corrects it and sends again → the official accepts everything → the lead submits, told that only 人社局 (which has no user
/// and sent nothing) is not accepted. Screenshots at 390, 1024, 1280, 1366 and 1440 px go to /tmp/departments-shots.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class DepartmentJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    private static readonly string Shots = Directory.CreateDirectory("/tmp/departments-shots").FullName;

    private static async Task ShootAsync(IPage page, string name)
    {
        foreach (var width in new[] { 390, 1024, 1280, 1366, 1440 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}-{width}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task The_lead_assigns_finance_which_fills_and_sends_is_returned_once_corrects_is_accepted_and_the_lead_submits()
    {
        var figures = Path.Combine(Path.GetTempPath(), $"wenxi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(figures, ReviewJourneyTests.CompleteFigures("闻喜县"));
        try
        {
            var official = await Portal.SignedInPageAsync("wenxi.official");
            var lead = await Portal.SignedInPageAsync("wenxi.lead");
            var finance = await Portal.SignedInPageAsync("wenxi.caizheng");
            await official.GotoAsync(Portal.RootUri + "/");
            var overview = Portal.RootUri + await official.GetAttributeAsync("#evaluations tr:has-text('闻喜县') a.btn", "href");
            var id = overview[(overview.LastIndexOf('/') + 1)..];

            // Every required figure in (as the review journey does), so that the lead can submit at the end.
            await official.GotoAsync(overview);
            await official.SetInputFilesAsync("#import-file", figures);
            await official.ClickAsync("#import-form button[type=submit]");
            await official.ClickAsync("#apply-form button[type=submit]");
            await Expect(official.Locator("#saved-message")).ToContainTextAsync("导入完成");

            // The lead gives the whole 教育经费 area (A04) to 财政局, the fields the scheme names for 教育局 there too.
            await lead.GotoAsync($"{Portal.RootUri}/Evaluations/{id}/Departments");
            await lead.SelectOptionAsync("#area-A04_FINANCE", new SelectOptionValue { Label = "财政局" });
            await lead.ClickAsync("#save-assignment");
            await Expect(lead.Locator("#assignment-message")).ToBeVisibleAsync();
            await Expect(lead.Locator("select[name='Owners[A04.04]'] option[selected]")).ToHaveTextAsync("财政局");
            await ShootAsync(lead, "1-lead-assigned");

            // 财政局's page: its fields only — A04.04 (the education bureau's by the scheme) now among them, A10.05 not.
            await finance.GotoAsync($"{Portal.RootUri}/Departments/{id}");
            await Expect(finance.Locator("#f-A04-04")).ToBeVisibleAsync();
            await Expect(finance.Locator("#f-A10-05")).ToHaveCountAsync(0);
            await finance.FillAsync("#f-A04-01", "50000");
            await finance.ClickAsync("#save");
            await Expect(finance.Locator("#saved-message")).ToBeVisibleAsync();
            // Three optional fields are empty: 报送 asks first, naming them, then sends.
            await finance.ClickAsync("#submit");
            await Expect(finance.Locator("#confirm-empty")).ToContainTextAsync("3");
            await finance.ClickAsync("#submit");
            await Expect(finance.Locator("#saved-message")).ToContainTextAsync("已报送");
            await Expect(finance.Locator("#f-A04-01")).ToBeDisabledAsync();
            await ShootAsync(finance, "2-finance-sent");

            // The county official returns A04.01 with a reason.
            await official.GotoAsync($"{Portal.RootUri}/Evaluations/{id}/Departments/Review");
            await official.FillAsync("input[name='Reasons[A04.01]']", "请按决算数填写本期教育支出");
            await official.ClickAsync("tr[data-code='A04.01'] button:has-text('退回')");
            await Expect(official.Locator("#saved-message")).ToBeVisibleAsync();
            await ShootAsync(official, "3-official-returned");

            // 财政局 reads the reason, corrects the figure and sends it again.
            await finance.GotoAsync($"{Portal.RootUri}/Departments/{id}");
            await Expect(finance.Locator("#area-form")).ToContainTextAsync("请按决算数填写本期教育支出");
            await Expect(finance.Locator("#f-A04-01")).ToBeEnabledAsync();
            await finance.FillAsync("#f-A04-01", "51000");
            await finance.ClickAsync("#save");
            await Expect(finance.Locator("#saved-message")).ToBeVisibleAsync();
            await finance.ClickAsync("#submit");
            await Expect(finance.Locator("#saved-message")).ToContainTextAsync("已报送");
            await Expect(finance.Locator("#f-A04-01")).ToBeDisabledAsync();

            // The official accepts all of 财政局's part.
            await official.GotoAsync($"{Portal.RootUri}/Evaluations/{id}/Departments/Review");
            await official.ClickAsync(".department-part:has-text('财政局') button[name=DepartmentId]");
            await Expect(official.Locator("#saved-message")).ToBeVisibleAsync();
            await official.GotoAsync(overview);
            await ShootAsync(official, "4-official-progress");

            // The lead submits: only 人社局 (no user, nothing sent) is named as not accepted; a tick and a reason.
            await lead.GotoAsync(overview);
            await Expect(lead.Locator("#submit-form")).ToContainTextAsync("人社局");
            await lead.CheckAsync("#confirm-submit");
            await lead.CheckAsync("#despite-departments");
            await lead.FillAsync("#departments-reason", "人社局的 3 项由教育局核对后填写");
            await lead.ClickAsync("#submit-evaluation");
            await Expect(lead.Locator("#saved-message")).ToContainTextAsync("评价已提交");
            await ShootAsync(lead, "5-lead-submitted");

            var stored = await Portal.WithDbAsync(async db =>
            {
                var evaluation = int.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
                var value = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                    db.FigureValues.Where(f => f.EvaluationId == evaluation && f.FieldCode == "A04.01"));
                return value.Number;
            });
            Assert.Equal(51000m, stored);
        }
        finally
        {
            File.Delete(figures);
        }
    }
}
