using EduDuty.Testing;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// The golden report's Word file as LibreOffice lays it out (converted to PDF once for the class and read back with PdfPig):
/// GB/T 9704's page — 28 characters on a full line of the 156 mm type area, 22 lines a page, the page number's 一字线 7 mm
/// below the type area (7.5), one 字 in from the outer edge, odd pages right and even pages left.
/// </summary>
public sealed class ReportDocxLayoutTests
{
    private static readonly Lazy<IReadOnlyList<IReadOnlyList<Letter>>> Converted = new(() =>
    {
        var pdf = LibreOffice.DocxToPdf(ReportRenderer.RenderDocx(RenderedReports.Golden.Model));
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => (IReadOnlyList<Letter>)p.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).ToList()).ToList();
    });

    private static readonly double Bottom = RenderedReports.PdfY(Gb9704.Bottom);

    // The body's pages: the appendix (from its 附件 page on) sets tables in 小4号.
    private static IEnumerable<IReadOnlyList<Letter>> BodyPages() =>
        Converted.Value.TakeWhile(p => !p.Any(l => l.StartBaseLine.Y > Bottom && Math.Abs(l.PointSize - Gb9704.Size4) > 1 && Math.Abs(l.PointSize - Gb9704.Size3) > 1 && Math.Abs(l.PointSize - Gb9704.Size2) > 1));

    private static IEnumerable<List<Letter>> Lines(IEnumerable<Letter> letters) =>
        letters.GroupBy(l => Math.Round(l.StartBaseLine.Y, 0)).OrderByDescending(g => g.Key).Select(g => g.OrderBy(l => l.BoundingBox.Left).ToList());

    [Fact]
    public void Full_body_lines_hold_28_characters()
    {
        // A full line: 3号 and all full-width (no figures, whose width is the font's), starting at the binding margin (not a
        // paragraph's indented first line) and reaching the right edge (not its last line). A closing mark LibreOffice hangs
        // beyond the edge is not counted. A line holds 27 only where the 28th character may not go there: the next line
        // starts with a mark that may not end a line, a number (kept whole), or a character whose follower may not start one.
        var shortOnes = new List<string>();
        var full = 0;
        foreach (var page in BodyPages())
        {
            var lines = Lines(page.Where(l => l.StartBaseLine.Y > Bottom)).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                if (!line.All(c => c.Value[0] >= '\u3000' && Math.Abs(c.PointSize - Gb9704.Size3) < 0.5)) continue;
                if (Math.Abs(line[0].BoundingBox.Left - Gb9704.Left) > 2) continue;
                var inside = line.Where(c => c.StartBaseLine.X < Gb9704.Right - 1).ToList();
                if (inside[^1].EndBaseLine.X < Gb9704.Right - (Gb9704.Character / 2)) continue;
                full++;
                if (inside.Count == Gb9704.CharactersPerLine) continue;
                var next = i + 1 < lines.Count ? string.Concat(lines[i + 1].Select(c => c.Value)) : string.Empty;
                var keptOff = inside.Count == Gb9704.CharactersPerLine - 1 && next.Length > 1
                    && (Layout.LineBreaker.NoLineEnd.Contains(next[0], StringComparison.Ordinal) || char.IsAsciiLetterOrDigit(next[0])
                        || Layout.LineBreaker.NoLineStart.Contains(next[1], StringComparison.Ordinal));
                if (!keptOff) shortOnes.Add($"{inside.Count}: {string.Concat(inside.Select(c => c.Value))} / {next}");
            }
        }

        Assert.True(full > 50, $"{full} full lines");
        Assert.True(shortOnes.Count == 0, string.Join("\n", shortOnes));
    }

    [Fact]
    public void A_full_page_holds_22_lines_on_the_grid()
    {
        var pages = BodyPages().Select(p => Lines(p.Where(l => l.StartBaseLine.Y > Bottom)).Select(l => l[0].StartBaseLine.Y).ToList()).ToList();

        Assert.Equal(Gb9704.LinesPerPage, pages.Max(p => p.Count));
        var pitches = pages.Where(p => p.Count == Gb9704.LinesPerPage).SelectMany(p => p.Zip(p.Skip(1), (a, b) => a - b)).ToList();
        Assert.All(pitches, d => Assert.Equal(Gb9704.LinePitch, d, 0.5));
    }

    [Fact]
    public void The_page_number_sits_7_mm_below_the_type_area_one_character_in_odd_right_even_left()
    {
        var pages = Converted.Value;
        Assert.True(pages.Count > 10);
        for (var i = 0; i < pages.Count; i++)
        {
            var number = pages[i].Where(l => l.StartBaseLine.Y < Bottom).ToList();
            Assert.Equal($"—{i + 1}—", string.Concat(number.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)));
            // GB/T 9704 7.5: the 一字线 7 mm below the type area's lower edge (± 1 mm), read from the dash's own outline.
            var dash = number.First(l => l.Value == "—").BoundingBox;
            Assert.Equal(Gb9704.PageNumberGapMm, (Bottom - ((dash.Top + dash.Bottom) / 2)) / Gb9704.Points(1), 1.0);
            if ((i + 1) % 2 == 1) Assert.Equal(Gb9704.Right - Gb9704.Size4, number.Max(l => l.BoundingBox.Right), 2.0);
            else Assert.Equal(Gb9704.Left + Gb9704.Size4, number.Min(l => l.BoundingBox.Left), 2.0);
        }
    }
}
