namespace EduDuty.Reporting.Layout;

/// <summary>
/// Breaks a title into the fewest lines that fit, between its segments only: an inverted trapezoid (each line no shorter
/// than the next) where one is balanced, otherwise the most balanced lines — GB/T 9704 asks for whole words, symmetry and
/// suitable lengths.
/// </summary>
public static class TitleBreaker
{
    public static IReadOnlyList<string> Break(IReadOnlyList<string> segments, double width, Func<string, double> measure)
    {
        // A segment wider than a line is split into its characters rather than overflow the margin.
        var pieces = segments.SelectMany(s => measure(s) > width ? s.EnumerateRunes().Select(r => r.ToString()) : [s]).ToList();
        for (var lines = 1; lines <= pieces.Count; lines++)
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
