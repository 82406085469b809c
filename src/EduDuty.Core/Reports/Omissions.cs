using EduDuty.Core.Texts;

namespace EduDuty.Core.Reports;

/// <summary>
/// What a report leaves out of a rendered text, keeping its sentences whole, so that no sentence states anything the data does
/// not say (decision 0035):
/// <list type="bullet">
/// <item>an <b>enumeration item</b> (up to its 、 or clause mark) holding a count of 0 the author marked with <c>.nonzero</c>
/// (<see cref="TextRunKind.Zero"/>): "职中0所、" is not written;</item>
/// <item>the <b>breakdown of a count of 0</b>: when a clause ends on a figure of 0 and the next begins "其中", the rest of the
/// sentence is left out ("普通高中0所，其中，公办高中0所…，各校轨数为：…。" reads "普通高中0所。");</item>
/// <item>a <b>clause</b> (up to its ，；。！？) resting on a value not entered yet: a figure shown as a gap
/// (<see cref="TextRunKind.Gap"/>), a judgment either way (<see cref="TextRunKind.Unknown"/>), or the target of such an
/// indicator (<see cref="TextRunKind.UnknownTarget"/>); its codes are listed among the report's gaps. A bare connective
/// clause ("其中，") goes with the clause it introduces;</item>
/// <item>a text left with the author's words only, once clauses were left out ("1.建立健全工作机制情况。"): it says nothing
/// and is left out whole.</item>
/// </list>
/// When a left-out piece closed a sentence or an enumeration, the piece before it takes its stronger mark, so "…3所、职中0所，"
/// reads "…3所，" and "…3所，九年一贯制学校0所。" reads "…3所。".
/// </summary>
public static class Omissions
{
    private const string ClauseEnds = "，,；;。！？!?";
    private const string ItemEnds = "、" + ClauseEnds;
    private const string SentenceEnds = "。！？!?";

    public static RenderedText Apply(RenderedText text, ICollection<string> omittedCodes)
    {
        var zeroItems = Remove(text, r => r.Kind == TextRunKind.Zero, ItemEnds, codes: null, mergeConnectives: false);
        var breakdowns = RemoveZeroBreakdowns(zeroItems);
        var known = Remove(breakdowns, IsUnknown, ClauseEnds, omittedCodes, mergeConnectives: true);
        // Clauses went and nothing from the data is left: what remains is a heading-like lead-in with nothing under it.
        return breakdowns.Runs.Any(IsUnknown) && known.Runs.All(r => r.Kind == TextRunKind.Literal) ? new RenderedText([]) : known;
    }

    private static bool IsUnknown(TextRun run) => run.Kind is TextRunKind.Gap or TextRunKind.Unknown or TextRunKind.UnknownTarget;

    private static RenderedText Remove(RenderedText text, Func<TextRun, bool> drop, string ends, ICollection<string>? codes, bool mergeConnectives)
    {
        if (!text.Runs.Any(drop)) return text;

        var pieces = Split(text.Runs, ends);
        if (mergeConnectives) pieces = MergeConnectives(pieces);
        var kept = new List<List<TextRun>>();
        foreach (var piece in pieces)
        {
            if (!piece.Any(drop)) { kept.Add(piece); continue; }
            if (codes is not null)
                foreach (var code in piece.Where(r => r.Code is not null && r.Kind != TextRunKind.Literal).Select(r => r.Code!)) if (!codes.Contains(code)) codes.Add(code);
            if (kept.Count > 0 && EndMark(piece) is { } mark && Strength(mark) > Strength(EndMark(kept[^1]))) ReplaceEnd(kept[^1], mark);
        }

        return Closed(kept);
    }

    // "普通高中0所，其中，公办高中0所、民办高中0所，各校轨数为：无。": a breakdown of nothing is left out, up to the sentence's end.
    private static RenderedText RemoveZeroBreakdowns(RenderedText text)
    {
        if (!text.Runs.Any(r => r.Kind is TextRunKind.Figure or TextRunKind.Zero && r.Text == "0")) return text;
        var pieces = Split(text.Runs, ClauseEnds);
        var kept = new List<List<TextRun>>();
        var removed = false;
        for (var i = 0; i < pieces.Count; i++)
        {
            kept.Add(pieces[i]);
            if (!EndsOnZero(pieces[i]) || i + 1 >= pieces.Count || !Plain(pieces[i + 1]).StartsWith("其中", StringComparison.Ordinal)) continue;
            var j = i + 1;
            while (j < pieces.Count && !SentenceEnds.Contains(EndMark(pieces[j]) ?? ' ')) j++;
            if (j < pieces.Count) ReplaceEnd(kept[^1], EndMark(pieces[j])!.Value);
            i = j;
            removed = true;
        }

        return removed ? Closed(kept) : text;
    }

    // The clause's last figure is 0, followed only by its unit: "普通高中0所，".
    private static bool EndsOnZero(List<TextRun> piece)
    {
        var last = piece.FindLastIndex(r => r.Kind != TextRunKind.Literal);
        if (last < 0 || piece[last].Kind is not (TextRunKind.Figure or TextRunKind.Zero) || piece[last].Text != "0") return false;
        var after = string.Concat(piece.Skip(last + 1).Select(r => r.Text));
        return after.Length <= 3;
    }

    // A clause of at most two characters besides its mark, with no figure ("其中，"), joins the clause it introduces.
    private static List<List<TextRun>> MergeConnectives(List<List<TextRun>> pieces)
    {
        var merged = new List<List<TextRun>>();
        List<TextRun>? pending = null;
        foreach (var piece in pieces)
        {
            var current = pending is null ? piece : [.. pending, .. piece];
            pending = null;
            if (current.All(r => r.Kind == TextRunKind.Literal) && Plain(current).Length <= 3 && Strength(EndMark(current)) == 2) { pending = current; continue; }
            merged.Add(current);
        }

        if (pending is not null) merged.Add(pending);
        return merged;
    }

    // A text whose last pieces were left out still ends as a sentence.
    private static RenderedText Closed(List<List<TextRun>> kept)
    {
        if (kept.Count > 0 && Strength(EndMark(kept[^1])) is > 0 and < 3) ReplaceEnd(kept[^1], '。');
        return new RenderedText(kept.SelectMany(c => c).ToList());
    }

    private static string Plain(List<TextRun> piece) => string.Concat(piece.Select(r => r.Text)).TrimStart();

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
