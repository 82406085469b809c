using EduDuty.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using EduDuty.Core.Reports;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// Issue 25: a draft's PDF and Word file carry a visible 草稿 mark on every page and no date that could pass for the final
/// one; a report that is no draft carries neither the mark nor the placeholder for its date.
/// </summary>
public sealed class DraftMarkTests
{
    private static readonly Lazy<(ReportDocument Model, byte[] Pdf)> Draft = new(() =>
    {
        var model = RenderedReports.Golden.Model with { Draft = true };
        return (model, RenderedReports.Renderer().RenderPdf(model));
    });

    // The golden report's date, written out by the report model ("2026年11月28日" or the texts' own date): not ours to restate.
    private static string FinalDate => RenderedReports.Golden.Model.Date;

    [Fact]
    public void Every_page_of_a_draft_pdf_says_草稿_and_no_page_prints_the_date()
    {
        var pages = Tools.PdfToText(Draft.Value.Pdf).Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();

        Assert.Equal(RenderedReports.Letters(Draft.Value.Pdf).Count, pages.Count);
        Assert.All(pages, p => Assert.Contains("草稿 · 未提交，不作为正式报告", p, StringComparison.Ordinal));
        Assert.DoesNotContain(pages, p => p.Contains(FinalDate, StringComparison.Ordinal));
        Assert.Contains(pages, p => p.Contains("（草稿，提交后生成日期）", StringComparison.Ordinal));
        Assert.Contains(RenderedReports.Golden.Model.Signature, string.Concat(pages), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_that_is_no_draft_has_its_date_and_no_mark()
    {
        var pdf = RenderedReports.Golden.Pdf;
        var text = Tools.PdfToText(pdf);

        Assert.DoesNotContain("草稿", text, StringComparison.Ordinal);
        Assert.Contains(FinalDate, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_draft_mark_stands_above_the_type_area_and_leaves_the_body_where_it_was()
    {
        var draft = RenderedReports.Letters(Draft.Value.Pdf);
        var final = RenderedReports.Letters(RenderedReports.Golden.Pdf);

        Assert.Equal(final.Count, draft.Count);
        foreach (var page in draft)
        {
            var mark = page.Where(l => l.StartBaseLine.Y > RenderedReports.PdfY(Gb9704.Top)).ToList();
            Assert.Equal("草稿·未提交，不作为正式报告", string.Concat(mark.Select(l => l.Value)).Replace(" ", string.Empty, StringComparison.Ordinal));
        }

        // The first page's body lines are where the final report has them: same letters, same positions.
        static IEnumerable<string> Body(IReadOnlyList<UglyToad.PdfPig.Content.Letter> page) =>
            page.Where(l => l.StartBaseLine.Y <= RenderedReports.PdfY(Gb9704.Top)).Select(l => $"{l.Value}@{l.StartBaseLine.X:F1},{l.StartBaseLine.Y:F1}");
        Assert.Equal(Body(final[0]), Body(draft[0]));
    }

    [Fact]
    public void A_draft_pdf_names_itself_a_draft_in_its_title()
    {
        var (_, info) = Tools.RunOn(Draft.Value.Pdf, "pdf", "pdfinfo");

        Assert.Matches($"Title:\\s+{RenderedReports.Golden.Model.Title}（草稿）", info);
    }

    [Fact]
    public void The_models_plain_text_of_a_draft_starts_with_the_notice_and_has_no_date()
    {
        var text = Draft.Value.Model.ToPlainText();

        Assert.StartsWith(ReportDocument.DraftNotice + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.DoesNotContain(FinalDate, text, StringComparison.Ordinal);
        Assert.Contains(ReportDocument.DraftDateLine, text, StringComparison.Ordinal);
        Assert.DoesNotContain("草稿", RenderedReports.Golden.Model.ToPlainText(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_draft_word_file_has_the_notice_in_the_header_of_odd_and_even_pages_and_no_date()
    {
        var docx = ReportRenderer.RenderDocx(Draft.Value.Model);
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var main = document.MainDocumentPart!;

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var section = main.Document!.Body!.Elements<SectionProperties>().Single();
        var headers = section.Elements<HeaderReference>().ToDictionary(h => h.Type!.Value, h => ((HeaderPart)main.GetPartById(h.Id!)).Header!.InnerText);
        Assert.Equal(ReportDocument.DraftNotice, headers[HeaderFooterValues.Default]);
        Assert.Equal(ReportDocument.DraftNotice, headers[HeaderFooterValues.Even]);

        var body = main.Document.Body.InnerText;
        Assert.DoesNotContain(FinalDate, body, StringComparison.Ordinal);
        Assert.Contains(ReportDocument.DraftDateLine, body, StringComparison.Ordinal);
        Assert.Contains("（草稿）", document.PackageProperties.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_word_file_that_is_no_draft_has_no_header_and_its_date()
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(ReportRenderer.RenderDocx(RenderedReports.Golden.Model)), false);
        var main = document.MainDocumentPart!;

        Assert.Empty(main.HeaderParts);
        Assert.Contains(FinalDate, main.Document!.Body!.InnerText, StringComparison.Ordinal);
        Assert.DoesNotContain("草稿", main.Document.Body.InnerText, StringComparison.Ordinal);
    }
}
