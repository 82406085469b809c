using EduDuty.Reporting.Fonts;
using EduDuty.Reporting.Layout;
using PdfSharp.Drawing;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// Issue 28, item 1 (decision 0044): the process-wide width cache gives exactly PDFsharp's own measurement — the same double —
/// for every character and run of the golden report, in every face and size the report uses, the simulated bold title
/// included; and a character cached for one face is never the width of another face.
/// </summary>
public sealed class GlyphWidthsTests
{
    private static readonly (FontRole Role, double Size)[] Uses =
    [
        (FontRole.Body, Typography.BodySize), (FontRole.Body, Typography.TableSize), (FontRole.Body, Typography.PageNumberSize),
        (FontRole.Heading, Typography.BodySize), (FontRole.Heading, Typography.TableSize), (FontRole.Heading, Typography.PageMarkSize),
        (FontRole.Kai, Typography.BodySize), (FontRole.Title, Typography.TitleSize),
    ];

    [Fact]
    public void Every_character_and_run_of_the_golden_report_measures_as_pdfsharp_measures_it_in_every_face()
    {
        var type = new Typography(RenderedReports.Renderer().Fonts);
        using var graphics = XGraphics.CreateMeasureContext(new XSize(Typography.PageWidth, Typography.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        var text = RenderedReports.Golden.Model.ToPlainText();
        var characters = text.Distinct().Select(c => c.ToString()).ToList();
        // Runs as the layout measures them (Latin words, numbers with their units), and whole lines.
        var runs = System.Text.RegularExpressions.Regex.Matches(text, @"[\x21-\x7e]+").Select(m => m.Value).Distinct()
            .Concat(text.Split('\n').Where(l => l.Length > 0).Take(40)).ToList();
        Assert.True(characters.Count > 300 && runs.Count > 50);

        var wrong = new List<string>();
        foreach (var (role, size) in Uses)
        {
            var font = type.Font(role, size);
            foreach (var s in characters.Concat(runs))
            {
                var expected = graphics.MeasureString(s, font).Width;
                // Twice: the first measures through PDFsharp and caches, the second comes from the cache.
                for (var pass = 0; pass < 2; pass++)
                {
                    var cached = s.Length == 1 ? GlyphWidths.Measure(graphics, s[0], font) : GlyphWidths.Measure(graphics, s, font);
                    if (cached != expected) wrong.Add($"{role} {size} pass {pass} '{s}': {cached:R} ≠ {expected:R}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
    }

    [Fact]
    public void A_character_cached_for_one_face_is_measured_afresh_in_another()
    {
        var type = new Typography(RenderedReports.Renderer().Fonts);
        using var graphics = XGraphics.CreateMeasureContext(new XSize(Typography.PageWidth, Typography.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        var body = type.Font(FontRole.Body, Typography.BodySize);
        var heading = type.Font(FontRole.Heading, Typography.BodySize);
        var title = type.Font(FontRole.Title, Typography.BodySize); // the body's face, bold simulated
        const string latin = "Wm2021%";

        // The faces differ on these (uming against wqy-zenhei; a simulated bold is 2 % of the size wider a character).
        Assert.NotEqual(graphics.MeasureString(latin, body).Width, graphics.MeasureString(latin, heading).Width);
        Assert.Equal(graphics.MeasureString(latin, body).Width + (latin.Length * Typography.BodySize * 0.02), graphics.MeasureString(latin, title).Width, 9);

        foreach (var font in new[] { body, heading, title, body })
        {
            Assert.Equal(graphics.MeasureString(latin, font).Width, GlyphWidths.Measure(graphics, latin, font));
            foreach (var c in latin) Assert.Equal(graphics.MeasureString(c.ToString(), font).Width, GlyphWidths.Measure(graphics, c, font));
        }
    }
}
