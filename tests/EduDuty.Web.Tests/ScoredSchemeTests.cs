using System.Net;
using AngleSharp.Dom;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 16: a county evaluated under a scheme that scores (the documented example, uploaded by the province's admin) sees
/// its self-score and grade with the breakdown per area, and its report opens with "自评总得分为××分，其中申请加分×分";
/// under SX-2021, which has no points, nothing of it shows.
/// </summary>
public abstract class ScoredSchemeTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task A_scoring_scheme_shows_the_self_score_on_the_overview_and_in_the_reports_introduction()
    {
        var (id, _) = await ScoredExample.OpenForYunchengAsync(Factory.Services);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        // Before any figure (issue 26): the card shows a dash, not 0 points and the lowest grade.
        var untouchedCard = (await official.GetDocumentAsync($"/Evaluations/{id}")).QuerySelector("#self-score")!;
        Assert.Equal(("— / 100 分", "—"), (untouchedCard.QuerySelector(".score-total")!.TextContent.Trim(), untouchedCard.QuerySelector(".score-grade")!.TextContent.Trim()));
        Assert.Contains("尚未填报数据，暂不计分", untouchedCard.QuerySelector("#score-not-started")!.TextContent);
        Assert.All(untouchedCard.QuerySelectorAll("tbody tr td:nth-child(2)"), td => Assert.Equal("—", td.TextContent.Trim()));
        Assert.DoesNotContain("不合格", untouchedCard.TextContent);

        // Every deduction once (hand-scored in ScorerTests): 74.4 of 100, 合格.
        await ScoredExample.EnterDeductedFiguresAsync(Factory.Services, id);

        var overview = (await official.GetDocumentAsync($"/Evaluations/{id}")).QuerySelector("#self-score")!;
        Assert.Equal("74.4 / 100 分", overview.QuerySelector(".score-total")!.TextContent.Trim());
        Assert.Equal("合格", overview.QuerySelector(".score-grade")!.TextContent.Trim());
        Assert.Equal(["25.4", "49"], overview.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()));
        var report = (await official.GetDocumentAsync($"/Evaluations/{id}/Report")).QuerySelector("#report-preview")!;
        Assert.Contains("自评总得分为74.4分，其中申请加分0分。", report.TextContent);

        // The county applies for a bonus with its reason and its proof: without a file for the item it is refused, saying how;
        // the card's link opens the evidence page with the item chosen.
        var url = $"/Evaluations/{id}";
        var unproven = await official.SubmitAsync(url, "[data-bonus='J01'] .bonus-apply-form", new Dictionary<string, string> { ["ScoreReason"] = "2022年5月承办全省学前教育现场推进会。" });
        Assert.Equal(HttpStatusCode.Conflict, unproven.StatusCode); // not now: the proof is missing
        Assert.Contains("请先上传证明材料", await unproven.Content.ReadAsStringAsync());
        var proofLink = overview.QuerySelector("[data-bonus='J01'] .bonus-proof a")!.GetAttribute("href")!;
        var evidencePage = await official.GetDocumentAsync(proofLink);
        Assert.Equal("J01", ((AngleSharp.Html.Dom.IHtmlSelectElement)evidencePage.QuerySelector("#target")!).Value);
        var pdf = await File.ReadAllBytesAsync(EduDuty.Testing.RepositoryPaths.Fixture("evidence", "notice.pdf"));
        Assert.Equal(HttpStatusCode.Redirect, (await official.PostFilesAsync(evidencePage, "#upload-form", new Dictionary<string, string>(), ("files", "现场会通知.pdf", pdf))).StatusCode);
        Assert.Contains("加分项 J01：承办省级以上教育工作现场会", (await official.GetDocumentAsync($"{url}/Evidence")).QuerySelector("#evidence-" + await Factory.WithDbAsync(db => db.EvidenceFiles.Where(f => f.EvaluationId == id).Select(f => f.Id).SingleAsync()))!.TextContent);
        // Now the claim is taken: the self-score and the report's opening count it.
        Assert.Equal(HttpStatusCode.Redirect, (await official.SubmitAsync(url, "[data-bonus='J01'] .bonus-apply-form", new Dictionary<string, string> { ["ScoreReason"] = "2022年5月承办全省学前教育现场推进会。" })).StatusCode);
        var noReason = await official.SubmitAsync(url, "[data-bonus='J02'] .bonus-apply-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("请写明理由", await noReason.Content.ReadAsStringAsync());
        overview = (await official.GetDocumentAsync(url)).QuerySelector("#self-score")!;
        Assert.Equal(("76.4 / 100 分", "2"), (overview.QuerySelector(".score-total")!.TextContent.Trim(), overview.QuerySelector(".score-bonus")!.TextContent.Trim()));
        Assert.Contains("自评总得分为76.4分，其中申请加分2分。", (await official.GetDocumentAsync($"{url}/Report")).QuerySelector("#report-preview")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await official.PostFormAsync(url, "[data-bonus='J01'] .bonus-apply-form", new Dictionary<string, string> { ["ScoreCode"] = "J01" }, "GrantBonus")).StatusCode);

        // The supervisor's lists read the stored self-score: 督导总览's county list and the all-counties workbook.
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var schemeId = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.SchemeId).SingleAsync());
        var row = (await supervisor.GetDocumentAsync($"/Oversight?Choice=2022:{schemeId}&Region=140800")).QuerySelectorAll("#county-list tbody tr").Single(tr => tr.TextContent.Contains("闻喜县", StringComparison.Ordinal));
        Assert.Equal(("76.4", "合格"), (row.QuerySelector(".county-score")!.TextContent.Trim(), row.QuerySelector(".county-grade")!.TextContent.Trim()));
        var untouched = (await supervisor.GetDocumentAsync($"/Oversight?Choice=2022:{schemeId}&Region=140800")).QuerySelectorAll("#county-list tbody tr").Single(tr => tr.TextContent.Contains("夏县", StringComparison.Ordinal));
        Assert.Equal(("—", "—"), (untouched.QuerySelector(".county-score")!.TextContent.Trim(), untouched.QuerySelector(".county-grade")!.TextContent.Trim())); // no figure, no score
        var workbook = await (await supervisor.Http.GetAsync($"/Oversight/Export?handler=Download&Choice=2022:{schemeId}&Region=140800")).Content.ReadAsByteArrayAsync();
        var summary = XlsxEdit.Cells(workbook)["汇总"];
        var header = summary.Where(c => c.Key.EndsWith("1", StringComparison.Ordinal) && c.Key.Length <= 3).ToDictionary(c => c.Value, c => c.Key[..^1]);
        var wenxiRow = summary.Single(c => c.Value == "140823").Key[1..];
        Assert.Equal(("76.4", "合格"), (summary[header["自评得分"] + wenxiRow], summary[header["等次"] + wenxiRow]));
        Assert.Equal(("", ""), (summary.GetValueOrDefault(header["核定得分"] + wenxiRow, ""), summary.GetValueOrDefault(header["核定等次"] + wenxiRow, ""))); // not reviewed yet
        var xiaxianRow = summary.Single(c => c.Value == "140828").Key[1..];
        Assert.Equal("", summary.GetValueOrDefault(header["自评得分"] + xiaxianRow, "")); // nothing entered: no score
        Assert.Equal("—", row.QuerySelector(".county-verified")!.TextContent.Trim());

        // Submitted: the county's claims are locked; the supervisor refuses the bonus (with a reason) and adjusts an indicator.
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EduDuty.Core.Review.EvaluationStatus.Submitted)));
        // The score card posts the versions it showed (issue 24): a decision on a version decided since is refused with 409.
        var seen = (await supervisor.GetDocumentAsync(url)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#adjust-points-form input[name=ScoreSeen]")!.Value;
        var refuseBare = await supervisor.PostFormAsync(url, "#adjust-points-form", new Dictionary<string, string> { ["ScoreCode"] = "J01", ["ScoreSeen"] = seen }, "RefuseBonus");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refuseBare.StatusCode);
        Assert.Contains("不予加分时请写明理由", await refuseBare.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.PostFormAsync(url, "#adjust-points-form", new Dictionary<string, string> { ["ScoreCode"] = "J01", ["ScoreReason"] = "现场会为市级，不符合加分条件。", ["ScoreSeen"] = seen }, "RefuseBonus")).StatusCode);
        var stale = await supervisor.PostFormAsync(url, "#adjust-points-form", new Dictionary<string, string> { ["ScoreCode"] = "J01", ["ScoreReason"] = "同意加分。", ["ScoreSeen"] = seen }, "GrantBonus");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains(EduDuty.Core.Messaging.Messages.BonusClaimMoved.Text, await stale.Content.ReadAsStringAsync());
        var tooMany = await supervisor.SubmitAsync(url, "#adjust-points-form", new Dictionary<string, string> { ["ScoreCode"] = "A01.03", ["ScorePoints"] = "12", ["ScoreReason"] = "超过满分" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(url, "#adjust-points-form", new Dictionary<string, string> { ["ScoreCode"] = "A01.03", ["ScorePoints"] = "5", ["ScoreReason"] = "上年支出含一次性专项，剔除后为增长。" })).StatusCode);
        var verified = (await supervisor.GetDocumentAsync(url)).QuerySelector("#self-score")!;
        // 74.4 with 增长率 0 → 5 (the adjustment) and no bonus: 79.4, 合格; the county's self-score stays 76.4.
        Assert.Contains("核定得分：79.4 分（其中加分 0 分），等次 合格", verified.QuerySelector(".verified-score")!.TextContent);
        Assert.Equal("76.4 / 100 分", verified.QuerySelector(".score-total")!.TextContent.Trim());
        Assert.Equal("不予加分", verified.QuerySelector("[data-bonus='J01'] .bonus-state")!.TextContent.Trim());
        Assert.Equal("现场会通知", verified.QuerySelector("[data-bonus='J01'] .bonus-proof a")!.TextContent.Trim()); // the proof beside the claim
        // The lists read the verified score stored with the decisions: 督导总览's county list and the workbook's 核定得分 / 核定等次.
        var reviewed = (await supervisor.GetDocumentAsync($"/Oversight?Choice=2022:{schemeId}&Region=140800")).QuerySelectorAll("#county-list tbody tr").Single(tr => tr.TextContent.Contains("闻喜县", StringComparison.Ordinal));
        Assert.Equal(("76.4", "79.4（合格）"), (reviewed.QuerySelector(".county-score")!.TextContent.Trim(), reviewed.QuerySelector(".county-verified")!.TextContent.Trim()));
        var reviewedBook = XlsxEdit.Cells(await (await supervisor.Http.GetAsync($"/Oversight/Export?handler=Download&Choice=2022:{schemeId}&Region=140800")).Content.ReadAsByteArrayAsync())["汇总"];
        Assert.Equal(("79.4", "合格"), (reviewedBook[header["核定得分"] + wenxiRow], reviewedBook[header["核定等次"] + wenxiRow]));
        var lockedApply = await official.PostFormAsync(url, "#logout-form", new Dictionary<string, string> { ["ScoreCode"] = "J02", ["ScoreReason"] = "理由" }, "ApplyBonus");
        Assert.Equal(HttpStatusCode.Conflict, lockedApply.StatusCode); // submitted: locked, not now
        Assert.Contains("评价已提交", await lockedApply.Content.ReadAsStringAsync());
        // The region's roll-up states the submitted counties' self-scores (闻喜县 alone has submitted: its stored 76.4, 合格).
        var rollup = (await supervisor.GetDocumentAsync($"/Oversight/Rollup?Choice=2022:{schemeId}&Region=140800")).QuerySelector("#report-preview")!.TextContent;
        Assert.Contains("已提交的1个县（市、区）自评得分平均为76.4分，最高76.4分（闻喜县），最低76.4分（闻喜县）；按自评得分（含否决项），优秀0个、良好0个、合格1个、不合格0个。", rollup);

        var audit = await Wenxi.AuditAsync(Factory, id);
        Assert.Equal(["申请加分 J01 承办省级以上教育工作现场会", "申请加分 J01", "核定得分 A01.03"], audit.Where(a => a.Kind == AuditKind.Score).Select(a => a.Target));

        // SX-2021 as published: no score anywhere.
        var sx = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == Wenxi.Code && e.Year == 2021).Select(e => e.Id).SingleAsync());
        Assert.Null((await official.GetDocumentAsync($"/Evaluations/{sx}")).QuerySelector("#self-score"));
        Assert.DoesNotContain("自评总得分", (await official.GetDocumentAsync($"/Evaluations/{sx}/Report")).QuerySelector("#report-preview")!.TextContent);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteScoredSchemeTests(SqlitePortalFactory factory) : ScoredSchemeTests<SqlitePortalFactory>(factory);
