using System.Text;
using EduDuty.Core.Rules;
using EduDuty.Core.Texts;

namespace EduDuty.Core.Reports;

/// <summary>
/// The self-evaluation report as content, independent of any output format: what the PDF, the HTML preview and the
/// tests all read. Body blocks are in reading order; numbering (一、（一）) is already part of the headings.
/// </summary>
public sealed record ReportDocument(
    string Title,
    string? Addressee,
    RenderedText Intro,
    IReadOnlyList<ReportBlock> Body,
    string Signature,
    string Date,
    IReadOnlyList<AppendixTable> Appendix,
    IReadOnlyList<string>? Omitted = null,
    IReadOnlyList<EvidenceSection>? Evidence = null,
    ReportGrid? Grid = null,
    string Subject = "履行教育职责评价自评报告")
{
    /// <summary>The indicator tables' attachment title (its 附件 mark and the 附件说明 line say it is an attachment).</summary>
    public const string AppendixTitle = "各领域指标自评情况";

    /// <summary>
    /// The 附件 in their order (GB/T 9704-2012 7.3.4 and 8): the indicator tables, the evidence list, a roll-up's grid. Each
    /// starts a page with its mark (<see cref="AttachmentMark"/>) and title; the 附件说明 (<see cref="AttachmentNote"/>) names them.
    /// </summary>
    public IReadOnlyList<string> Attachments =>
    [
        .. Appendix.Count > 0 ? [AppendixTitle] : Array.Empty<string>(),
        .. Evidence is { Count: > 0 } ? [EvidenceCatalog.Title] : Array.Empty<string>(),
        .. Grid is { } grid ? [grid.Title] : Array.Empty<string>(),
    ];

    /// <summary>"附件" for a single attachment, "附件1", "附件2" … when there are more (GB/T 9704 8).</summary>
    public string AttachmentMark(string attachment)
    {
        var all = Attachments;
        return all.Count == 1 ? "附件" : $"附件{IndexOf(all, attachment) + 1}";
    }

    /// <summary>
    /// The 附件说明 below the body, one line per attachment (GB/T 9704 7.3.4): "附件：各领域指标自评情况", or "附件：1.…" and
    /// "2.…" (aligned under "1." by the outputs); no mark after a name. Empty without attachments.
    /// </summary>
    public IReadOnlyList<string> AttachmentNote
    {
        get
        {
            var all = Attachments;
            if (all.Count == 1) return [AttachmentLead + all[0]];
            return all.Select((a, i) => (i == 0 ? AttachmentLead : string.Empty) + $"{i + 1}.{a}").ToList();
        }
    }

    /// <summary>What the first 附件说明 line starts with; the lines after it are aligned past it.</summary>
    public const string AttachmentLead = "附件：";

    private static int IndexOf(IReadOnlyList<string> all, string attachment)
    {
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i] == attachment) return i;
        }

        return -1;
    }

    /// <summary>The mark a draft carries: on every page of the PDF, in the Word file's header, above the HTML preview.</summary>
    public const string DraftMark = "草稿";

    /// <summary>The line that carries <see cref="DraftMark"/>: says what the document is and what it is not.</summary>
    public const string DraftNotice = "草稿 · 未提交，不作为正式报告";

    /// <summary>What a draft prints where the 成文日期 goes: no date that could pass for the final one.</summary>
    public const string DraftDateLine = "（草稿，提交后生成日期）";

    /// <summary>
    /// A draft: an evaluation never submitted, or a live preview. Its outputs carry <see cref="DraftNotice"/> and print
    /// <see cref="DraftDateLine"/> instead of <see cref="Date"/> (issue 25). Set by the caller with <c>with</c>; the
    /// builders leave it false.
    /// </summary>
    public bool Draft { get; init; }

    /// <summary>
    /// A mark of the caller's own for every page when the document is no draft (a roll-up that sums up drafts: 征求意见稿 …),
    /// printed where a draft prints <see cref="DraftNotice"/>; null for none.
    /// </summary>
    public string? Notice { get; init; }

    /// <summary>The short word of <see cref="Notice"/> the title carries in the file's properties (征求意见稿).</summary>
    public string? NoticeMark { get; init; }

    /// <summary>The line printed on every page (the PDF's 天头, the Word header, above the preview): a draft's, or the caller's.</summary>
    public string? PageNotice => Draft ? DraftNotice : Notice;

    /// <summary>The title as the file's properties give it: with the draft's or the notice's mark.</summary>
    public string MarkedTitle => Draft ? $"{Title}（{DraftMark}）" : NoticeMark is { } mark ? $"{Title}（{mark}）" : Title;

    /// <summary>The 成文日期 line as printed: <see cref="Date"/> (<see cref="ReportDating"/>), or <see cref="DraftDateLine"/> for a draft.</summary>
    public string DateLine => Draft ? DraftDateLine : Date;

    /// <summary>
    /// Codes of figures the texts cite that are not entered yet: shown as ＿＿, or the clause judging them left out
    /// (<see cref="Omitted"/>, <see cref="Omissions"/>).
    /// </summary>
    public IEnumerable<string> GapCodes =>
        Body.OfType<ReportParagraph>().SelectMany(p => p.Content.GapCodes).Concat(Intro.GapCodes).Concat(Omitted ?? []).Distinct(StringComparer.Ordinal);

    /// <summary>The report's text, one block a line: the reference the PDF's extracted text is compared with.</summary>
    public string ToPlainText()
    {
        var text = new StringBuilder();
        if (PageNotice is { } notice) text.AppendLine(notice);
        text.AppendLine(Title);
        if (Addressee is not null) text.AppendLine(Addressee);
        text.AppendLine(Intro.ToString());
        foreach (var block in Body) text.AppendLine(block.Text);
        foreach (var line in AttachmentNote) text.AppendLine(line);
        text.AppendLine(Signature);
        text.AppendLine(DateLine);
        if (Appendix.Count > 0) text.AppendLine(AttachmentMark(AppendixTitle)).AppendLine(AppendixTitle);
        foreach (var table in Appendix)
        {
            text.AppendLine(table.Title);
            text.AppendLine(string.Join(' ', table.Headers));
            foreach (var row in table.Rows) text.AppendLine(string.Join(' ', table.CellsOf(row)));
            foreach (var note in table.NotesAfter) text.AppendLine(note);
        }

        if (Evidence is { Count: > 0 }) text.AppendLine(AttachmentMark(EvidenceCatalog.Title)).AppendLine(EvidenceCatalog.Title);
        foreach (var section in Evidence ?? [])
        {
            text.AppendLine(section.Title);
            text.AppendLine(string.Join(' ', EvidenceCatalog.Headers));
            foreach (var row in section.Rows) text.AppendLine(string.Join(' ', row));
        }

        if (Grid is { } grid)
        {
            text.AppendLine(AttachmentMark(grid.Title)).AppendLine(grid.Title);
            text.AppendLine(string.Join(' ', grid.Headers));
            foreach (var row in grid.Rows) text.AppendLine(string.Join(' ', row));
            if (grid.Note is { } note) text.AppendLine(note);
        }

        return text.ToString();
    }
}

public abstract record ReportBlock
{
    public abstract string Text { get; }
}

/// <summary>一、 (level 1, 黑体) or （一） (level 2, 楷体).</summary>
public sealed record ReportHeading(int Level, string Content) : ReportBlock
{
    public override string Text => Content;
}

/// <summary>A body paragraph, indented two characters; its runs say which words came from data.</summary>
public sealed record ReportParagraph(RenderedText Content) : ReportBlock
{
    public override string Text => Content.ToString();
}

/// <summary>
/// An area's indicators with a value, by name (codes are the scheme's, not the reader's); the ones not filled in are named
/// on one line after the table rather than as rows of 未填.
/// </summary>
public sealed record AppendixTable(string Title, IReadOnlyList<AppendixRow> Rows, IReadOnlyList<string> Unfilled, bool WithLastYear = false)
{
    private static readonly IReadOnlyList<string> ThisYearOnly = ["指标", "数值", "目标", "结论"];
    private static readonly IReadOnlyList<string> BesideLastYear = ["指标", "上年", "本年", "较上年", "目标", "结论"];

    /// <summary>The columns: with last year's values beside this year's when the county has a last year (issue 16).</summary>
    public IReadOnlyList<string> Headers => WithLastYear ? BesideLastYear : ThisYearOnly;

    /// <summary>Column widths as fractions of the type area, the same in the PDF and the Word file.</summary>
    public IReadOnlyList<double> Widths => WithLastYear ? [0.28, 0.13, 0.13, 0.18, 0.16, 0.12] : [0.46, 0.20, 0.20, 0.14];

    public IReadOnlyList<string> CellsOf(AppendixRow row) =>
        WithLastYear ? [row.Name, row.LastYear ?? "—", row.Value, row.Change ?? "—", row.Target, row.Status] : [row.Name, row.Value, row.Target, row.Status];

    /// <summary>"以下 3 项未填报：…", or null when every indicator has a value.</summary>
    public string? UnfilledLine => Unfilled.Count == 0 ? null : $"以下 {Unfilled.Count} 项未填报：{string.Join("、", Unfilled)}。";

    /// <summary>
    /// Each indicator's data source, one line each (<see cref="DataSources.Line"/>), when the report setting
    /// 附录显示各指标的数据来源 is on (issue 30); empty otherwise. Printed after the table under <see cref="DataSources.Heading"/>.
    /// </summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The lines printed after the table: <see cref="UnfilledLine"/>, then the data sources under their heading.</summary>
    public IEnumerable<string> NotesAfter =>
        (UnfilledLine is { } unfilled ? [unfilled] : Array.Empty<string>()).Concat(Sources.Count > 0 ? [DataSources.Heading, .. Sources] : Array.Empty<string>());
}

/// <param name="LastYear">Last year's value of the field of the same code, with its unit, when there was one.</param>
/// <param name="Change">The change from last year's number (<see cref="Years.YearChange"/>), when both are numbers.</param>
public sealed record AppendixRow(string Code, string Name, string Value, string Target, string Status, string? LastYear = null, string? Change = null)
{
    public bool IsFailing => Status == JudgmentStatus.Fail.DisplayName();
}

/// <summary>
/// A table on pages of its own after the body (the roll-up report's county × area table): its column widths as fractions of
/// the type area, the first column read from the left and the rest centred, and a note below it.
/// </summary>
public sealed record ReportGrid(string Title, IReadOnlyList<string> Headers, IReadOnlyList<double> Widths, IReadOnlyList<IReadOnlyList<string>> Rows, string? Note);
