using System.Globalization;
using EduDuty.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 25's length limit in a browser, under the documented scored scheme (report.maxLength 5000): the report page's count
/// follows a plan's text as it is typed, warns by how much it is over, and agrees with the server's count once saved.
/// Screenshots under and over the limit at 1366 and 390 px wide.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class ReportLengthJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    /// <summary>"抓好问题整改，逐项落实。" (12 characters) 400 times: 4,800.</summary>
    private static readonly string LongPlan = string.Concat(Enumerable.Repeat("抓好问题整改，逐项落实。", 400));

    /// <summary>The example's default plan text, "逐项明确整改措施、责任单位和完成时限。": 19 characters, counted by hand.</summary>
    private const int DefaultPlanCharacters = 19;

    [Fact]
    public async Task The_count_follows_the_typing_and_warns_over_the_limit()
    {
        var (id, _) = await ScoredExample.OpenForYunchengAsync(Portal.Services);
        await ScoredExample.EnterDeductedFiguresAsync(Portal.Services, id);
        var page = await Portal.SignedInPageAsync("wenxi.official", 1366, 900);
        await page.GotoAsync($"{Portal.RootUri}/Evaluations/{id}/Report");
        // Saved once as shown, so the stored texts are the form's (a saved 问题引导语 replaces the sentence printed without problems).
        await page.ClickAsync("#save-report");
        await Expect(page.Locator("#saved-message")).ToBeVisibleAsync();

        var counts = page.Locator(".length-count");
        var stored = int.Parse((await counts.First.TextContentAsync())!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        await Expect(page.Locator("#report-length .length-summary")).ToHaveTextAsync($"正文 {stored:N0} 字 / 上限 5,000 字");
        await Expect(page.Locator("#report-over-length")).ToBeHiddenAsync();
        await Expect(page.Locator("#report-length .length-unsaved")).ToBeHiddenAsync();
        await Shots(page, "under");

        // Typing the long plan: both counts (the line above the form and the save bar's) move by what changed, before any save.
        var typed = stored - DefaultPlanCharacters + 4800;
        await page.FillAsync("#plan-0-text", LongPlan);
        await Expect(counts.First).ToHaveTextAsync(typed.ToString("N0", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#save-bar-length .length-count")).ToHaveTextAsync(typed.ToString("N0", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#report-length .length-unsaved")).ToBeVisibleAsync();
        await Expect(page.Locator("#report-over-length")).ToBeVisibleAsync();
        await Expect(page.Locator("#report-over-length .length-excess")).ToHaveTextAsync((typed - 5000).ToString("N0", CultureInfo.InvariantCulture));
        // Ticking the plan for deletion takes its heading and text out; unticking puts them back.
        await page.CheckAsync("#plan-0-delete");
        await Expect(page.Locator("#report-over-length")).ToBeHiddenAsync();
        await page.UncheckAsync("#plan-0-delete");
        await Expect(counts.First).ToHaveTextAsync(typed.ToString("N0", CultureInfo.InvariantCulture));

        // Saved: the server's count is the one the script showed.
        await page.ClickAsync("#save-report");
        await Expect(page.Locator("#saved-message")).ToBeVisibleAsync();
        await Expect(page.Locator("#report-length .length-summary")).ToHaveTextAsync($"正文 {typed:N0} 字 / 上限 5,000 字");
        await Expect(page.Locator("#report-over-length")).ToBeVisibleAsync();
        await Shots(page, "over");

        // The lead is asked with the count before submitting; both ticks submit it as it is.
        var lead = await Portal.SignedInPageAsync("wenxi.lead", 1366, 900);
        await lead.GotoAsync($"{Portal.RootUri}/Evaluations/{id}");
        await Expect(lead.Locator("#over-length-warning")).ToContainTextAsync($"报告正文 {typed:N0} 字，超过方案规定的上限 5,000 字（多 {typed - 5000:N0} 字");
        await lead.Locator("#submit-form").ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "report-length-submit-1366.png") });
        await lead.CheckAsync("#confirm-submit");
        await lead.CheckAsync("#despite-length");
        if (await lead.Locator("#despite-departments").CountAsync() > 0) { await lead.CheckAsync("#despite-departments"); await lead.FillAsync("#departments-reason", "部门数据已线下核对"); } // issue 30: 闻喜县\'s demo departments
        await lead.ClickAsync("#submit-evaluation");
        await Expect(lead.Locator("#saved-message")).ToContainTextAsync("评价已提交");
    }

    private static async Task Shots(IPage page, string state)
    {
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, $"report-length-{state}-{width}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(1366, 900);
    }
}
