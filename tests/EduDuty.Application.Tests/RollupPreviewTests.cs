using EduDuty.Application.Oversight.Rollup;
using EduDuty.Core.Reports;
using EduDuty.Core.Reports.Rollup;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Testing;

namespace EduDuty.Application.Tests;

/// <summary>
/// The 综合报告 page's view of the report (issue 28): 280 counties, a third failing 学前三年毛入园率 (A10.03, target ≥ 90 %) with
/// 80 %, all submitted; the page shows 50 counties' conclusions and table rows at a time, everything else of the document as
/// built, and a paragraph naming 94 counties with their values (more than 600 characters) shortened with its length.
/// </summary>
public sealed class RollupPreviewTests
{
    private const int Counties = 280;

    private static (RegionFacts Facts, ReportDocument Document) Report()
    {
        var counties = Enumerable.Range(1, Counties).Select(i => new RollupCounty($"第{i}县", CountyState.Submitted, false,
            new ResultSummary(100, 100, 0, 0, i % 3 == 1 ? ["A10.03"] : [], 0, new Dictionary<string, decimal> { ["A10.03"] = i % 3 == 1 ? 80m : 95m }))).ToList();
        var facts = new RegionFacts("基准市", 2021, GoldenCase.Scheme, null, counties);
        return (facts, RollupBuilder.Build(facts, new RollupTexts()));
    }

    private static List<string> Conclusions(ReportDocument document)
    {
        var body = document.Body.ToList();
        var at = body.FindIndex(b => b is ReportHeading { Content: RollupBuilder.ConclusionsHeading });
        return body.Skip(at + 1).TakeWhile(b => b is ReportParagraph).Select(b => b.Text).ToList();
    }

    [Fact]
    public void Page_2_shows_the_next_50_counties_conclusions_and_table_rows()
    {
        var (_, document) = Report();
        var outcome = RollupPreview.Of(document, Counties, 2);

        Assert.True(outcome.IsDone);
        var preview = outcome.Value!;
        Assert.Equal((2, 6, 51, 50), (preview.Page, preview.PageCount, preview.First, preview.Shown));
        var shown = Conclusions(preview.Document);
        Assert.Equal(50, shown.Count);
        Assert.StartsWith("51.第51县：审核", shown[0].Replace("已提交，待审核", "审核", StringComparison.Ordinal));
        Assert.StartsWith("100.第100县：", shown[^1]);
        Assert.Equal(Conclusions(document).Skip(50).Take(50), shown); // the same paragraphs, not rewritten
        Assert.Equal(Enumerable.Range(51, 50).Select(i => $"第{i}县"), preview.Document.Grid!.Rows.Select(r => r[0]));
        Assert.Equal(document.Grid!.Rows.Skip(50).Take(50), preview.Document.Grid.Rows);
    }

    [Fact]
    public void The_last_page_holds_what_is_left_and_a_page_past_it_is_refused_in_chinese()
    {
        var (_, document) = Report();

        var last = RollupPreview.Of(document, Counties, 6).Value!;
        var beyond = RollupPreview.Of(document, Counties, 7);
        var zero = RollupPreview.Of(document, Counties, 0);

        Assert.Equal(30, last.Shown);
        Assert.Equal(Enumerable.Range(251, 30).Select(i => $"第{i}县"), last.Document.Grid!.Rows.Select(r => r[0]));
        // Like every list (issue 15), a page that is not there shows the nearest one: past the last the last, before the first the first.
        Assert.Equal((6, 251), (beyond.Value!.Page, beyond.Value.First));
        Assert.Equal((1, 1), (zero.Value!.Page, zero.Value.First));
    }

    [Fact]
    public void Everything_but_the_county_lists_is_the_document_as_built_long_paragraphs_shortened_with_their_length()
    {
        var (facts, document) = Report();
        var preview = RollupPreview.Of(document, Counties, 1).Value!;

        var outside = document.Body.Except(document.Body.Where(b => Conclusions(document).Contains(b.Text))).Select(b => b.Text).ToList();
        var shownOutside = preview.Document.Body.Where(b => !Conclusions(preview.Document).Contains(b.Text)).Select(b => b.Text).ToList();
        Assert.Equal(outside.Count, shownOutside.Count);
        // 学前三年毛入园率 fails in 94 counties (1, 4, …, 280): its problem paragraph names them all with 80%.
        var problem = outside.Single(t => t.Contains("学前三年毛入园率（目标≥90%）未达标的有94个县", StringComparison.Ordinal));
        Assert.True(problem.Length > RollupPreview.ParagraphLimit, $"{problem.Length}");
        var shortened = shownOutside.Single(t => t.Contains("学前三年毛入园率（目标≥90%）未达标的有94个县", StringComparison.Ordinal));
        Assert.Equal(problem[..RollupPreview.ParagraphLimit] + $"……（此段共 {problem.Length} 字，页面只显示开头；全文见下载的 PDF 或 Word）", shortened);
        Assert.Equal(outside.Where(t => t.Length <= RollupPreview.ParagraphLimit), shownOutside.Where(t => !t.Contains("页面只显示开头", StringComparison.Ordinal)));
        Assert.Equal(94, facts.FailingIn("A10.03").Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public void A_page_built_for_its_counties_alone_is_the_page_of_the_whole_report(int page)
    {
        var (facts, document) = Report();

        var built = RollupPreview.Of(facts, new RollupTexts(), page).Value!;
        var cut = RollupPreview.Of(document, Counties, page).Value!;

        Assert.Equal((cut.Page, cut.PageCount, cut.Counties, cut.First, cut.Shown), (built.Page, built.PageCount, built.Counties, built.First, built.Shown));
        Assert.Equal(cut.Document.Body.Select(b => (b.GetType(), b.Text)), built.Document.Body.Select(b => (b.GetType(), b.Text)));
        Assert.Equal(cut.Document.Grid!.Rows, built.Document.Grid!.Rows);
        string Frame(ReportDocument d) => string.Join("|", d.Title, d.Addressee, d.Intro.ToString(), d.Signature, d.Date, d.Subject, d.Notice, d.NoticeMark,
            d.Appendix.Count, d.Grid!.Title, string.Join(",", d.Grid.Headers), string.Join(",", d.Grid.Widths), d.Grid.Note);
        Assert.Equal(Frame(cut.Document), Frame(built.Document));
        // Pages that are not there are the nearest ones, built the same way as the pages cut from the whole report.
        Assert.Equal(RollupPreview.Of(document, Counties, 6).Value!.Document.Grid!.Rows, RollupPreview.Of(facts, new RollupTexts(), 7).Value!.Document.Grid!.Rows);
        Assert.Equal(1, RollupPreview.Of(facts, new RollupTexts(), 0).Value!.Page);
    }
}
