using System.Text.RegularExpressions;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Reports;

/// <summary>
/// A figure the county typed into its own words ("增长62.93%", "挂牌全覆盖") where the indicator it states has no data: the
/// report would print a claim its appendix calls 未填报. <see cref="Replacement"/> is the placeholder that binds it.
/// </summary>
/// <param name="Offset">Where <see cref="Typed"/> starts in the area's text.</param>
public sealed record TypedFigure(string AreaKey, string Sentence, int Offset, string Typed, string Replacement, SchemeField Field)
{
    /// <summary>The sentence as it reads with the placeholder.</summary>
    public string Suggested => Sentence.Replace(Typed, Replacement, StringComparison.Ordinal);
}

public static partial class TypedFigures
{
    // The words before a typed figure (since the sentence's previous figure) must hold this share of an indicator name's
    // character pairs to be about it: "全县财政一般公共预算教育…支出…，增长62.93%" holds 9 of the 12 pairs of
    // 一般公共预算教育支出增长率, and 4 of 7 of 一般公共预算教育支出（上年同期） is not enough.
    private const double MinimumShare = 0.6;

    /// <summary>Typed figures in one area's text whose indicator (of that area, with the figure's unit) has no value.</summary>
    public static IReadOnlyList<TypedFigure> Find(EvaluationResult evaluation, string areaKey, string text)
    {
        var missing = evaluation.InArea(areaKey)
            .Where(r => !r.HasValue && r.Field.Kind.IsNumeric() && !r.Field.IsConsistencyCheck && r.Field.Unit is { Length: > 0 })
            .Select(r => r.Field)
            .ToList();
        if (missing.Count == 0) return [];

        var found = new List<TypedFigure>();
        foreach (Match sentence in Sentences().Matches(text))
        {
            // Placeholders are bound already; their letters and digits are not the county's typing.
            var words = Placeholders().Replace(sentence.Value, m => new string('\u0001', m.Length));
            var since = 0;
            foreach (Match typed in Figures().Matches(words))
            {
                var before = words[since..(typed.Index + typed.Length)]; // "…挂牌全覆盖" names the 覆盖 it states
                since = typed.Index + typed.Length;
                var unit = typed.Groups["unit"].Value;
                var coverage = typed.Groups["all"].Success;
                var field = missing
                    .Where(f => coverage ? f.Unit == "%" : unit.StartsWith(f.Unit!, StringComparison.Ordinal))
                    .Where(f => !sentence.Value.Contains("{" + f.Code, StringComparison.Ordinal))
                    .Select(f => (Field: f, Share: Share(f.NameZh, before)))
                    .Where(c => c.Share >= MinimumShare)
                    .OrderByDescending(c => c.Share)
                    .Select(c => c.Field)
                    .FirstOrDefault();
                if (field is null) continue;

                var replacement = coverage ? $"覆盖率达到{{{field.Code}}}%" : $"{{{field.Code}}}{field.Unit}";
                var typedText = coverage ? typed.Value : typed.Groups["number"].Value + field.Unit;
                found.Add(new TypedFigure(areaKey, sentence.Value.Trim(), sentence.Index + typed.Index, typedText, replacement, field));
            }
        }

        return found;
    }

    // The share of the name's adjacent character pairs that the words contain.
    private static double Share(string name, string words)
    {
        if (name.Length < 2) return 0;
        var pairs = Enumerable.Range(0, name.Length - 1).Select(i => name.Substring(i, 2)).ToList();
        return pairs.Count(p => words.Contains(p, StringComparison.Ordinal)) / (double)pairs.Count;
    }

    [GeneratedRegex(@"[^。；！？\n]+[。；！？]?")]
    private static partial Regex Sentences();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholders();

    // A number as typed, with the unit after it; or "全覆盖" (not "全覆盖情况", a sub-item's title), which states 100%.
    [GeneratedRegex(@"(?<![\d.\u0001])(?<number>\d+(?:\.\d+)?)(?<unit>%|[\u4E00-\u9FFF]{1,4})|(?<all>全覆盖)(?!情况)")]
    private static partial Regex Figures();
}
