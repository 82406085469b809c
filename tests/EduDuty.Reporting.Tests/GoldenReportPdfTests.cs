using EduDuty.Core.Reports;
using EduDuty.Reporting.Layout;
using EduDuty.Testing;
using UglyToad.PdfPig.Content;

namespace EduDuty.Reporting.Tests;

public sealed class GoldenReportPdfTests
{
    [Fact]
    public void Every_heading_and_sentence_of_the_seed_sections_one_to_four_is_in_the_pdf_text()
    {
        var text = SeedReport.Squash(RenderedReports.BodyText(RenderedReports.Golden.Pdf));

        var missing = SeedReport.HeadingsAndSentences().Where(s => !text.Contains(SeedReport.Squash(s), StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "missing from the PDF:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Text_extracted_with_pdfpig_equals_the_models_text()
    {
        var (model, pdf) = RenderedReports.Golden;

        Assert.Equal(RenderedReports.Comparable(model.ToPlainText()), RenderedReports.Comparable(RenderedReports.BodyText(pdf)));
    }

    [Fact]
    public void Default_texts_render_the_figures_and_the_private_share_problem()
    {
        var text = SeedReport.Squash(RenderedReports.BodyText(RenderedReports.Defaults.Pdf));

        Assert.Contains("学前三年毛入园率达99.82%", text);
        Assert.Contains("公办园在园幼儿占比55.77%", text);
        Assert.Contains("民办义务教育在校生占比17.25%", text);
        Assert.Contains("全县民办义务教育阶段在校生占比超过5%", text);
    }

    [Fact]
    public void No_line_starts_with_closing_punctuation_or_ends_with_opening_punctuation()
    {
        var pages = RenderedReports.Letters(RenderedReports.Golden.Pdf);
        var offenders = new List<string>();
        foreach (var page in pages.TakeWhile(p => !string.Concat(p.Select(l => l.Value)).Contains("附表", StringComparison.Ordinal)))
        {
            foreach (var line in Lines(page.Where(l => !RenderedReports.IsInFooter(l)).ToList()))
            {
                var text = string.Concat(line.Select(l => l.Value));
                if (LineBreaker.NoLineStart.Contains(text[0], StringComparison.Ordinal) || LineBreaker.NoLineEnd.Contains(text[^1], StringComparison.Ordinal))
                {
                    offenders.Add(text);
                }
            }
        }

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        Assert.True(pages.Count > 10);
    }

    [Fact]
    public void Numbers_and_percentages_stay_whole_on_one_line()
    {
        var lines = RenderedReports.Letters(RenderedReports.Golden.Pdf).SelectMany(Lines).Select(l => string.Concat(l.Select(c => c.Value))).ToList();

        Assert.Contains(lines, l => l.Contains("99.82%", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.EndsWith("99.", StringComparison.Ordinal) || l.StartsWith("82%", StringComparison.Ordinal));
    }

    [Fact]
    public void Justified_lines_are_never_spaced_more_than_a_quarter_character_between_two_chinese_characters()
    {
        // Keeping numbers with their units ("〔2021〕13号）" is six characters wide) leaves slack on the line before; the
        // line rather squeezes its punctuation (LineBreaker.SqueezeFrom), and what is left is spread over the line. More
        // than a quarter of a 字 between two characters reads as letter-spacing.
        foreach (var pdf in new[] { RenderedReports.Golden.Pdf, RenderedReports.Defaults.Pdf })
        {
            var gaps = RenderedReports.Letters(pdf).SelectMany(Lines)
                .Where(l => Math.Abs(l[0].PointSize - Typography.BodySize) < 0.1)
                .SelectMany(l => l.Zip(l.Skip(1)))
                .Where(p => IsIdeograph(p.First.Value) && IsIdeograph(p.Second.Value))
                .Select(p => (p.Second.StartBaseLine.X - p.First.EndBaseLine.X) / Typography.BodySize)
                .ToList();

            Assert.True(gaps.Count > 1000, $"{gaps.Count} pairs");
            Assert.InRange(gaps.Max(), 0, 0.25);
        }

        static bool IsIdeograph(string s) => s.Length == 1 && s[0] is >= '\u4E00' and <= '\u9FFF';
    }

    [Fact]
    public void Text_stays_inside_the_type_area_and_page_numbers_sit_below_it_odd_right_even_left()
    {
        var pages = RenderedReports.Letters(RenderedReports.Golden.Pdf);
        var left = Typography.Left;
        var right = Typography.Left + Typography.BodyWidth;
        var top = RenderedReports.PdfY(Typography.Top);
        var bottom = RenderedReports.PdfY(Typography.Bottom);

        for (var i = 0; i < pages.Count; i++)
        {
            var body = pages[i].Where(l => !RenderedReports.IsInFooter(l)).ToList();
            Assert.All(body, l =>
            {
                Assert.InRange(l.BoundingBox.Left, left - 0.5, right + 0.5);
                Assert.InRange(l.BoundingBox.Right, left - 0.5, right + 1.5);
                Assert.InRange(l.StartBaseLine.Y, bottom, top);
            });

            var number = pages[i].Where(RenderedReports.IsInFooter).ToList();
            Assert.Equal($"—{i + 1}—", string.Concat(number.Select(l => l.Value)).Replace(" ", string.Empty, StringComparison.Ordinal));
            Assert.All(number, l => Assert.Equal(14, l.PointSize, 0.5));
            // GB/T 9704 7.5: the 一字线 of the page number lies 7 mm below the lower edge of the 版心.
            var dash = number.First(l => l.Value == "—").BoundingBox;
            Assert.Equal(7 * 72 / 25.4, bottom - ((dash.Top + dash.Bottom) / 2), 2.0);
            if ((i + 1) % 2 == 1) Assert.Equal(right - 14, number.Max(l => l.BoundingBox.Right), 2.0);
            else Assert.Equal(left + 14, number.Min(l => l.BoundingBox.Left), 2.0);
        }
    }

    [Fact]
    public void Body_text_is_16_point_on_28_characters_a_line_and_22_lines_a_page()
    {
        // Body pages hold at most 22 lines; a page may end a line or two early to keep a heading or a paragraph's last line
        // with the rest (PageRulesTests), so the fullest of the first body pages is measured.
        var pages = RenderedReports.Letters(RenderedReports.Golden.Pdf).Skip(1).Take(8)
            .Select(p => Lines(p.Where(l => !RenderedReports.IsInFooter(l)).ToList()).ToList()).ToList();
        Assert.All(pages, p => Assert.True(p.Count <= 22, $"{p.Count} lines"));
        var lines = pages.OrderByDescending(p => p.Count).First();

        Assert.Equal(22, lines.Count);
        Assert.All(lines.SelectMany(l => l), l => Assert.Equal(16, l.PointSize, 0.5));
        // A full line of Chinese characters and full-width punctuation: 28 of them span the 156 mm type area.
        Assert.Equal(28, lines.Max(l => l.Count(c => c.Value[0] >= '\u3000')));
    }

    [Fact]
    public void The_first_page_body_sits_on_the_same_line_grid_as_every_other_page()
    {
        // GB/T 9704's 22 lines a page: every body line's baseline is a whole number of line pitches below the first one's.
        var pages = RenderedReports.Letters(RenderedReports.Golden.Pdf).Take(4).ToList();
        var first = RenderedReports.PdfY(Typography.Top + (Typography.LinePitch / 2) + (Typography.BodySize * 0.35));

        foreach (var page in pages)
        {
            var baselines = page.Where(l => !RenderedReports.IsInFooter(l) && Math.Abs(l.PointSize - Typography.BodySize) < 0.1)
                .Select(l => l.StartBaseLine.Y).Distinct().ToList();
            Assert.NotEmpty(baselines);
            Assert.All(baselines, y =>
            {
                var lines = (first - y) / Typography.LinePitch;
                Assert.Equal(Math.Round(lines), lines, 0.02);
            });
        }
    }

    [Fact]
    public void Title_is_22_point_centred_and_headings_use_hei_and_kai_faces()
    {
        var first = RenderedReports.Letters(RenderedReports.Golden.Pdf)[0];

        var title = first.Where(l => Math.Abs(l.PointSize - 22) < 0.5).ToList();
        Assert.Equal("闻喜县人民政府办公室关于履行教育职责评价工作的自评报告", string.Concat(title.Select(l => l.Value)));
        var firstLine = title.Where(l => Math.Abs(l.StartBaseLine.Y - title[0].StartBaseLine.Y) < 1).ToList();
        var centre = (firstLine.Min(l => l.BoundingBox.Left) + firstLine.Max(l => l.BoundingBox.Right)) / 2;
        Assert.Equal(Typography.Left + (Typography.BodyWidth / 2), centre, 3.0);

        Assert.Contains(first, l => l.Value == "基" && (l.FontName ?? "").Contains("Zen Hei", StringComparison.Ordinal));
        Assert.Contains(first, l => l.Value == "领" && (l.FontName ?? "").Contains("UKai", StringComparison.Ordinal));
    }

    /// <summary>Letters grouped into lines by baseline, in reading order.</summary>
    private static IEnumerable<List<Letter>> Lines(IReadOnlyList<Letter> letters) =>
        letters.Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .GroupBy(l => Math.Round(l.StartBaseLine.Y, 0))
            .OrderByDescending(g => g.Key)
            .Select(g => g.OrderBy(l => l.BoundingBox.Left).ToList());
}
