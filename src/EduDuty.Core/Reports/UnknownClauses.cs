using EduDuty.Core.Texts;

namespace EduDuty.Core.Reports;

/// <summary>
/// A report never states what the data does not say: a clause (up to its ，；。！？) holding a judgment on a value not entered
/// yet is left out, and the sentence around it still ends with 。. The codes left out are listed among the report's gaps.
/// </summary>
public static class UnknownClauses
{
    private const string Ends = "，,；;。！？!?";

    public static RenderedText Remove(RenderedText text, ICollection<string> omittedCodes)
    {
        if (text.Runs.All(r => r.Kind != TextRunKind.Unknown)) return text;

        var clauses = Split(text.Runs);
        var kept = new List<List<TextRun>>();
        foreach (var clause in clauses)
        {
            if (clause.All(r => r.Kind != TextRunKind.Unknown)) { kept.Add(clause); continue; }
            foreach (var code in clause.Where(r => r.Code is not null).Select(r => r.Code!)) if (!omittedCodes.Contains(code)) omittedCodes.Add(code);
            // The sentence the left-out clause closed still ends: the clause before it takes its 。.
            if (EndMark(clause) is '。' or '！' or '？' && kept.Count > 0 && EndMark(kept[^1]) is '，' or ',' or '；' or ';') ReplaceEnd(kept[^1], '。');
        }

        if (kept.Count > 0 && EndMark(kept[^1]) is '，' or ',' or '；' or ';') ReplaceEnd(kept[^1], '。');
        return new RenderedText(kept.SelectMany(c => c).ToList());
    }

    private static List<List<TextRun>> Split(IReadOnlyList<TextRun> runs)
    {
        var clauses = new List<List<TextRun>> { new() };
        foreach (var run in runs)
        {
            if (run.Kind != TextRunKind.Literal) { clauses[^1].Add(run); continue; }
            var start = 0;
            for (var i = 0; i < run.Text.Length; i++)
            {
                if (!Ends.Contains(run.Text[i])) continue;
                clauses[^1].Add(run with { Text = run.Text[start..(i + 1)] });
                clauses.Add([]);
                start = i + 1;
            }

            if (start < run.Text.Length) clauses[^1].Add(run with { Text = run.Text[start..] });
        }

        return clauses.Where(c => c.Count > 0).ToList();
    }

    private static char? EndMark(List<TextRun> clause) => clause[^1].Text is { Length: > 0 } t ? t[^1] : null;

    private static void ReplaceEnd(List<TextRun> clause, char mark)
    {
        var last = clause[^1];
        clause[^1] = last with { Text = last.Text[..^1] + mark };
    }
}
