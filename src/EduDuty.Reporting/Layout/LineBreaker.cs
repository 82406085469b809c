using System.Text;

namespace EduDuty.Reporting.Layout;

/// <summary>An unbreakable piece of a line: one Chinese character with any punctuation glued to it, or a Latin word or number.</summary>
public sealed record Cluster(string Text, double Width, bool IsSpace);

public sealed record Line(IReadOnlyList<Cluster> Clusters, double Width, bool IsLast)
{
    public string Text => string.Concat(Clusters.Select(c => c.Text));
}

/// <summary>
/// Chinese line breaking (a small UAX #14): a break may fall between any two Chinese characters, never inside a Latin
/// word or a number such as 99.82%; no line starts with closing punctuation (，。、；：？！）》”％ …) and none ends with
/// opening punctuation (（《“ …): those are glued to their neighbour before lines are filled.
/// </summary>
public static class LineBreaker
{
    public const string NoLineStart = "，。、；：？！）》”’％〕】」』〉…·—,.;:?!)]}%>";
    public const string NoLineEnd = "（《“‘〔【「『〈([{<";

    public static IReadOnlyList<Line> Break(string text, double width, double firstIndent, Func<string, double> measure)
    {
        var lines = new List<Line>();
        var current = new List<Cluster>();
        var used = 0.0;
        var limit = width - firstIndent;
        foreach (var cluster in Clusters(text, measure))
        {
            if (cluster.IsSpace && current.Count == 0) continue;
            if (used + cluster.Width > limit + 0.01 && current.Count > 0)
            {
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
        return glued.Select(g => new Cluster(g, g == " " ? measure(" ") : measure(g), g == " ")).ToList();
    }

    // Latin letters and digits form words; these join them inside a word (99.82, 1,000, A10.03, Wi-Fi, 10:30, 5/8).
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '%' or '‰' or '℃';

    private static bool IsWordJoiner(char c) => c is '.' or ',' or '-' or ':' or '/' or '\'' or '_' or '+' or '&';
}
