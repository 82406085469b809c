using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using EduDuty.Core.Reports;
using EduDuty.Core.Text;

namespace EduDuty.Reporting.Docx;

/// <summary>
/// The report as a Word/WPS document, for the steps offices take in Word (red header, seal, 文号): the same report model
/// as the PDF, laid out by GB/T 9704 — A4, type area 156 × 225 mm from 37 mm top and 28 mm left, a 22-line
/// line grid, 28 characters a line (tracked, TrackingTwips), 3号 仿宋 body, 一、 in 黑体, （一） in 楷体, the title in 小标宋, page numbers “— N —” in 4号 宋体 at the
/// foot, odd pages right and even pages left. Word lays the lines out itself; the styles say what to use. <paramref name="progress"/>
/// is told of every paragraph and table row as it is made and stops the work between them when its token is cancelled.
/// </summary>
public sealed class SelfEvaluationReportDocx(ReportDocument report, RenderProgress progress)
{
    public SelfEvaluationReportDocx(ReportDocument report)
        : this(report, RenderProgress.None)
    {
    }

    // Twentieths of a point (twips) and half-points, Word's units.
    private const int BodyHalfPoints = 32;        // 3号 = 16 pt
    private const int TitleHalfPoints = 44;       // 2号 = 22 pt
    private const int PageNumberHalfPoints = 28;  // 4号 = 14 pt
    private const int TableHalfPoints = 24;       // 小4号 = 12 pt
    private const int LinePitchTwips = 579;       // 225 mm ÷ 22 lines = 28.99 pt

    // Character spacing of 3号 text, in twips: -0.25 pt, so that 28 characters (28 × 15.75 pt = 441 pt) fill the 156 mm type
    // area (442.2 pt) in Word, WPS and LibreOffice alike; at 16 pt only 27 fit (decision 0038).
    private const int TrackingTwips = -5;

    public const string BodyFont = "仿宋_GB2312";
    public const string HeadingFont = "黑体";
    public const string KaiFont = "楷体_GB2312";
    public const string TitleFont = "方正小标宋简体";
    public const string PageNumberFont = "宋体";

    public byte[] Render()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = PlainText.ForExport(report.MarkedTitle);
            document.PackageProperties.Creator = PlainText.ForExport(report.Signature);
            document.PackageProperties.Subject = PlainText.ForExportOrNull(report.Subject);
            document.PackageProperties.Language = "zh-CN";

            var main = document.AddMainDocumentPart();
            AddStyles(main);
            AddFontTable(main);
            var settings = main.AddNewPart<DocumentSettingsPart>();
            settings.Settings = new Settings(new EvenAndOddHeaders()); // odd pages number right, even pages left
            var odd = AddFooter(main, JustificationValues.Right);
            var even = AddFooter(main, JustificationValues.Left);
            // A draft's notice in the header of every page, odd and even (the settings keep them apart).
            var draftHeader = report.PageNotice is { } notice ? main.GetIdOfPart(AddDraftHeader(main, notice)) : null;

            var body = new Body();
            Compose(body);
            progress.Check();
            body.Append(SectionProperties(main.GetIdOfPart(odd), main.GetIdOfPart(even), draftHeader));
            main.Document = new Document(body);
            // The one place where texts enter the XML: controls stored before the input rule held (XML 1.0 cannot carry them)
            // and direction marks are replaced, whichever part of the report they came from.
            foreach (var text in main.Document.Descendants<Text>()) text.Text = PlainText.ForExport(text.Text);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private void Compose(Body body)
    {
        body.Append(Title());
        body.Append(Styled("Normal", string.Empty, indent: false));
        if (report.Addressee is { } addressee) body.Append(Styled("Normal", addressee + "：", indent: false));
        body.Append(Styled("Normal", report.Intro.ToString()));
        foreach (var block in report.Body)
        {
            progress.Step();
            body.Append(block switch
            {
                ReportHeading { Level: 1 } h => Styled("Heading1", h.Content),
                ReportHeading h => Styled("Heading2", h.Content),
                _ => Styled("Normal", block.Text),
            });
        }

        AttachmentNote(body);
        SignatureAndDate(body);
        if (report.Appendix.Count > 0) Appendix(body);
        if (report.Evidence is { Count: > 0 } evidence) EvidenceList(body, evidence);
        if (report.Grid is { } grid) Grid(body, grid);
    }

    // The title's lines as the PDF breaks them (between words, balanced), joined by line breaks inside one paragraph.
    private Paragraph Title()
    {
        var advance = TitleHalfPoints / 2.0; // a 2号 character's width in points
        var lines = Layout.TitleBreaker.Break(ReportTitle.Segments(report.Title), Layout.Typography.BodyWidth, s => s.Length * advance);
        var paragraph = Styled("Title", string.Empty, indent: false);
        for (var i = 0; i < lines.Count; i++)
        {
            var run = new Run();
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
            paragraph.Append(run);
        }

        return paragraph;
    }

    // 附件说明 (GB/T 9704 7.3.4): one blank line below the body, two characters in; the lines after the first aligned under
    // the first attachment's number (the PDF's layout).
    private void AttachmentNote(Body body)
    {
        var lines = report.AttachmentNote;
        if (lines.Count == 0) return;
        body.Append(Styled("Normal", string.Empty, indent: false));
        var lead = Characters(ReportDocument.AttachmentLead);
        for (var i = 0; i < lines.Count; i++)
        {
            var paragraph = Styled("Normal", lines[i], indent: false);
            var chars = 2 + (i == 0 ? 0 : lead);
            paragraph.ParagraphProperties!.Indentation = new Indentation
            {
                LeftChars = (int)(chars * 100), Left = Twips(chars * BodyHalfPoints / 2.0), FirstLineChars = 0, FirstLine = "0",
            };
            body.Append(paragraph);
        }
    }

    // The signature block of a document that takes a seal (GB/T 9704 7.3.5.1), as the PDF places it (SignatureBlock): two
    // blank lines for the seal, the date four characters from the right edge, the 署名 centred over it.
    private void SignatureAndDate(Body body)
    {
        // The last paragraph of the body, the two blank lines and the 署名 are each kept with the next, so that Word never
        // leaves the 署名 and 成文日期 on a page without a line of the body (GB/T 9704), nor parts them.
        if (body.LastChild is Paragraph last) KeepWithNext(last);
        body.Append(KeepWithNext(Styled("Normal", string.Empty, indent: false)));
        body.Append(KeepWithNext(Styled("Normal", string.Empty, indent: false)));
        var signature = Characters(report.Signature);
        var date = Characters(report.DateLine);
        var (signatureLeft, dateLeft) = Layout.SignatureBlock.Place(signature, date, 1, Layout.Typography.CharactersPerLine);
        // Kept with the date on one page, as the PDF keeps them (a date alone on a page is no 公文's).
        body.Append(RightAligned(report.Signature, Layout.Typography.CharactersPerLine - signatureLeft - signature, keepWithNext: true));
        body.Append(RightAligned(report.DateLine, Layout.Typography.CharactersPerLine - dateLeft - date)); // a draft: no date that could pass for the final one
    }

    // A text's width in characters of the grid: a Chinese character one, a digit or Latin letter half.
    private static double Characters(string text) => text.Sum(c => c < 0x2E80 ? 0.5 : 1.0);

    private static string Twips(double points) => ((int)Math.Round(points * 20)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // 附表 on pages of its own, one Word table per area with its header row repeated on every page it runs over.
    private void Appendix(Body body)
    {
        AppendixStart(body, ReportDocument.AppendixTitle);
        foreach (var table in report.Appendix)
        {
            body.Append(Styled("Heading2", table.Title));
            if (table.Rows.Count > 0) body.Append(Table(table));
            foreach (var note in table.NotesAfter) body.Append(Styled("TableText", note, indent: false));
        }
    }

    // An attachment starts a page (GB/T 9704 8): its mark (附件, 附件1 …) in 黑体 flush left on the first line, its title
    // centred on the third, a first-level heading.
    private void AppendixStart(Body body, string text)
    {
        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        var mark = Styled("Normal", report.AttachmentMark(text), indent: false);
        mark.Descendants<Run>().First().RunProperties = new RunProperties(new RunFonts { Ascii = HeadingFont, HighAnsi = HeadingFont, EastAsia = HeadingFont });
        body.Append(mark);
        body.Append(Styled("Normal", string.Empty, indent: false));
        var title = Styled("AttachmentTitle", text, indent: false);
        body.Append(title);
        body.Append(Styled("Normal", string.Empty, indent: false));
    }

    // 佐证材料目录 on a page of its own, one table per area.
    private void EvidenceList(Body body, IReadOnlyList<EvidenceSection> sections)
    {
        AppendixStart(body, EvidenceCatalog.Title);
        foreach (var section in sections)
        {
            body.Append(Styled("Heading2", section.Title));
            body.Append(Table(EvidenceCatalog.Headers, section.Rows.Select(r => (r, false)), [700, 3144, 3100, 1900], textColumn: 1));
        }
    }

    // A grid (the roll-up's county × area table) on pages of its own, its widths as fractions of the type area, its note below.
    private void Grid(Body body, ReportGrid grid)
    {
        AppendixStart(body, grid.Title);
        body.Append(Table(grid.Headers, grid.Rows.Select(r => (r, false)), grid.Widths.Select(w => (int)Math.Round(w * TypeAreaTwips)).ToArray(), textColumn: 0));
        if (grid.Note is { } note) body.Append(Styled("TableText", note, indent: false));
    }

    private const int TypeAreaTwips = 8844; // the 156 mm type area

    private Table Table(AppendixTable table) =>
        Table(table.Headers, table.Rows.Select(r => (table.CellsOf(r), r.IsFailing)), table.Widths.Select(w => (int)(w * TypeAreaTwips)).ToArray(), textColumn: 0); // twips, within the type area

    // The text column reads from the left; the short cells (values, numbers, dates) are centred.
    private Table Table(IReadOnlyList<string> headers, IEnumerable<(IReadOnlyList<string> Cells, bool Failing)> rows, int[] widths, int textColumn)
    {
        var result = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        result.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        result.Append(Row(headers, widths, header: true, failing: false, textColumn));
        foreach (var (cells, failing) in rows)
        {
            progress.Step();
            result.Append(Row(cells, widths, header: false, failing: failing, textColumn));
        }
        return result;
    }

    private static TableRow Row(IReadOnlyList<string> cells, int[] widths, bool header, bool failing, int textColumn)
    {
        var row = new TableRow();
        var properties = new TableRowProperties(new CantSplit());
        if (header) properties.Append(new TableHeader());
        row.Append(properties);
        for (var i = 0; i < cells.Count; i++)
        {
            var cellProperties = new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (header || failing) cellProperties.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = header ? "F2F2F2" : "FBE4E4" });
            var paragraph = Styled("TableText", cells[i], indent: false);
            if (header || failing) paragraph.Descendants<Run>().First().RunProperties = new RunProperties(new Bold());
            if (i != textColumn) paragraph.ParagraphProperties!.Append(new Justification { Val = JustificationValues.Center });
            row.Append(new TableCell(cellProperties, paragraph));
        }

        return row;
    }

    private static Paragraph Styled(string style, string text, bool indent = true)
    {
        var properties = new ParagraphProperties(new ParagraphStyleId { Val = style });
        if (!indent) properties.Append(new Indentation { FirstLineChars = 0, FirstLine = "0" });
        var paragraph = new Paragraph(properties);
        if (text.Length > 0) paragraph.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    // Right-aligned, <paramref name="rightChars"/> characters in from the right margin.
    private static Paragraph RightAligned(string text, double rightChars, bool keepWithNext = false)
    {
        var paragraph = new Paragraph(
            new ParagraphProperties(
                new ParagraphStyleId { Val = "Normal" },
                new Indentation { RightChars = (int)Math.Round(rightChars * 100), Right = Twips(rightChars * BodyHalfPoints / 2.0), FirstLineChars = 0, FirstLine = "0" },
                new Justification { Val = JustificationValues.Right }),
            new Run(new Text(text)));
        return keepWithNext ? KeepWithNext(paragraph) : paragraph;
    }

    // The typed property puts keepNext where the schema wants it among the paragraph's properties.
    private static Paragraph KeepWithNext(Paragraph paragraph)
    {
        (paragraph.ParagraphProperties ??= new ParagraphProperties()).KeepNext = new KeepNext();
        return paragraph;
    }

    private static FooterPart AddFooter(MainDocumentPart main, JustificationValues side)
    {
        var part = main.AddNewPart<FooterPart>();
        RunProperties Font() => new(new RunFonts { Ascii = PageNumberFont, HighAnsi = PageNumberFont, EastAsia = PageNumberFont }, new FontSize { Val = PageNumberHalfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        part.Footer = new Footer(new Paragraph(
            // One character in from the margin on the page's outer side (GB/T 9704 7.5), none of the body's first-line indent,
            // off the body's grid, one line of its own height: the 一字线 7 mm below the type area (FooterTwips).
            new ParagraphProperties(
                new SnapToGrid { Val = false },
                new SpacingBetweenLines { Before = "0", After = "0", Line = Twips(PageNumberLinePoints), LineRule = LineSpacingRuleValues.Exact },
                new Indentation { Left = side == JustificationValues.Left ? "280" : "0", Right = side == JustificationValues.Right ? "280" : "0", FirstLineChars = 0, FirstLine = "0" },
                new Justification { Val = side }),
            new Run(Font(), new Text("— ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(Font(), new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(Font(), new FieldCode(" PAGE ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(Font(), new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(Font(), new Text("1")),
            new Run(Font(), new FieldChar { FieldCharType = FieldCharValues.End }),
            new Run(Font(), new Text(" —") { Space = SpaceProcessingModeValues.Preserve })));
        return part;
    }

    // 草稿 · 未提交，不作为正式报告 (or a roll-up's 征求意见稿 notice): centred, grey 黑体 4号, in a thin grey frame like the PDF's,
    // the frame as wide as the notice (4号 is 280 twips a character; the 版心 8,844 twips).
    private static HeaderPart AddDraftHeader(MainDocumentPart main, string notice)
    {
        var indent = Math.Max(0, (8844 - (notice.Length * 280) - 400) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var part = main.AddNewPart<HeaderPart>();
        part.Header = new Header(new Paragraph(
            new ParagraphProperties(
                new ParagraphBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 6, Color = "808080", Space = 1 },
                    new LeftBorder { Val = BorderValues.Single, Size = 6, Color = "808080", Space = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 6, Color = "808080", Space = 1 },
                    new RightBorder { Val = BorderValues.Single, Size = 6, Color = "808080", Space = 4 }),
                new Indentation { Left = indent, Right = indent, FirstLineChars = 0, FirstLine = "0" },
                new Justification { Val = JustificationValues.Center }),
            new Run(
                new RunProperties(
                    new RunFonts { Ascii = HeadingFont, HighAnsi = HeadingFont, EastAsia = HeadingFont },
                    new Color { Val = "6E6E6E" },
                    new FontSize { Val = Half(PageNumberHalfPoints) }),
                new Text(notice) { Space = SpaceProcessingModeValues.Preserve })));
        return part;
    }

    private static SectionProperties SectionProperties(string oddFooter, string evenFooter, string? draftHeader)
    {
        var section = SectionProperties(oddFooter, evenFooter);
        if (draftHeader is not null)
        {
            section.PrependChild(new HeaderReference { Type = HeaderFooterValues.Even, Id = draftHeader });
            section.PrependChild(new HeaderReference { Type = HeaderFooterValues.Default, Id = draftHeader });
        }

        return section;
    }

    private static SectionProperties SectionProperties(string oddFooter, string evenFooter) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = oddFooter },
        new FooterReference { Type = HeaderFooterValues.Even, Id = evenFooter },
        new PageSize { Width = 11906U, Height = 16838U },                       // A4
        new PageMargin { Top = 2098, Bottom = 1984, Left = 1587U, Right = 1474U, Header = 851U, Footer = FooterTwips }, // 37, 35, 28, 26 mm
        // A line grid only; 28 characters a line come from the body's tracking (TrackingTwips). A character grid (linesAndChars,
        // charSpace -849: cells of 15.79 pt) makes LibreOffice give each 16 pt character two cells, 14–18 characters a line
        // (decision 0038).
        new DocGrid { Type = DocGridValues.Lines, LinePitch = LinePitchTwips });

    // The footer's line and its distance from the page's foot: the line's middle (where the 一字线 sits) 7 mm below the
    // type area, i.e. 28 mm above the page's foot.
    private const double PageNumberLinePoints = 20;
    private const uint FooterTwips = 1387;

    // Each face the styles name, with the face to use where it is missing: the GB2312 names of an office's Windows, the
    // plain Chinese names, the English names of Windows and macOS, and what LibreOffice finds on Linux.
    private static readonly (string Name, string Alternative, FontFamilyValues Family)[] Fonts =
    [
        (BodyFont, "仿宋", FontFamilyValues.Modern), ("仿宋", "FangSong", FontFamilyValues.Modern), ("FangSong", "STFangsong", FontFamilyValues.Modern),
        (HeadingFont, "SimHei", FontFamilyValues.Modern), ("SimHei", "STHeiti", FontFamilyValues.Modern),
        (KaiFont, "楷体", FontFamilyValues.Modern), ("楷体", "KaiTi", FontFamilyValues.Modern), ("KaiTi", "STKaiti", FontFamilyValues.Modern),
        (TitleFont, "方正小标宋_GBK", FontFamilyValues.Roman), ("方正小标宋_GBK", "华文中宋", FontFamilyValues.Roman), ("华文中宋", "STZhongsong", FontFamilyValues.Roman),
        (PageNumberFont, "SimSun", FontFamilyValues.Roman),
    ];

    private static void AddFontTable(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        part.Fonts = new DocumentFormat.OpenXml.Wordprocessing.Fonts(Fonts.Select(f => new Font(
            new AltName { Val = f.Alternative },
            new FontCharSet { Val = "86" }, // GB2312
            new FontFamily { Val = f.Family },
            new Pitch { Val = FontPitchValues.Variable }) { Name = f.Name }));
    }

    // Word's built-in styles under their built-in names (Word and WPS show them as 正文, 标题, 标题 1 …): LibreOffice takes the
    // document grid's character width from the style named Normal.
    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        part.Styles = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = BodyFont, HighAnsi = BodyFont, EastAsia = BodyFont, ComplexScript = BodyFont },
                new FontSize { Val = Half(BodyHalfPoints) }, new Languages { Val = "zh-CN", EastAsia = "zh-CN" }))),
            ParagraphStyle("Normal", "Normal", null, BodyFont, BodyHalfPoints, firstLineChars: 200, outline: null, isDefault: true),
            // 小标宋 is a heavy face of its own: never bold on top (Word would embolden it again).
            ParagraphStyle("Title", "Title", "Normal", TitleFont, TitleHalfPoints, firstLineChars: 0, outline: null, center: true, grid: false),
            ParagraphStyle("AttachmentTitle", "附件标题", "Normal", TitleFont, TitleHalfPoints, firstLineChars: 0, outline: 0, center: true, grid: false),
            ParagraphStyle("Heading1", "heading 1", "Normal", HeadingFont, BodyHalfPoints, firstLineChars: 200, outline: 0, keepNext: true),
            ParagraphStyle("Heading2", "heading 2", "Normal", KaiFont, BodyHalfPoints, firstLineChars: 200, outline: 1, keepNext: true),
            ParagraphStyle("TableText", "表格文字", "Normal", BodyFont, TableHalfPoints, firstLineChars: 0, outline: null, lineRule: false, grid: false));
    }

    private static Style ParagraphStyle(string id, string name, string? basedOn, string font, int halfPoints, int firstLineChars, int? outline,
        bool isDefault = false, bool center = false, bool keepNext = false, bool lineRule = true, bool grid = true)
    {
        var paragraph = new StyleParagraphProperties();
        if (keepNext) paragraph.Append(new KeepNext());
        paragraph.Append(new WidowControl());
        if (!grid) paragraph.Append(new SnapToGrid { Val = false });
        paragraph.Append(lineRule
            ? new SpacingBetweenLines { Before = "0", After = "0", Line = LinePitchTwips.ToString(System.Globalization.CultureInfo.InvariantCulture), LineRule = LineSpacingRuleValues.Exact }
            : new SpacingBetweenLines { Before = "0", After = "0" });
        // Characters for Word and WPS, twips for readers that ignore firstLineChars (LibreOffice): 2 characters of the size.
        paragraph.Append(new Indentation { FirstLineChars = firstLineChars, FirstLine = (firstLineChars / 100 * halfPoints * 10).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (center) paragraph.Append(new Justification { Val = JustificationValues.Center });
        else paragraph.Append(new Justification { Val = JustificationValues.Both });
        if (outline is { } level) paragraph.Append(new OutlineLevel { Val = level });

        var run = new StyleRunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font });
        // The body's size is tracked to 28 characters a line; the title and tables keep their letters' own width.
        run.Append(new Spacing { Val = halfPoints == BodyHalfPoints ? TrackingTwips : 0 });
        run.Append(new FontSize { Val = Half(halfPoints) });

        var style = new Style(new StyleName { Val = name }, paragraph, run) { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault) style.Default = true;
        if (basedOn is not null) style.InsertAfter(new BasedOn { Val = basedOn }, style.StyleName);
        return style;
    }

    private static string Half(int halfPoints) => halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
