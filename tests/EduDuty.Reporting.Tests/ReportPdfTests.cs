using System.Globalization;
using System.Xml.Linq;
using EduDuty.Core.Reports;
using EduDuty.Reporting.Fonts;
using EduDuty.Reporting.Layout;
using EduDuty.Testing;
using UglyToad.PdfPig;

namespace EduDuty.Reporting.Tests;

public sealed class ReportPdfTests
{
    [Fact]
    public void A_thirty_page_report_renders_with_every_page_numbered()
    {
        var paragraph = string.Concat(Enumerable.Repeat("全县持续推进教育优先发展,学前三年毛入园率达{A10.03}%,民办义务教育在校生占比{A07.07}%。", 6));
        var texts = new ReportTexts
        {
            Areas = GoldenCase.Scheme.EvaluationAreas.ToDictionary(a => a.Key, _ => (IReadOnlyList<string>)Enumerable.Repeat(paragraph, 12).ToList()),
        };

        var (model, pdf) = RenderedReports.Render(texts);
        using var document = PdfDocument.Open(pdf);

        Assert.True(document.NumberOfPages >= 30, $"{document.NumberOfPages} pages");
        var pages = RenderedReports.Letters(pdf);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Equal($"—{i + 1}—", SeedReport.Squash(string.Concat(pages[i].Where(RenderedReports.IsInFooter).Select(l => l.Value))));
        }

        Assert.Equal(RenderedReports.Comparable(model.ToPlainText()), RenderedReports.Comparable(RenderedReports.BodyText(pdf)));
    }

    [Fact]
    public void Markup_in_the_texts_is_printed_literally()
    {
        var texts = new ReportTexts { Basic = ["<script>alert('x')</script>与<b>加粗</b>&amp;"] };

        var (_, pdf) = RenderedReports.Render(texts);

        Assert.Contains("<script>alert('x')</script>与<b>加粗</b>&amp;", SeedReport.Squash(RenderedReports.BodyText(pdf)));
    }

    [Fact]
    public void The_pdf_passes_qpdf_check_and_embeds_every_font_as_a_subset_with_metadata()
    {
        var path = Path.Combine(Path.GetTempPath(), $"eduduty-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, RenderedReports.Golden.Pdf);
        try
        {
            var (qpdfCode, qpdfOut) = Tools.Run("qpdf", "--check", path);
            Assert.True(qpdfCode == 0, qpdfOut);
            Assert.DoesNotContain("WARNING", qpdfOut, StringComparison.Ordinal);

            var (_, fonts) = Tools.Run("pdffonts", path);
            var rows = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.Matches(@"^[A-Z]{6}\+.*CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", r));

            var (infoCode, info) = Tools.Run("pdfinfo", path);
            Assert.Equal(0, infoCode);
            Assert.Contains("闻喜县人民政府办公室关于履行教育职责评价工作的自评报告", info, StringComparison.Ordinal);
            Assert.Matches(@"Author:\s+闻喜县人民政府办公室", info);
            Assert.Matches(@"CreationDate:\s+\S", info);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Subset_fonts_carry_no_metrics_for_glyphs_they_do_not_contain()
    {
        // Before trimming PDFsharp's full hmtx copies the golden report was 442 KB, and with its structure tree (tagged PDF,
        // about 60 KB) it would be about 500 KB; the glyph outlines alone are about 255 KB.
        Assert.InRange(RenderedReports.Golden.Pdf.Length, 250_000, 460_000);
    }

    [Fact]
    public void A_missing_font_is_a_clear_message_and_no_pdf()
    {
        var fonts = FontCatalog.Discover(new Dictionary<FontRole, string?> { [FontRole.Kai] = "/nonexistent/simkai.ttf" });

        Assert.False(fonts.IsComplete);
        var ex = Assert.Throws<ReportFontsMissingException>(() => new ReportRenderer(fonts).RenderPdf(RenderedReports.Golden.Model));
        Assert.Contains("二级标题（楷体）字体文件不存在：/nonexistent/simkai.ttf", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Report:Fonts:Kai", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_dates_are_in_china_time()
    {
        // 11:43:33 UTC is 19:43:33 in China (UTC+8 all year).
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 11, 43, 33, TimeSpan.Zero));
        var pdf = new ReportRenderer(RenderedReports.Renderer().Fonts, clock).RenderPdf(RenderedReports.Golden.Model);

        using var document = PdfDocument.Open(pdf);
        Assert.Equal("D:20261128194333+08'00'", document.Information.CreationDate);
        Assert.Equal("D:20261128194333+08'00'", document.Information.ModifiedDate);
        Assert.True(document.TryGetXmpMetadata(out var xmp));
        XNamespace ns = "http://ns.adobe.com/xap/1.0/";
        var created = DateTimeOffset.Parse(xmp.GetXDocument().Descendants(ns + "CreateDate").Single().Value, CultureInfo.InvariantCulture);
        Assert.Equal(clock.GetUtcNow(), created);
    }

    [Fact]
    public void A_configured_ttc_face_is_used()
    {
        var fonts = FontCatalog.Discover(new Dictionary<FontRole, string?> { [FontRole.Body] = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#1" });
        var pdf = new ReportRenderer(fonts).RenderPdf(RenderedReports.Golden.Model);

        using var document = PdfDocument.Open(pdf);
        Assert.Contains(document.GetPage(2).Letters, l => (l.FontName ?? "").Contains("Zen Hei Mono", StringComparison.Ordinal));
    }

    [Fact]
    public void Appendix_tables_repeat_their_header_after_a_page_break()
    {
        var pdf = RenderedReports.Golden.Pdf;
        using var document = PdfDocument.Open(pdf);
        var appendixPages = document.GetPages()
            .Select(p => SeedReport.Squash(string.Concat(p.Letters.Select(l => l.Value))))
            .SkipWhile(t => !t.Contains(SeedReport.Squash(ReportDocument.AppendixTitle), StringComparison.Ordinal))
            .ToList();

        Assert.True(appendixPages.Count >= 2);
        // Every page with table rows (a status in them) starts them under the header; a page may hold only an unfilled line.
        Assert.All(appendixPages.Where(t => t.Contains("达标", StringComparison.Ordinal)), t => Assert.Contains("指标数值目标结论", t, StringComparison.Ordinal));
        Assert.Contains(appendixPages, t => t.Contains("民办义务教育在校生占比17.25%≤5%未达标", StringComparison.Ordinal));
    }
}
