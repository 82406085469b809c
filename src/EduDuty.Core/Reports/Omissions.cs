using EduDuty.Core.Texts;

namespace EduDuty.Core.Reports;

/// <summary>
/// What a report leaves out of a rendered text, keeping its sentences whole:
/// <list type="bullet">
/// <item>a <b>clause</b> (up to its ，；。！？) holding a judgment on a value not entered yet (<see cref="TextRunKind.Unknown"/>):
/// a report never states what the data does not say; its codes are listed among the report's gaps;</item>
/// <item>an <b>enumeration item</b> (up to its 、 or clause mark) holding a count of 0 the author marked with <c>.nonzero</c>
/// (<see cref="TextRunKind.Zero"/>): "职中0所、" is not written.</item>
/// </list>
/// When a left-out piece closed a sentence or an enumeration, the piece before it takes its stronger mark, so "…3所、职中0所，"
/// reads "…3所，" and "…3所，九年一贯制学校0所。" reads "…3所。".
/// </summary>
public static class Omissions
{
    private const string ClauseEnds = "，,；;。！？!?";
    private const string ItemEnds = "、" + ClauseEnds;

    public static RenderedText Apply(RenderedText text, ICollection<string> omittedCodes) =>
        Remove(Remove(text, TextRunKind.Zero, ItemEnds, codes: null), TextRunKind.Unknown, ClauseEnds, omittedCodes);

    private static RenderedText Remove(RenderedText text, TextRunKind kind, string ends, ICollection<string>? codes)
    {
        if (text.Runs.All(r => r.Kind != kind)) return text;

        var kept = new List<List<TextRun>>();
        foreach (var piece in Split(text.Runs, ends))
        {
            if (piece.All(r => r.Kind != kind)) { kept.Add(piece); continue; }
            if (codes is not null)
                foreach (var code in piece.Where(r => r.Code is not null).Select(r => r.Code!)) if (!codes.Contains(code)) codes.Add(code);
            if (kept.Count > 0 && EndMark(piece) is { } mark && Strength(mark) > Strength(EndMark(kept[^1]))) ReplaceEnd(kept[^1], mark);
        }

        // A text whose last pieces were left out still ends as a sentence.
        if (kept.Count > 0 && Strength(EndMark(kept[^1])) is > 0 and < 3) ReplaceEnd(kept[^1], '。');
        return new RenderedText(kept.SelectMany(c => c).ToList());
    }

    // 、 joins items, ，； join clauses, 。！？ end sentences; anything else (：, a letter) is not a mark to replace.
    private static int Strength(char? mark) => mark switch
    {
        '、' => 1,
        '，' or ',' => 2,
        '；' or ';' => 2,
        '。' or '！' or '？' or '!' or '?' => 3,
        _ => 0,
    };

    private static List<List<TextRun>> Split(IReadOnlyList<TextRun> runs, string ends)
    {
        var pieces = new List<List<TextRun>> { new() };
        foreach (var run in runs)
        {
            if (run.Kind != TextRunKind.Literal) { pieces[^1].Add(run); continue; }
            var start = 0;
            for (var i = 0; i < run.Text.Length; i++)
            {
                if (!ends.Contains(run.Text[i])) continue;
                pieces[^1].Add(run with { Text = run.Text[start..(i + 1)] });
                pieces.Add([]);
                start = i + 1;
            }

            if (start < run.Text.Length) pieces[^1].Add(run with { Text = run.Text[start..] });
        }

        return pieces.Where(c => c.Count > 0).ToList();
    }

    private static char? EndMark(List<TextRun> piece) => piece[^1].Text is { Length: > 0 } t ? t[^1] : null;

    private static void ReplaceEnd(List<TextRun> piece, char mark)
    {
        var last = piece[^1];
        piece[^1] = last with { Text = last.Text[..^1] + mark };
    }
}
