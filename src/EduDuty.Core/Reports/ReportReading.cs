namespace EduDuty.Core.Reports;

/// <summary>What a reading block is: how the public page shows it.</summary>
public enum ReadingKind
{
    Title = 0,
    Addressee = 1,
    Paragraph = 2,

    /// <summary>一、 (a section).</summary>
    Heading1 = 3,

    /// <summary>（一） (a subsection).</summary>
    Heading2 = 4,

    Signature = 5,
    Date = 6,

    /// <summary>A table with its title in <see cref="ReadingBlock.Text"/>, its header as the first row.</summary>
    Table = 7,

    /// <summary>A line under a table or a part's heading (附表, 佐证材料目录).</summary>
    Note = 8,
}

/// <summary>One block of the report's text in reading order; a table's rows (the first is the header) in <see cref="Rows"/>.</summary>
public sealed record ReadingBlock(ReadingKind Kind, string Text, IReadOnlyList<IReadOnlyList<string>>? Rows = null);

/// <summary>
/// The report as plain reading blocks: what an edition keeps of its text (decision 0030), so that the public page shows the
/// text as it was frozen, whatever the report builder does later. Same order and words as <see cref="ReportDocument.ToPlainText"/>.
/// </summary>
public static class ReportReading
{
    public static IReadOnlyList<ReadingBlock> Of(ReportDocument report)
    {
        var blocks = new List<ReadingBlock> { new(ReadingKind.Title, report.Title) };
        if (report.Addressee is { } addressee) blocks.Add(new(ReadingKind.Addressee, addressee));
        blocks.Add(new(ReadingKind.Paragraph, report.Intro.ToString()));
        foreach (var block in report.Body)
        {
            blocks.Add(block switch
            {
                ReportHeading { Level: 1 } h => new ReadingBlock(ReadingKind.Heading1, h.Content),
                ReportHeading h => new ReadingBlock(ReadingKind.Heading2, h.Content),
                _ => new ReadingBlock(ReadingKind.Paragraph, block.Text),
            });
        }

        foreach (var line in report.AttachmentNote) blocks.Add(new(ReadingKind.Paragraph, line));
        blocks.Add(new(ReadingKind.Signature, report.Signature));
        blocks.Add(new(ReadingKind.Date, report.Date));
        if (report.Appendix.Count > 0) blocks.Add(new(ReadingKind.Note, $"{report.AttachmentMark(ReportDocument.AppendixTitle)}　{ReportDocument.AppendixTitle}"));
        foreach (var table in report.Appendix)
        {
            blocks.Add(new(ReadingKind.Table, table.Title, [table.Headers, .. table.Rows.Select(r => table.CellsOf(r))]));
            foreach (var note in table.NotesAfter) blocks.Add(new(ReadingKind.Note, note));
        }

        if (report.Evidence is { Count: > 0 } evidence)
        {
            blocks.Add(new(ReadingKind.Note, $"{report.AttachmentMark(EvidenceCatalog.Title)}　{EvidenceCatalog.Title}"));
            foreach (var section in evidence) blocks.Add(new(ReadingKind.Table, section.Title, [EvidenceCatalog.Headers, .. section.Rows]));
        }

        if (report.Grid is { } grid)
        {
            blocks.Add(new(ReadingKind.Table, grid.Title, [grid.Headers, .. grid.Rows]));
            if (grid.Note is { } note) blocks.Add(new(ReadingKind.Note, note));
        }

        return blocks;
    }
}
