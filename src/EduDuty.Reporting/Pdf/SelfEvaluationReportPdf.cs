using EduDuty.Core.Reports;
using EduDuty.Reporting.Fonts;
using EduDuty.Reporting.Layout;
using PdfSharp.Pdf;

namespace EduDuty.Reporting.Pdf;

/// <summary>
/// The 自评报告 as a government document. <see cref="Compose"/> reads like the report's outline; each block is one small
/// method, and every measure comes from <see cref="Typography"/>. <paramref name="progress"/> is told of every page as it
/// starts and stops the work between pages, paragraphs, table rows and the steps of saving when its token is cancelled.
/// </summary>
public sealed class SelfEvaluationReportPdf(ReportDocument report, Typography type, DateTimeOffset generatedAt, RenderProgress progress)
{
    public SelfEvaluationReportPdf(ReportDocument report, Typography type, DateTimeOffset generatedAt)
        : this(report, type, generatedAt, RenderProgress.None)
    {
    }

    private static readonly double[] EvidenceColumns = [0.08, 0.38, 0.34, 0.20]; // a 文号 such as 闻教科发〔2021〕58号 on one line

    public byte[] Render()
    {
        var document = new PdfDocument();
        // A draft says so in the title a viewer shows too (the notice on each page is page furniture, skipped by screen readers).
        document.Info.Title = report.MarkedTitle;
        document.Info.Author = report.Signature;
        document.Info.Subject = report.Subject;
        document.Info.Creator = "EduDuty";
        document.ViewerPreferences.DisplayDocTitle = true; // viewers show the report's title, not the file name
        document.PageLayout = PdfPageLayout.SinglePage;
        document.PageMode = PdfPageMode.UseOutlines;
        document.Options.CompressContentStreams = false; // see ContentStreamCompression
        progress.Check();
        using (var composer = new PageComposer(document, type, progress, report.PageNotice))
        {
            PdfSharp.UniversalAccessibility.UAManager.ForDocument(document).SetDocumentLanguage("zh-CN");
            Compose(composer);
        }

        progress.Check();
        ContentStreamCompression.Apply(document);
        progress.Check();
        // The font subsets are built, trimmed and deflated once, here; the save writes them as they are (decision 0044).
        FontProgramTrimming.EmbedTrimmed(document);
        ChinaTimeMetadata.Apply(document, generatedAt);
        progress.Check();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private void Compose(PageComposer page)
    {
        Title(page);
        if (report.Addressee is { } addressee) Addressee(page, addressee);
        Paragraph(page, report.Intro.ToString());
        foreach (var block in report.Body)
        {
            switch (block)
            {
                case ReportHeading { Level: 1 } h: FirstLevelHeading(page, h.Content); break;
                case ReportHeading h: SecondLevelHeading(page, h.Content); break;
                default: Paragraph(page, block.Text); break;
            }
        }

        AttachmentNote(page);
        SignatureAndDate(page);
        if (report.Appendix.Count > 0) Appendix(page);
        if (report.Evidence is { Count: > 0 } evidence) EvidenceList(page, evidence);
        if (report.Grid is { } grid) Grid(page, grid);
    }

    // 2号 title, centred, broken between words into balanced lines (TitleBreaker); one blank line below it. Its lines are
    // centred in whole lines of the body grid, so that the body of page 1 sits on the same 22 lines as every other page.
    // One heading in the structure tree, however many lines it takes.
    private void Title(PageComposer page)
    {
        var font = type.Font(FontRole.Title, Typography.TitleSize);
        var pitch = Typography.LinePitch * 1.25;
        var lines = TitleBreaker.Break(ReportTitle.Segments(report.Title), Typography.BodyWidth, s => page.Measure(s, font));
        var margin = ((Math.Ceiling((lines.Count * pitch / Typography.LinePitch) - 0.001) * Typography.LinePitch) - (lines.Count * pitch)) / 2;
        page.Advance(margin);
        page.CentredLines(lines, font, pitch, PdfSharp.UniversalAccessibility.PdfBlockLevelElementTag.Heading1);
        page.Advance(margin);
        page.BlankLine();
    }

    // 主送机关: flush left, ending with a full-width colon.
    private void Addressee(PageComposer page, string addressee) =>
        page.Text(addressee.TrimEnd(':', '：') + "：", type.Body, Align.Left);

    // 正文: indented two characters, justified.
    private void Paragraph(PageComposer page, string text) => page.Text(text, type.Body, Align.Justify, firstIndentChars: 2);

    // 一、 in 黑体, kept with the block after it (under the title, H1: H2), a bookmark.
    private void FirstLevelHeading(PageComposer page, string text) =>
        page.Text(text, type.Font(FontRole.Heading, Typography.BodySize), Align.Left, firstIndentChars: 2, keepWithNext: 1,
            tag: PdfSharp.UniversalAccessibility.PdfBlockLevelElementTag.Heading2, bookmark: text);

    // （一） in 楷体, kept with the block after it (H3).
    private void SecondLevelHeading(PageComposer page, string text) =>
        page.Text(text, type.Font(FontRole.Kai, Typography.BodySize), Align.Justify, firstIndentChars: 2, keepWithNext: 1,
            tag: PdfSharp.UniversalAccessibility.PdfBlockLevelElementTag.Heading3);

    // 附件说明 (GB/T 9704 7.3.4): one blank line below the body, two characters in; the lines after the first aligned
    // under the first attachment's number.
    private void AttachmentNote(PageComposer page)
    {
        var lines = report.AttachmentNote;
        if (lines.Count == 0) return;
        page.BlankLine();
        var one = Typography.BodyAdvance;
        var x = Typography.Left + (2 * one);
        for (var i = 0; i < lines.Count; i++)
            page.TextAt(lines[i], type.Body, i == 0 ? x : x + page.Measure(ReportDocument.AttachmentLead, type.Body));
    }

    // The signature block of a document that takes a seal (GB/T 9704 7.3.5.1), the same in the Word file: two blank lines
    // under the body (or 附件说明), so that the seal's top comes within one line of the text above it; the 成文日期 four
    // characters from the right edge; the 署名 centred over the date (never past the right edge). The seal presses both
    // lines, their middle a little below its centre. A draft prints ReportDocument.DraftDateLine in the date's place.
    // 署名 and 成文日期 are never parted: when the page has no room for both after the two blank lines, the blank lines give way
    // first (GB/T 9704 asks to adjust the spacing rather than leave the seal's lines apart), and with no room for the two lines
    // themselves both go to the next page (the new user's walk found the date alone on a page of 运城市's roll-up).
    private void SignatureAndDate(PageComposer page)
    {
        var left = page.LinesLeft;
        if (left < 2) page.NewPage();
        else for (var blank = 0; blank < 2 && left - blank > 2; blank++) page.BlankLine();
        var font = type.Body;
        var (signatureX, dateX) = SignatureBlock.Place(page.Measure(report.Signature, font), page.Measure(report.DateLine, font), Typography.BodyAdvance, Typography.BodyWidth);
        page.TextAt(report.Signature, font, Typography.Left + signatureX);
        page.TextAt(report.DateLine, font, Typography.Left + dateX);
    }

    // 附表: one table per area, on pages of their own after the body.
    private void Appendix(PageComposer page)
    {
        AppendixStart(page, ReportDocument.AppendixTitle);
        var cellFont = type.Font(FontRole.Body, Typography.TableSize);
        var headerFont = type.Font(FontRole.Heading, Typography.TableSize);
        foreach (var table in report.Appendix)
        {
            page.Text(table.Title, type.Font(FontRole.Kai, Typography.BodySize), Align.Left, keepWithNext: 1,
                tag: PdfSharp.UniversalAccessibility.PdfBlockLevelElementTag.Heading2);
            // A failing indicator's row in 黑体 (the tables' bold) on a light fill, as the Word file marks it.
            var rows = table.Rows.Select(r => (Cells: table.CellsOf(r), r.IsFailing)).ToList();
            var failing = rows.Where(r => r.IsFailing).Select(r => r.Cells).ToHashSet<IReadOnlyList<string>>(ReferenceEqualityComparer.Instance);
            if (rows.Count > 0)
                page.Table(table.Headers, rows.Select(r => r.Cells), table.Widths.ToArray(), headerFont, cellFont, failing.Contains, headerFont);
            foreach (var note in table.NotesAfter) page.Text(note, cellFont, Align.Left);
        }
    }

    // An attachment starts a page (GB/T 9704 8): its mark (附件, 附件1 …) in 黑体 flush left on the first line, its title
    // centred on the third, a first-level heading and a bookmark.
    private void AppendixStart(PageComposer page, string title)
    {
        page.NewPage();
        var mark = report.AttachmentMark(title);
        page.Text(mark, type.Font(FontRole.Heading, Typography.BodySize), Align.Left);
        page.BlankLine();
        page.Text(title, type.Font(FontRole.Title, Typography.TitleSize), Align.Center,
            tag: PdfSharp.UniversalAccessibility.PdfBlockLevelElementTag.Heading1, bookmark: $"{mark}　{title}");
        page.BlankLine();
    }

    // A grid (the roll-up's county × area table) on pages of its own, its note below it.
    private void Grid(PageComposer page, ReportGrid grid)
    {
        AppendixStart(page, grid.Title);
        var cellFont = type.Font(FontRole.Body, Typography.TableSize);
        page.Table(grid.Headers, grid.Rows, grid.Widths, type.Font(FontRole.Heading, Typography.TableSize), cellFont);
        if (grid.Note is { } note) page.Text(note, cellFont, Align.Justify);
    }

    // 佐证材料目录: on a page of its own, one table per area (number, title, 文号, date).
    private void EvidenceList(PageComposer page, IReadOnlyList<EvidenceSection> sections)
    {
        AppendixStart(page, EvidenceCatalog.Title);
        var cellFont = type.Font(FontRole.Body, Typography.TableSize);
        var headerFont = type.Font(FontRole.Heading, Typography.TableSize);
        foreach (var section in sections)
        {
            page.Text(section.Title, type.Font(FontRole.Kai, Typography.BodySize), Align.Left, keepWithNext: 1,
                tag: PdfSharp.UniversalAccessibility.PdfBlockLevelElementTag.Heading2);
            page.Table(EvidenceCatalog.Headers, section.Rows, EvidenceColumns, headerFont, cellFont);
        }
    }
}
