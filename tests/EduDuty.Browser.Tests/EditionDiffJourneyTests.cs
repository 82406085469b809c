using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 25, item 2, in the browser: 闻喜县 submits, is returned, changes two figures, its preschool text and its evidence, and
/// submits again; the supervisor reads 与退回前提交的版本相比 on a desktop and on a phone (screenshots in artifacts), with no
/// serious accessibility violation and nothing wider than the phone's screen, and opens the comparison page from the report.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class EditionDiffJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task The_supervisor_reads_what_changed_since_the_return_on_a_desktop_and_on_a_phone()
    {
        var pdf = await File.ReadAllBytesAsync(EduDuty.Testing.RepositoryPaths.Fixture("evidence", "notice.pdf"));
        var official = await Portal.SignedInPageAsync("wenxi.official");
        var lead = await Portal.SignedInPageAsync("wenxi.lead");
        var supervisor = await Portal.SignedInPageAsync("yuncheng.supervisor", 1366, 768);
        await official.GotoAsync(Portal.RootUri + "/");
        var overview = Portal.RootUri + await official.GetAttributeAsync("#evaluations tr:has-text('闻喜县') a.btn", "href");

        var figures = Path.Combine(Path.GetTempPath(), $"wenxi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(figures, ReviewJourneyTests.CompleteFigures("闻喜县"));
        await official.GotoAsync(overview);
        await official.SetInputFilesAsync("#import-file", figures);
        await official.ClickAsync("#import-form button[type=submit]");
        await official.ClickAsync("#apply-form button[type=submit]");
        await Expect(official.Locator("#saved-message")).ToContainTextAsync("导入完成");
        File.Delete(figures);

        await SaveAreaAsync(official, overview, new()
        {
            ["#narrative"] = "我县坚持把学前教育作为重要民生工程。2021年新建幼儿园3所，新增学位1080个。\n严格落实幼儿资助政策，资助家庭经济困难幼儿共计1200人次。",
        });
        await UploadAsync(official, overview, "A07.07", "民办学校名单", "民办学校名单.pdf", pdf);
        await UploadAsync(official, overview, "A10_PRESCHOOL", "幼儿园布局规划", "布局规划（初稿）.pdf", pdf[..^1]);
        await SubmitAsync(lead, overview);

        await supervisor.GotoAsync(overview);
        await supervisor.SelectOptionAsync("select[name='Reasons[0].Target']", "A10_PRESCHOOL");
        await supervisor.FillAsync("input[name='Reasons[0].Text']", "请核实学前三年适龄人口和在园幼儿数");
        await supervisor.ClickAsync("#return-evaluation");
        await Expect(supervisor.Locator("#saved-message")).ToContainTextAsync("已退回");

        await SaveAreaAsync(official, overview, new()
        {
            ["#f-A10-01"] = "10800",
            ["#f-A10-02"] = "10790",
            ["#narrative"] = "我县坚持把学前教育作为重要民生工程。2021年新建幼儿园5所，新增学位1800个。\n严格落实幼儿资助政策，资助家庭经济困难幼儿共计1200人次。\n加强幼儿园保教质量督导评估，实现公办园督导全覆盖。",
        });
        // The list taken away; the plan's draft replaced by the final plan under the same title.
        await RemoveAsync(official, overview, "民办学校名单");
        await RemoveAsync(official, overview, "幼儿园布局规划");
        await UploadAsync(official, overview, "A10_PRESCHOOL", "幼儿园布局规划", "布局规划（定稿）.pdf", [.. pdf, .. "\n% final\n"u8]);
        await SubmitAsync(lead, overview);

        // The desktop: counts per kind, then each kind.
        await supervisor.GotoAsync(overview);
        var card = supervisor.Locator("#edition-differences");
        await Shot(supervisor, "edition-diff-overview-desktop.png");
        await Expect(card.Locator("h2")).ToContainTextAsync("与退回前提交的版本相比（5 处不同）");
        await Expect(card.Locator("#diff-figures > li")).ToHaveCountAsync(2);
        await Expect(card.Locator("#diff-texts .edition-diff-text")).ToHaveCountAsync(2); // the changed sentence, the added one
        await Expect(card.Locator("#diff-evidence > li")).ToHaveCountAsync(2);
        await Expect(card.Locator("#diff-evidence")).ToContainTextAsync("替换");
        await Shot(supervisor, "edition-diff-overview-desktop.png");
        await AssertReadableAsync(supervisor, "overview (desktop)");

        // The phone: the same card, nothing wider than the screen.
        await supervisor.SetViewportSizeAsync(390, 844);
        await supervisor.GotoAsync(overview);
        await card.ScrollIntoViewIfNeededAsync();
        await Shot(supervisor, "edition-diff-overview-phone.png");
        await card.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, "edition-diff-card-phone.png") });
        await AssertReadableAsync(supervisor, "overview (phone)");

        // A figure's link lands on its row.
        await card.Locator("#diff-figures a", new() { HasText = "学前三年适龄人口" }).ClickAsync();
        await Expect(supervisor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Areas/A10_PRESCHOOL#row-f-A10-01$"));

        // From the report's 历次版本 to the comparison page, on the phone.
        await supervisor.GotoAsync(overview + "/Report");
        await supervisor.ClickAsync("#editions a.compare-link");
        await Expect(supervisor.Locator("#comparison-title")).ToContainTextAsync("第 2 版与第 1 版相比（5 处不同）");
        await Shot(supervisor, "edition-compare-phone.png");
        await AssertReadableAsync(supervisor, "compare (phone)");
        await supervisor.SetViewportSizeAsync(1366, 768);
        await Shot(supervisor, "edition-compare-desktop.png");
    }

    private async Task SaveAreaAsync(IPage page, string overview, Dictionary<string, string> fields)
    {
        await page.GotoAsync(overview + "/Areas/A10_PRESCHOOL");
        foreach (var (selector, value) in fields) await page.FillAsync(selector, value);
        await page.ClickAsync("#save");
        await Expect(page.Locator("#saved-message")).ToBeVisibleAsync();
    }

    private static async Task UploadAsync(IPage page, string overview, string target, string title, string fileName, byte[] content)
    {
        await page.GotoAsync(overview + "/Evidence");
        var before = await page.Locator(".evidence-item").CountAsync();
        await page.SelectOptionAsync("#target", target);
        await page.FillAsync("#title", title);
        await page.SetInputFilesAsync("#files", new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = content });
        await page.ClickAsync("#upload-button");
        await Expect(page.Locator(".evidence-item")).ToHaveCountAsync(before + 1);
    }

    private static async Task RemoveAsync(IPage page, string overview, string title)
    {
        await page.GotoAsync(overview + "/Evidence");
        var before = await page.Locator(".evidence-item").CountAsync();
        var item = page.Locator(".evidence-item", new() { HasText = title });
        await item.Locator("summary:has-text('修改或删除')").ClickAsync();
        await item.Locator("button:has-text('删除这份材料')").ClickAsync();
        await Expect(page.Locator(".evidence-item")).ToHaveCountAsync(before - 1);
    }

    private static async Task SubmitAsync(IPage lead, string overview)
    {
        await lead.GotoAsync(overview);
        if (await lead.Locator("#confirm-submit").CountAsync() > 0) await lead.CheckAsync("#confirm-submit");
        if (await lead.Locator("#despite-departments").CountAsync() > 0) { await lead.CheckAsync("#despite-departments"); await lead.FillAsync("#departments-reason", "部门数据已线下核对"); } // issue 30: 闻喜县\'s demo departments
        await lead.ClickAsync("#submit-evaluation");
        await Expect(lead.Locator("#saved-message")).ToContainTextAsync("评价已提交");
    }

    // No serious or critical axe violation, and the page no wider than the window (nothing to scroll sideways on a phone).
    private static async Task AssertReadableAsync(IPage page, string name)
    {
        var axe = await Axe.RunAsync(page);
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target))}").ToList();
        Assert.True(serious.Count == 0, $"{name}: {string.Join("\n", serious)}");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"{name}: the page is {scroll}px wide in a {client}px window");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, name), FullPage = true });
}
