using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using EduDuty.Core.Reports;
using EduDuty.Testing;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// The Word/WPS export of the golden report: valid by the Open XML SDK's own validator, every seed sentence of sections
/// 一–四 in its text, and the page of GB/T 9704 (A4; type area 156 × 225 mm at 37 mm from the top and 28 mm from the left;
/// 22 lines of 28 characters; “— N —” at the foot, odd pages right, even pages left).
/// </summary>
public sealed partial class ReportDocxTests
{
    private static readonly Lazy<byte[]> Golden = new(() => ReportRenderer.RenderDocx(RenderedReports.Golden.Model));

    private static double Twips(double millimetres) => millimetres / 25.4 * 1440;

    [Fact]
    public void The_document_validates_with_no_error()
    {
        using var document = Open();

        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Its_text_holds_every_heading_and_sentence_of_the_seed_sections_one_to_four_in_chinese_punctuation()
    {
        using var document = Open();
        var paragraphs = document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        var text = SeedReport.Squash(string.Join("\n", paragraphs));

        var missing = SeedReport.HeadingsAndSentences().Where(s => !text.Contains(SeedReport.Squash(s), StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "missing:\n" + string.Join("\n", missing));
        Assert.Empty(AsciiBetweenChinese().Matches(string.Join("\n", paragraphs)));
        Assert.Equal(RenderedReports.Golden.Model.Title, paragraphs[0]);
    }

    [Fact]
    public void The_page_is_a4_with_the_type_area_and_grid_of_the_standard()
    {
        using var document = Open();
        var section = document.MainDocumentPart!.Document!.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        var margin = section.GetFirstChild<PageMargin>()!;
        var grid = section.GetFirstChild<DocGrid>()!;

        Assert.Equal((Twips(210), Twips(297)), ((double)size.Width!.Value, (double)size.Height!.Value), new Near(2));
        Assert.Equal(Twips(37), margin.Top!.Value, 1.0);
        Assert.Equal(Twips(28), margin.Left!.Value, 1.0);
        Assert.Equal(Twips(210 - 28 - 156), margin.Right!.Value, 1.0);
        Assert.Equal(Twips(297 - 37 - 225), margin.Bottom!.Value, 1.0);
        Assert.Equal(Twips(225) / 22, grid.LinePitch!.Value, 1.0);
        Assert.Equal(DocGridValues.Lines, grid.Type!.Value);
        // 28 characters of 3号 (16 pt = 320 twips) fill the type area's width.
        Assert.Equal(28, (Twips(210) - margin.Left!.Value - margin.Right!.Value) / 320, 0.5);
    }

    [Fact]
    public void Headings_carry_their_levels_and_faces_and_the_body_its_three_size_fangsong()
    {
        using var document = Open();
        var body = document.MainDocumentPart!.Document!.Body!;
        var styles = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        string StyleOf(string text) => body.Descendants<Paragraph>().First(p => p.InnerText == text).ParagraphProperties!.ParagraphStyleId!.Val!.Value!;

        Assert.Equal("Heading1", StyleOf("一、基本情况"));
        Assert.Equal("Heading2", StyleOf("（十）学前教育普及普惠发展情况"));
        Assert.Equal("黑体", styles["Heading1"].StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("楷体_GB2312", styles["Heading2"].StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal("32", styles["Normal"].StyleRunProperties!.FontSize!.Val!.Value); // 3号 = 16 pt
        Assert.Equal("仿宋_GB2312", styles["Normal"].StyleRunProperties!.RunFonts!.EastAsia!.Value);
        Assert.Equal(0, styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
    }

    [Fact]
    public void Page_numbers_are_page_fields_between_dashes_odd_right_even_left()
    {
        using var document = Open();
        var main = document.MainDocumentPart!;
        var references = main.Document!.Body!.Elements<SectionProperties>().Single().Elements<FooterReference>().ToList();
        string Footer(HeaderFooterValues type) => ((FooterPart)main.GetPartById(references.Single(r => r.Type!.Value == type).Id!.Value!)).Footer!.InnerXml;
        JustificationValues Side(HeaderFooterValues type) =>
            ((FooterPart)main.GetPartById(references.Single(r => r.Type!.Value == type).Id!.Value!)).Footer!.Descendants<Justification>().Single().Val!.Value;

        Assert.NotNull(main.DocumentSettingsPart!.Settings!.GetFirstChild<EvenAndOddHeaders>());
        Assert.Contains("PAGE", Footer(HeaderFooterValues.Default));
        Assert.Contains("— ", ((FooterPart)main.GetPartById(references[0].Id!.Value!)).Footer!.InnerText);
        Assert.Equal(JustificationValues.Right, Side(HeaderFooterValues.Default));
        Assert.Equal(JustificationValues.Left, Side(HeaderFooterValues.Even));
    }

    [Fact]
    public void Appendix_tables_repeat_their_header_row_and_name_indicators_without_codes()
    {
        using var document = Open();
        var tables = document.MainDocumentPart!.Document!.Body!.Descendants<Table>().ToList();

        Assert.Equal(RenderedReports.Golden.Model.Appendix.Count(t => t.Rows.Count > 0), tables.Count);
        Assert.All(tables, t => Assert.NotNull(t.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>()));
        var rows = tables.SelectMany(t => t.Elements<TableRow>().Skip(1)).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Contains(rows, r => r.SequenceEqual(["民办义务教育在校生占比", "17.25%", "≤ 5%", "未达标"]));
        Assert.DoesNotContain(rows, r => Regex.IsMatch(r[0], @"^[AB]\d\d\."));
    }

    [Fact]
    public void The_signature_is_kept_with_the_date_and_the_bodys_last_paragraph_on_one_page()
    {
        using var word = Open();
        var paragraphs = word.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().ToList();
        var signature = paragraphs.FindIndex(p => p.InnerText == RenderedReports.Golden.Model.Signature);
        Assert.True(signature >= 0, "no paragraph holds the signature alone");
        Assert.Equal(RenderedReports.Golden.Model.DateLine, paragraphs[signature + 1].InnerText);
        // The body's last paragraph, the two blank lines and the 署名 each keep with the next: never a page of 署名 and date alone.
        Assert.All(paragraphs.GetRange(signature - 3, 4), p => Assert.NotNull(p.ParagraphProperties?.KeepNext));
        Assert.NotEqual(string.Empty, paragraphs[signature - 3].InnerText);
        Assert.Null(paragraphs[signature + 1].ParagraphProperties?.KeepNext);
    }

    private static WordprocessingDocument Open() => WordprocessingDocument.Open(new MemoryStream(Golden.Value), false);

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}][,;:()][\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex AsciiBetweenChinese();

    private sealed class Near(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance;

        public int GetHashCode((double, double) obj) => 0;
    }
}
