using EduDuty.Core.Reports;
using EduDuty.Core.Reports.Rollup;
using EduDuty.Core.Texts;

namespace EduDuty.Application.Oversight.Rollup;

/// <summary>
/// What the 综合报告 page shows of the report (issue 28): the document as built, but its two county-by-county parts — the
/// counties' conclusions (一（二）) and the county × area table — one page of <see cref="PageSize"/> counties at a time, and
/// a paragraph naming more counties than fit a screen cut short with how long it is. The downloads (PDF, Word, and the
/// counties' Excel) hold everything; a province of 2,800 counties is a page of tens of kilobytes, not 2.5 MB.
/// </summary>
/// <param name="Document">The document to show: the page's counties only, long paragraphs shortened.</param>
/// <param name="Counties">How many counties the report covers.</param>
/// <param name="First">The number (1-based) of the page's first county; its conclusions are numbered from here.</param>
public sealed record RollupPreview(ReportDocument Document, int Page, int PageCount, int Counties, int First, int Shown)
{
    public const int PageSize = 50;

    /// <summary>A paragraph longer than this (county names by the hundred) is shortened on the page.</summary>
    public const int ParagraphLimit = 600;

    /// <summary>
    /// The page asked for, kept within the pages there are like every list's (issue 15): built for the page — the
    /// conclusions and table rows of its counties only (<see cref="RollupBuilder.Build(RegionFacts, RollupTexts, Range?)"/>),
    /// so a page of a province costs what its 50 counties cost, not its 2,806 (issue 28).
    /// </summary>
    public static Outcome<RollupPreview> Of(RegionFacts facts, RollupTexts texts, int page)
    {
        var counties = facts.Counties.Count;
        (page, var skip, var shown, var pageCount) = Window(counties, page);
        var document = RollupBuilder.Build(facts, texts, new Range(skip, skip + shown));
        return Outcome.Done(Cut(document, shown, 0, shown, page, pageCount, counties, skip));
    }

    /// <summary>The page asked for (kept within the pages there are) of the whole report as built (every county's conclusion and row).</summary>
    public static Outcome<RollupPreview> Of(ReportDocument document, int counties, int page)
    {
        (page, var skip, var shown, var pageCount) = Window(counties, page);
        return Outcome.Done(Cut(document, counties, skip, shown, page, pageCount, counties, skip));
    }

    private static (int Page, int Skip, int Shown, int PageCount) Window(int counties, int page)
    {
        var pageCount = Paging.PageCount(counties, PageSize);
        page = Paging.Clamp(page, counties, PageSize);
        var skip = (page - 1) * PageSize;
        return (page, skip, Math.Min(PageSize, counties - skip), pageCount);
    }

    // The document holds `listed` counties' conclusions and rows from the first of the report's: it keeps those from `from`
    // (`shown` of them) and shortens every other long paragraph.
    private static RollupPreview Cut(ReportDocument document, int listed, int from, int shown, int page, int pageCount, int counties, int skip)
    {
        var heading = document.Body.ToList().FindIndex(b => b is ReportHeading { Level: 2 } h && h.Content == RollupBuilder.ConclusionsHeading);
        var body = new List<ReportBlock>(document.Body.Count);
        for (var i = 0; i < document.Body.Count; i++)
        {
            var block = document.Body[i];
            var conclusion = heading >= 0 && i > heading && i <= heading + listed ? i - heading - 1 : -1;
            if (conclusion >= 0 && (conclusion < from || conclusion >= from + shown)) continue;
            body.Add(conclusion < 0 && block is ReportParagraph p ? new ReportParagraph(Shortened(p.Content)) : block);
        }

        var grid = document.Grid is { } g ? g with { Rows = g.Rows.Skip(from).Take(shown).ToList() } : null;
        return new RollupPreview(document with { Body = body, Grid = grid, Intro = Shortened(document.Intro) }, page, pageCount, counties, skip + 1, shown);
    }

    /// <summary>The first <see cref="ParagraphLimit"/> characters of a long text, then how long it is and where to read it all.</summary>
    public static RenderedText Shortened(RenderedText text)
    {
        var length = text.Runs.Sum(r => r.Text.Length);
        if (length <= ParagraphLimit) return text;
        var runs = new List<TextRun>();
        var left = ParagraphLimit;
        foreach (var run in text.Runs)
        {
            if (left <= 0) break;
            var cut = left < run.Text.Length && char.IsHighSurrogate(run.Text[left - 1]) ? left - 1 : left; // never half a character
            runs.Add(run.Text.Length <= left ? run : run with { Text = run.Text[..cut] });
            left -= run.Text.Length;
        }

        runs.Add(new TextRun($"……（此段共 {length} 字，页面只显示开头；全文见下载的 PDF 或 Word）", TextRunKind.Literal, null));
        return new RenderedText(runs);
    }
}
