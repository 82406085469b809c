using System.Text;

namespace EduDuty.Reporting.Layout;

/// <summary>
/// An unbreakable piece of a line: one Chinese character with any punctuation glued to it, or a Latin word or number.
/// <see cref="Parts"/> are the pieces a number and its unit were kept together from ("〔2021〕", "13号）"), where the line
/// may still break when keeping them together would space the line before too widely.
/// </summary>
/// <param name="Squeeze">How much narrower the cluster may be set: half of each full-width punctuation mark in it.</param>
public sealed record Cluster(string Text, double Width, bool IsSpace, IReadOnlyList<string>? Parts = null, double Squeeze = 0);

/// <param name="Width">The line's natural width; wider than the measure when its punctuation is to be squeezed.</param>
public sealed record Line(IReadOnlyList<Cluster> Clusters, double Width, bool IsLast)
{
    public string Text => string.Concat(Clusters.Select(c => c.Text));

    /// <summary>How much narrower the line may be set by squeezing its punctuation.</summary>
    public double Squeeze => Clusters.Sum(c => c.Squeeze);
}

/// <summary>
/// Chinese line breaking (a small UAX #14): a break may fall between any two Chinese characters, never inside a Latin
/// word or a number such as 99.82%; no line starts with closing punctuation (，。、；：？！）》”％ …) and none ends with
/// opening punctuation (（《“ …): those are glued to their neighbour before lines are filled. A number keeps the
/// character after it ("104所", "12000元/生/年", "＿＿%", "〔2021〕1号"): a unit never starts a line of its own.
/// The lists follow GB/T 15834—2011 5.1 and the W3C clreq's strict 行首行尾禁则, with the half-width forms of Word's Chinese
/// kinsoku list (ECMA-376 17.3.1.16) and the few JIS X 4051 marks that meet Chinese text; the tests hold them to those
/// standards' own lists (tests/EduDuty.Reporting.Tests/Kinsoku.cs). A solidus (/ ／) needs neither: it joins both neighbours.
/// </summary>
public static class LineBreaker
{
    public const string NoLineStart = "，。、；：？！）》”’％〕】」』〉…·—,.;:?!)]}%>" + "］｝〗〙～．‰℃⋯⸺‥々ー";
    public const string NoLineEnd = "（《“‘〔【「『〈([{<" + "［｛〖〘$£¥￥＄";

    /// <summary>The most a justified line is spaced between two pieces, in 字 (full-width characters), to keep a unit whole.</summary>
    public const double MaxJoinGap = 0.5;

    /// <summary>
    /// Spacing between pieces, in 字, from which a justified line rather takes the next piece and squeezes its punctuation
    /// (标点挤压: the blank half of a full-width mark), as Chinese typesetting does before it spaces letters.
    /// </summary>
    public const double SqueezeFrom = 0.08;

    /// <summary>Full-width marks whose glyph fills half its square: closing ones sit left, opening ones right.</summary>
    public const string Squeezable = "，。、；：？！）》”’〕】」』〉（《“‘〔【「『〈";

    /// <param name="squeeze">Whether lines may be squeezed (justified text): then a line's width may exceed the measure by up to its <see cref="Line.Squeeze"/>.</param>
    public static IReadOnlyList<Line> Break(string text, double width, double firstIndent, Func<string, double> measure, bool squeeze = false)
    {
        var lines = new List<Line>();
        var current = new List<Cluster>();
        var used = 0.0;
        var limit = width - firstIndent;
        var em = measure("字");
        foreach (var next in Clusters(text, measure))
        {
            var cluster = next;
            if (cluster.IsSpace && current.Count == 0) continue;
            if (used + cluster.Width > limit + 0.01 && current.Count > 0)
            {
                // Widely spaced otherwise, the line takes the piece when squeezing its punctuation makes room.
                if (squeeze && !cluster.IsSpace && current.Count > 1 && (limit - used) / (current.Count - 1) > SqueezeFrom * em
                    && used + cluster.Width - current.Sum(c => c.Squeeze) - cluster.Squeeze <= limit + 0.01)
                {
                    current.Add(cluster);
                    used += cluster.Width;
                    continue;
                }

                // A long joined piece ("〔2021〕13号）") that would leave this line spaced more than MaxJoinGap breaks at
                // a join instead: as many of its parts as fit stay here.
                if (cluster.Parts is { Count: > 1 } parts && (limit - used) / Math.Max(1, current.Count - 1) > MaxJoinGap * em)
                {
                    var fit = 0;
                    while (fit < parts.Count - 1 && used + measure(string.Concat(parts.Take(fit + 1))) <= limit + 0.01) fit++;
                    if (fit > 0)
                    {
                        var head = string.Concat(parts.Take(fit));
                        current.Add(new Cluster(head, measure(head), false));
                        var rest = parts.Skip(fit).ToList();
                        var tail = string.Concat(rest);
                        cluster = new Cluster(tail, measure(tail), false, rest.Count > 1 ? rest : null);
                    }
                }

                Close();
                if (cluster.IsSpace) continue;
            }

            if (cluster.Width > limit && !cluster.IsSpace)
            {
                // A word longer than the line: split it character by character rather than overflow the margin.
                foreach (var c in cluster.Text.EnumerateRunes().Select(r => r.ToString()))
                {
                    var w = measure(c);
                    if (used + w > limit + 0.01 && current.Count > 0) Close();
                    current.Add(new Cluster(c, w, false));
                    used += w;
                }

                continue;
            }

            current.Add(cluster);
            used += cluster.Width;
        }

        if (current.Count > 0 || lines.Count == 0) Close();
        Rebalance(lines);
        lines[^1] = lines[^1] with { IsLast = true };
        return lines;

        void Close()
        {
            while (current.Count > 0 && current[^1].IsSpace) current.RemoveAt(current.Count - 1);
            lines.Add(new Line([.. current], current.Sum(c => c.Width), false));
            current = [];
            used = 0;
            limit = width;
        }
    }

    /// <summary>
    /// A paragraph never ends on a line of one character and its stop ("所。"): the line before gives it its last character,
    /// and justification spreads that line's slack.
    /// </summary>
    private static void Rebalance(List<Line> lines)
    {
        if (lines.Count < 2) return;
        var last = lines[^1];
        var before = lines[^2];
        if (last.Clusters.Count != 1 || last.Clusters[0].IsSpace || last.Clusters[0].Text.Length > 2 || before.Clusters.Count < 3) return;

        var moved = before.Clusters[^1];
        if (moved.IsSpace) return;
        lines[^2] = before with { Clusters = before.Clusters.Take(before.Clusters.Count - 1).ToList(), Width = before.Width - moved.Width };
        lines[^1] = last with { Clusters = [moved, .. last.Clusters], Width = last.Width + moved.Width };
    }

    public static List<Cluster> Clusters(string text, Func<string, double> measure)
    {
        var raw = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                raw.Add(" ");
                i++;
                continue;
            }

            if (c == Blank)
            {
                var j = i;
                while (j < text.Length && text[j] == Blank) j++;
                raw.Add(text[i..j]); // a blank for a figure ("＿＿") is one piece, like the number it stands for
                i = j;
                continue;
            }

            if (IsWordChar(c))
            {
                var j = i;
                while (j < text.Length && (IsWordChar(text[j]) || (IsWordJoiner(text[j]) && j + 1 < text.Length && IsWordChar(text[j + 1])))) j++;
                raw.Add(text[i..j]);
                i = j;
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
            raw.Add(text.Substring(i, length));
            i += length;
        }

        // Glue: closing punctuation to the cluster before it, opening punctuation to the cluster after it.
        var glued = new List<string>();
        var pending = new StringBuilder();
        foreach (var piece in raw)
        {
            if (piece.Length == 1 && NoLineStart.Contains(piece[0], StringComparison.Ordinal) && glued.Count > 0 && glued[^1] != " " && pending.Length == 0)
            {
                glued[^1] += piece;
                continue;
            }

            if (piece.Length == 1 && NoLineEnd.Contains(piece[0], StringComparison.Ordinal))
            {
                pending.Append(piece);
                continue;
            }

            glued.Add(pending + piece);
            pending.Clear();
        }

        if (pending.Length > 0) glued.Add(pending.ToString());

        // Each cluster as its parts: a number joins its unit for good ("13号）"); a document number's year bracket and serial
        // ("〔2021〕" + "13号）") are parts that may still part when keeping them would space a line too widely.
        var joined = new List<List<string>>(glued.Count);
        foreach (var piece in glued)
        {
            if (joined.Count == 0) joined.Add([piece]);
            else if (KeepsTogether(joined[^1][^1], piece)) joined[^1][^1] += piece;
            else if (joined[^1][^1][^1] == '〕' && char.IsAsciiDigit(piece[0])) joined[^1].Add(piece);
            else joined.Add([piece]);
        }

        var halfEm = measure("字") / 2;
        return joined.Select(parts =>
        {
            var g = string.Concat(parts);
            return new Cluster(g, measure(g), g == " ", parts.Count > 1 ? parts : null, g.Count(c => Squeezable.Contains(c, StringComparison.Ordinal)) * halfEm);
        }).ToList();
    }

    private const char Blank = '＿';

    // A number (or a blank for one) and the unit after it; units joined by a slash (元/生/年).
    private static bool KeepsTogether(string previous, string next) =>
        (IsNumberEnd(previous[^1]) && IsIdeograph(next[0]))
        || next[0] is '/' or '／' || previous[^1] is '/' or '／';

    private static bool IsNumberEnd(char c) => char.IsAsciiDigit(c) || c is Blank or '%' or '‰';

    private static bool IsIdeograph(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    // Latin letters and digits form words; these join them inside a word (99.82, 1,000, A10.03, Wi-Fi, 10:30, 5/8).
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '%' or '‰' or '℃';

    private static bool IsWordJoiner(char c) => c is '.' or ',' or '-' or ':' or '/' or '\'' or '_' or '+' or '&';
}
