using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Reporting.Excel;
using EduDuty.Testing;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// Issue 24: a rendering stops when its token is cancelled — the client left or the time budget is spent — between two units
/// of its work, instead of running on for nobody. Each renderer is given a token cancelled before it starts (nothing is
/// done) and a token cancelled by the observer as the first unit starts (a page, a paragraph, a row): the work stops before
/// the second. Units are counted, not timed; the full document's count shows how much was spared.
/// </summary>
public sealed class RenderStopTests
{
    private static readonly Core.Reports.ReportDocument Report = RenderedReports.Golden.Model;

    public static TheoryData<string> Renderers => ["pdf", "docx", "county workbook", "counties workbook", "table workbook"];

    [Theory]
    [MemberData(nameof(Renderers))]
    public void A_token_cancelled_before_the_start_stops_the_rendering_before_its_first_unit(string renderer)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var units = 0;

        Assert.ThrowsAny<OperationCanceledException>(() => Render(renderer, new RenderProgress(cancelled.Token, _ => units++)));

        Assert.Equal(0, units);
    }

    [Theory]
    [MemberData(nameof(Renderers))]
    public void A_token_cancelled_as_the_first_unit_starts_stops_the_rendering_before_the_second(string renderer)
    {
        var whole = 0;
        Render(renderer, new RenderProgress(CancellationToken.None, n => whole = n));
        using var stop = new CancellationTokenSource();
        var units = 0;

        Assert.ThrowsAny<OperationCanceledException>(() => Render(renderer, new RenderProgress(stop.Token, n =>
        {
            units = n;
            if (n == 1) stop.Cancel(); // the client leaves while the first page (paragraph, row) is made
        })));

        Assert.Equal(1, units);
        Assert.True(whole > 10, $"the whole {renderer} has {whole} units"); // the golden report: 24 pages, hundreds of paragraphs and rows
    }

    private static void Render(string renderer, RenderProgress progress)
    {
        switch (renderer)
        {
            case "pdf": RenderedReports.Renderer().RenderPdf(Report, progress); break;
            case "docx": ReportRenderer.RenderDocx(Report, progress); break;
            case "county workbook":
                CountyWorkbook.Write(new CountyWorkbookContent(RuleEngine.For(GoldenCase.Scheme).Evaluate(GoldenCase.Figures), "闻喜县", "140823", 2021,
                    new Dictionary<string, int>(), new Dictionary<string, FieldValue>(), new DateTime(2026, 11, 29, 7, 30, 0, DateTimeKind.Utc)), progress);
                break;
            case "counties workbook":
                using (var workbook = new CountiesWorkbook(GoldenCase.Scheme, 30, progress))
                {
                    var result = RuleEngine.For(GoldenCase.Scheme).Evaluate(GoldenCase.Figures);
                    for (var i = 0; i < 30; i++) workbook.Add(new CountyLine($"1408{i:D2}", $"第{i}县", "运城市", "已提交", null, null, result));
                    workbook.SaveAsync(Stream.Null, progress.Cancellation).GetAwaiter().GetResult();
                }

                break;
            default:
                TableWorkbook.Write("修改记录", [new TableColumn("时间", 18), new TableColumn("内容", 40)],
                    Enumerable.Range(0, 500).Select(i => (IReadOnlyList<string?>)[$"2021-11-{i % 30 + 1:D2}", $"第 {i} 条"]), progress);
                break;
        }
    }
}
