using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using EduDuty.Core.Reports;
using EduDuty.Core.Rules;
using EduDuty.Testing;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// Issue 26, item 1 (decision 0035), on the documents a county sends: the PDF as pdftotext reads it and the Word file's text,
/// for the golden case, the default texts, every demo county and a county with nothing entered — no claim of
/// <see cref="ReportClaims"/> about an indicator not filled in.
/// </summary>
public sealed class UnknownInDocumentsTests
{
    public static TheoryData<string> CaseNames() => [.. ReportClaims.Cases().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Neither_the_pdf_nor_the_word_file_states_anything_about_an_unfilled_indicator(string name)
    {
        var (_, result, texts, county) = ReportClaims.Cases().Single(c => c.Name == name);
        var report = ReportBuilder.Build(result, texts, county, RenderedReports.Today);
        var unknown = IndicatorStates.Tally(result).Unknown;
        var listsProblems = ReportBuilder.Problems(result, texts.Problems ?? [], new DefaultTexts(result.Scheme, county)).Any();

        var pdfText = Tools.PdfToText(RenderedReports.Renderer().RenderPdf(report));
        using var docx = WordprocessingDocument.Open(new MemoryStream(ReportRenderer.RenderDocx(report)), false);
        var wordText = string.Join("\n", docx.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText));

        var found = ReportClaims.Found(pdfText, unknown, listsProblems, ReportDocument.AppendixTitle).Select(f => "PDF: " + f)
            .Concat(ReportClaims.Found(wordText, unknown, listsProblems, ReportDocument.AppendixTitle).Select(f => "Word: " + f)).ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
        if (unknown > 0) Assert.Contains("未作判断", pdfText.Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
    }
}
