namespace EduDuty.Reporting.Layout;

/// <summary>
/// Breaks a title into the fewest lines that fit, between its segments only: an inverted trapezoid (each line no shorter
/// than the next) where one is balanced, otherwise the most balanced lines — GB/T 9704 asks for whole words, symmetry and
/// suitable lengths. The work is bounded whatever the title (issue 24: a 100-character issuer once made every split a
/// candidate, C(n−1, k−1) of them, and held a core for minutes): titles with few ways to break are searched exhaustively;
/// beyond <see cref="ExhaustiveLimit"/> arrangements the lines are balanced by the smallest longest line (a dynamic
/// programme over the segments, O(k·n²) sums) and filled from the top, which makes the trapezoid.
/// </summary>
public static class TitleBreaker
{
    /// <summary>Arrangements searched one by one at most; real titles (a county's name and the subject) have a few hundred.</summary>
    public const int ExhaustiveLimit = 5_000;

    public static IReadOnlyList<string> Break(IReadOnlyList<string> segments, double width, Func<string, double> measure)
    {
        // A segment wider than a line is split into its characters rather than overflow the margin.
        var pieces = segments.SelectMany(s => measure(s) > width ? s.EnumerateRunes().Select(r => r.ToString()) : [s]).ToList();
        if (pieces.Count == 0) return [];
        var fewest = Greedy(pieces, width, measure).Count;
        if (Count(pieces.Count - 1, fewest - 1) > ExhaustiveLimit) return Balanced(pieces, fewest, width, measure);

        for (var lines = fewest; lines <= pieces.Count; lines++)
        {
            var fitting = Arrangements(pieces.Count, lines)
                .Select(cuts => Lines(pieces, cuts))
                .Where(l => l.All(line => measure(line) <= width + 0.01))
                .Select(l => (Lines: l, Widths: l.Select(measure).ToList()))
                .ToList();
            if (fitting.Count == 0) continue;

            // An inverted trapezoid when one is balanced (lines within a third of the longest); otherwise the most balanced.
            static double Spread(List<double> w) => w.Max() - w.Min();
            var trapezoid = fitting.Where(a => IsTrapezoid(a.Widths)).OrderBy(a => Spread(a.Widths)).FirstOrDefault();
            if (trapezoid.Lines is not null && Spread(trapezoid.Widths) <= trapezoid.Widths.Max() / 3) return trapezoid.Lines;
            return fitting.OrderBy(a => Spread(a.Widths)).First().Lines;
        }

        return pieces;
    }

    // Lines filled as far as each goes: the fewest lines that fit (every piece fits a line on its own).
    private static List<string> Greedy(List<string> pieces, double width, Func<string, double> measure)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var piece in pieces)
        {
            if (line.Length > 0 && measure(line + piece) > width + 0.01)
            {
                lines.Add(line);
                line = string.Empty;
            }

            line += piece;
        }

        lines.Add(line);
        return lines;
    }

    // The smallest longest line over every way to make the given number of lines (widths summed from the pieces', which for
    // a title's CJK glyphs is what the line measures), then lines filled from the top up to it: the first lines are the full
    // ones, so the shape is an inverted trapezoid. Checked with the real measure; greedy if the sums were optimistic.
    private static IReadOnlyList<string> Balanced(List<string> pieces, int lines, double width, Func<string, double> measure)
    {
        var n = pieces.Count;
        var prefix = new double[n + 1];
        for (var i = 0; i < n; i++) prefix[i + 1] = prefix[i] + measure(pieces[i]);

        // best[j, i]: the smallest longest line when the first i pieces make j lines.
        var best = new double[lines + 1, n + 1];
        for (var j = 0; j <= lines; j++)
            for (var i = 0; i <= n; i++) best[j, i] = double.PositiveInfinity;
        best[0, 0] = 0;
        for (var j = 1; j <= lines; j++)
            for (var i = j; i <= n; i++)
                for (var c = j - 1; c < i; c++)
                    best[j, i] = Math.Min(best[j, i], Math.Max(best[j - 1, c], prefix[i] - prefix[c]));

        var bound = best[lines, n];
        var result = new List<string>();
        var start = 0;
        for (var line = 0; line < lines && start < n; line++)
        {
            // Leave at least one piece for each line still to come.
            var end = start + 1;
            while (end < n - (lines - line - 1) && prefix[end + 1] - prefix[start] <= bound + 0.01) end++;
            if (line == lines - 1) end = n;
            result.Add(string.Concat(pieces.Skip(start).Take(end - start)));
            start = end;
        }

        return result.All(l => measure(l) <= width + 0.01) ? result : Greedy(pieces, width, measure);
    }

    // C(n, k), stopping once it passes the limit.
    private static long Count(int n, int k)
    {
        k = Math.Min(k, n - k);
        if (k < 0) return 0;
        long result = 1;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
            if (result > ExhaustiveLimit) return result;
        }

        return result;
    }

    private static bool IsTrapezoid(List<double> widths) => widths.Zip(widths.Skip(1)).All(p => p.First >= p.Second - 0.01);

    private static List<string> Lines(List<string> pieces, int[] cuts)
    {
        var lines = new List<string>();
        var start = 0;
        foreach (var cut in cuts.Append(pieces.Count))
        {
            lines.Add(string.Concat(pieces.Skip(start).Take(cut - start)));
            start = cut;
        }

        return lines;
    }

    // Every way to cut n pieces into the given number of non-empty lines: the cut positions, ascending.
    private static IEnumerable<int[]> Arrangements(int n, int lines)
    {
        if (lines == 1) { yield return []; yield break; }
        foreach (var rest in Choose(Enumerable.Range(1, n - 1).ToArray(), lines - 1, 0)) yield return rest;
    }

    private static IEnumerable<int[]> Choose(int[] positions, int count, int from)
    {
        if (count == 0) { yield return []; yield break; }
        for (var i = from; i <= positions.Length - count; i++)
        {
            foreach (var tail in Choose(positions, count - 1, i + 1)) yield return [positions[i], .. tail];
        }
    }
}
