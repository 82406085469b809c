using EduDuty.Core.Review;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EduDuty.Browser.Tests;

/// <summary>
/// Issue 16 in a browser, under the documented scored scheme (docs/examples/scored-scheme.json, 2022 for 运城市): 闻喜县 sees its
/// self-score, follows the score card's link to upload the proof of a bonus item, applies for it; once submitted, the
/// supervisor sees the proof beside the claim, grants it and adjusts an indicator; 督导总览 lists the verified score.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class ScoresJourneyTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task The_county_applies_for_a_bonus_with_its_proof_and_the_supervisor_verifies_the_score()
    {
        var (id, schemeId) = await ScoredExample.OpenForYunchengAsync(Portal.Services);
        // Every deduction of the example once (hand-scored in ScorerTests): 74.4 of 100, 合格.
        await ScoredExample.EnterDeductedFiguresAsync(Portal.Services, id);

        // The county: its self-score, then the proof of J01 uploaded from the card's link, then the claim.
        var official = await Portal.SignedInPageAsync("wenxi.official");
        var overview = $"{Portal.RootUri}/Evaluations/{id}";
        await official.GotoAsync(overview);
        await Expect(official.Locator("#self-score .score-total")).ToHaveTextAsync("74.4 / 100 分");
        var j01 = official.Locator("[data-bonus='J01']");
        await Expect(j01.Locator(".bonus-proof")).ToContainTextAsync("尚未上传证明材料");
        await j01.Locator(".bonus-proof a").ClickAsync();
        await Expect(official.Locator("#target")).ToHaveValueAsync("J01");
        await official.SetInputFilesAsync("#files", new FilePayload { Name = "现场会通知.pdf", MimeType = "application/pdf", Buffer = File.ReadAllBytes(RepositoryPaths.Fixture("evidence", "notice.pdf")) });
        await official.ClickAsync("#upload-button");
        await Expect(official.Locator(".evidence-item")).ToContainTextAsync("加分项 J01：承办省级以上教育工作现场会");
        await official.GotoAsync(overview);
        await j01.Locator("textarea[name=ScoreReason]").FillAsync("2022年5月承办全省学前教育现场推进会。");
        await j01.Locator(".bonus-apply-form button[type=submit]").First.ClickAsync();
        await Expect(official.Locator("#self-score .score-total")).ToHaveTextAsync("76.4 / 100 分");
        await Expect(j01.Locator(".bonus-state")).ToHaveTextAsync("已申请，待核定");
        await Shot(official, "scores-1-county-applied.png");

        // (The summary the lists read was recomputed from every stored figure when the claim was saved.)
        // Submitted: the supervisor decides with the proof at hand, and adjusts 上年增长 (A01.03) with a reason.
        await Portal.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Submitted)));
        var supervisor = await Portal.SignedInPageAsync("yuncheng.supervisor");
        await supervisor.GotoAsync(overview);
        var claim = supervisor.Locator("[data-bonus='J01']");
        await Expect(claim.Locator(".bonus-proof a")).ToHaveTextAsync("现场会通知");
        await claim.Locator("input[name=ScoreReason]").FillAsync("经核，现场会为省级，符合加分条件。");
        await claim.Locator(".bonus-decide-form button", new() { HasText = "同意加分" }).ClickAsync();
        await Expect(claim.Locator(".bonus-state")).ToHaveTextAsync("同意加分");
        await supervisor.SelectOptionAsync("#adjust-code", "A01.03");
        await supervisor.FillAsync("#adjust-points", "5");
        await supervisor.FillAsync("#adjust-reason", "上年支出含一次性专项，剔除后为增长。");
        await supervisor.ClickAsync("#adjust-points-form button[type=submit]");
        // 74.4 with A01.03 at 5 instead of 0, and J01's 2 granted: 81.4, 良好.
        await Expect(supervisor.Locator(".verified-score")).ToContainTextAsync("核定得分：81.4 分（其中加分 2 分），等次 良好");
        await Expect(supervisor.Locator(".points-adjustment")).ToContainTextAsync("一般公共预算教育支出增长率 核定为 5 分：上年支出含一次性专项，剔除后为增长。");
        await Shot(supervisor, "scores-2-supervisor-verified.png");

        await supervisor.GotoAsync($"{Portal.RootUri}/Oversight?Choice=2022:{schemeId}&Region=140800");
        var row = supervisor.Locator("#county-list tbody tr", new() { HasText = "闻喜县" });
        await Expect(row.Locator(".county-score")).ToHaveTextAsync("76.4");
        await Expect(row.Locator(".county-verified")).ToHaveTextAsync("81.4（良好）");
        await Shot(supervisor, "scores-3-oversight.png");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserPortal.Artifacts, name), FullPage = true });
}
