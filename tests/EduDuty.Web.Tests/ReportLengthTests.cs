using System.Net;
using AngleSharp.Dom;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 25, the length limit: under the documented scored scheme (report.maxLength 5000) the report page counts the body and
/// shows the limit, warns over it, and submitting a report over it asks the lead to confirm with the count — a question, not a
/// refusal; within the limit nothing is asked. Under SX-2021 (no limit) the page shows the count alone.
/// </summary>
public abstract class ReportLengthTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    /// <summary>The example's default plan text, "逐项明确整改措施、责任单位和完成时限。", counted by hand: 8 + 1 + 9 + 1.</summary>
    private const int DefaultPlanCharacters = 19;

    /// <summary>A plan of 4,800 characters: "抓好问题整改，逐项落实。" (抓好问题整改 6, ， 1, 逐项落实 4, 。 1 = 12) 400 times.</summary>
    private static readonly string LongPlan = string.Concat(Enumerable.Repeat("抓好问题整改，逐项落实。", 400));

    [Fact]
    public async Task Over_the_schemes_limit_the_page_warns_and_submitting_asks_for_a_confirmation_with_the_count()
    {
        var (id, _) = await ScoredExample.OpenForYunchengAsync(Factory.Services);
        await ScoredExample.EnterDeductedFiguresAsync(Factory.Services, id);
        var report = $"/Evaluations/{id}/Report";
        var overview = $"/Evaluations/{id}";

        // Within the limit: the count and the limit, no warning; the count is the preview's body as the page prints it. (The
        // settings are saved once as shown first: a saved 问题引导语 replaces the sentence printed when no problem is listed.)
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        Assert.Equal(HttpStatusCode.Redirect, (await official.SubmitAsync(report, "#report-form", new Dictionary<string, string>())).StatusCode);
        var page = await official.GetDocumentAsync(report);
        var under = ShownCount(page);
        Assert.Equal(BodyCharactersOf(page), under);
        Assert.InRange(under, 100, 5000);
        Assert.Equal($"正文 {under:N0} 字 / 上限 5,000 字", page.QuerySelector("#report-length .length-summary")!.TextContent.Trim());
        Assert.True(page.QuerySelector("#report-over-length")!.HasAttribute("hidden"));
        Assert.Equal(under.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#report-length")!.GetAttribute("data-count"));
        Assert.Equal("5000", page.QuerySelector("#report-length")!.GetAttribute("data-limit"));
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var leadsOverview = await lead.GetDocumentAsync(overview);
        Assert.NotNull(leadsOverview.QuerySelector("#submit-form"));
        Assert.Null(leadsOverview.QuerySelector("#over-length-warning"));

        // A plan of 4,800 characters replaces the default one: the count moves by exactly that, over the limit, and says by how much.
        Assert.Equal(4800, LongPlan.Length);
        Assert.Equal(HttpStatusCode.Redirect, (await official.SubmitAsync(report, "#report-form", new Dictionary<string, string> { ["Form.Plans[0].Text"] = LongPlan })).StatusCode);
        page = await official.GetDocumentAsync(report);
        var over = under - DefaultPlanCharacters + 4800;
        Assert.Equal(over, ShownCount(page));
        Assert.Equal(BodyCharactersOf(page), over);
        var warning = page.QuerySelector("#report-over-length")!;
        Assert.False(warning.HasAttribute("hidden"));
        Assert.Equal($"{over - 5000:N0}", warning.QuerySelector(".length-excess")!.TextContent);
        Assert.Contains("方案规定自评报告正文不超过 5,000 字。请精简", warning.TextContent); // no space between the sentences

        // The lead is asked with the count; submitting without the tick is refused with it, and nothing moves.
        leadsOverview = await lead.GetDocumentAsync(overview);
        Assert.Contains($"报告正文 {over:N0} 字，超过方案规定的上限 5,000 字（多 {over - 5000:N0} 字", leadsOverview.QuerySelector("#over-length-warning")!.TextContent);
        Assert.Contains("不含附表和佐证材料目录）。可先在", leadsOverview.QuerySelector("#over-length-warning")!.TextContent);
        Assert.NotNull(leadsOverview.QuerySelector("#submit-form input#despite-length[name=DespiteLength]"));
        var unconfirmed = await lead.SubmitAsync(leadsOverview, overview, "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason });
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Equal(
            $"报告正文 {over:N0} 字，超过方案规定的上限 5,000 字（多 {over - 5000:N0} 字，不含附表和佐证材料目录）。请在各领域页面和报告页精简文字后再提交；如确需按现有篇幅提交，请勾选“正文超过字数上限，仍然提交”。",
            (await PortalClient.ParseAsync(unconfirmed)).QuerySelector("#review-refusal")!.TextContent.Trim());
        Assert.Equal(EvaluationStatus.Draft, await StatusAsync(id));

        // Confirmed: submitted as it is — a warning, not a refusal.
        var confirmed = await lead.SubmitAsync(leadsOverview, overview, "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason, ["DespiteLength"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(EvaluationStatus.Submitted, await StatusAsync(id));
        Assert.Equal($"报告正文 {over:N0} 字，超过方案规定的上限 5,000 字，经县级负责人确认后提交",
            await Factory.WithDbAsync(db => db.EvaluationTransitions.Where(t => t.EvaluationId == id).Select(t => t.Reason).SingleAsync()));

        // 夏县, opened with it and within the limit: no question, the ordinary tick submits.
        var xiaxian = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.SchemeId == db.Evaluations.Where(w => w.Id == id).Select(w => w.SchemeId).Single() && e.County.Code == "140828").Select(e => e.Id).SingleAsync());
        await CountyFigures.ImportAsync(Factory.Services, xiaxian, "xiaxian.official", ScoredExample.DeductedNumbers.Select(n => (n.Code, FieldValue.Of(n.Number)))
            .Concat(ScoredExample.DeductedFlags.Select(f => (f.Code, FieldValue.Of(f.Flag)))).ToDictionary(p => p.Code, p => p.Item2, StringComparer.Ordinal));
        var xiaxianLead = await PortalClient.For(Factory).SignedInAsync("xiaxian.lead");
        var xiaxianOverview = await xiaxianLead.GetDocumentAsync($"/Evaluations/{xiaxian}");
        Assert.Null(xiaxianOverview.QuerySelector("#over-length-warning"));
        Assert.Equal(HttpStatusCode.Redirect, (await xiaxianLead.SubmitAsync(xiaxianOverview, $"/Evaluations/{xiaxian}", "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason })).StatusCode);
        Assert.Equal(EvaluationStatus.Submitted, await StatusAsync(xiaxian));
        Assert.Null(await Factory.WithDbAsync(db => db.EvaluationTransitions.Where(t => t.EvaluationId == xiaxian).Select(t => t.Reason).SingleAsync()));
    }

    [Fact]
    public async Task Without_a_limit_the_page_shows_the_count_alone()
    {
        var id = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == Wenxi.Code && e.Year == 2021).Select(e => e.Id).SingleAsync());
        var page = await (await PortalClient.For(Factory).SignedInAsync("wenxi.official")).GetDocumentAsync($"/Evaluations/{id}/Report");

        var count = ShownCount(page);
        Assert.Equal(BodyCharactersOf(page), count);
        Assert.Equal($"正文 {count:N0} 字", page.QuerySelector("#report-length .length-summary")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#report-over-length"));
        Assert.Equal("", page.QuerySelector("#report-length")!.GetAttribute("data-limit") ?? "");
    }

    private static int ShownCount(IDocument page) =>
        int.Parse(page.QuerySelector("#report-length .length-count")!.TextContent, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The body as the preview prints it, counted here: the introduction's and every heading's and paragraph's characters up to
    /// the signature, whitespace left out (the report has no invisible characters).
    /// </summary>
    private static int BodyCharactersOf(IDocument page)
    {
        var preview = page.QuerySelector("#report-preview")!;
        var blocks = preview.Children.TakeWhile(e => !e.ClassList.Contains("report-signature"))
            .Where(e => e.ClassList.Contains("report-paragraph") || e.ClassList.Contains("report-h1") || e.ClassList.Contains("report-h2"));
        return blocks.Sum(e => e.TextContent.Count(c => !char.IsWhiteSpace(c)));
    }

    private Task<EvaluationStatus> StatusAsync(int id) =>
        Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync());
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteReportLengthTests(SqlitePortalFactory factory) : ReportLengthTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresReportLengthTests(PostgresPortalFactory factory) : ReportLengthTests<PostgresPortalFactory>(factory);
