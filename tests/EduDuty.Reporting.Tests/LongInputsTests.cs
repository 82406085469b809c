using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using EduDuty.Core.Reports;
using EduDuty.Testing;
using Xunit.Abstractions;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// Issue 24: a 100-character 发文机关 held a core for minutes in the title's line breaker. Issuers, titles and county names
/// of 200 characters (twice what the forms accept) render to a PDF and a Word file whose title is whole. The time is written
/// to the test output for docs/performance.md, not asserted: the bound itself is proven by counting the breaker's work
/// (<see cref="TitleBreakerTests"/>).
/// </summary>
public sealed class LongInputsTests(ITestOutputHelper output)
{
    // Common characters every report font has (rare ones such as 甴 are missing from the 楷/仿宋 faces and would read as gaps).
    private static readonly string Long = string.Concat(Enumerable.Repeat("山西省运城市闻喜县人民政府教育督导委员会办公室", 10))[..200];

    public static TheoryData<string> Cases() => new() { "issuer", "title", "county" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Two_hundred_characters_render_to_pdf_and_word_with_the_whole_title(string where)
    {
        var texts = where switch
        {
            "issuer" => ReportTexts.Defaults with { Issuer = Long },
            "title" => ReportTexts.Defaults with { Title = Long },
            _ => ReportTexts.Defaults,
        };
        var county = where == "county" ? Long : "闻喜县";
        var watch = Stopwatch.StartNew();

        var model = ReportBuilder.Build(GoldenCase.Result, texts, county, RenderedReports.Today);
        var pdf = RenderedReports.Renderer().RenderPdf(model);
        var docx = ReportRenderer.RenderDocx(model);
        output.WriteLine($"{where}: {watch.ElapsedMilliseconds} ms for PDF and Word");

        var first = SeedReport.Squash(string.Concat(RenderedReports.Letters(pdf)[0].Select(l => l.Value)));
        Assert.Contains(Long, first, StringComparison.Ordinal);
        using var stream = new MemoryStream(docx);
        using var word = WordprocessingDocument.Open(stream, false);
        Assert.Contains(Long, word.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }
}
