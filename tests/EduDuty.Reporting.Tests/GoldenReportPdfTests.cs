using EduDuty.Core.Reports;
using EduDuty.Testing;
using UglyToad.PdfPig.Content;

namespace EduDuty.Reporting.Tests;

public sealed partial class GoldenReportPdfTests
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
    public void No_line_starts_with_a_mark_the_standards_keep_from_a_lines_start_or_ends_with_one_kept_from_its_end()
    {
        // The lists are the standards' (Kinsoku: GB/T 15834, clreq, ECMA-376, JIS X 4051), not the line breaker's own. No
        // paragraph starts with a closing mark nor ends with an opening one, so every line of the body is held to both.
        var pages = RenderedReports.Letters(RenderedReports.Golden.Pdf);
        var offenders = new List<string>();
        foreach (var page in pages.TakeWhile(p => !string.Concat(p.Select(l => l.Value)).Contains("附表", StringComparison.Ordinal)))
        {
            foreach (var line in Lines(page.Where(l => !RenderedReports.IsInFooter(l)).ToList()))
            {
                var text = string.Concat(line.Select(l => l.Value));
                if (Kinsoku.Offence(text, startsParagraph: false, endsParagraph: false) is { } offence) offenders.Add($"{text}: {offence}");
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
                .Where(l => Math.Abs(l[0].PointSize - Gb9704.Size3) < 0.1)
                .SelectMany(l => l.Zip(l.Skip(1)))
                .Where(p => IsIdeograph(p.First.Value) && IsIdeograph(p.Second.Value))
                .Select(p => (p.Second.StartBaseLine.X - p.First.EndBaseLine.X) / Gb9704.Size3)
                .ToList();

            Assert.True(gaps.Count > 1000, $"{gaps.Count} pairs");
            Assert.InRange(gaps.Max(), 0, 0.25);
        }

        static bool IsIdeograph(string s) => s.Length == 1 && s[0] is >= '\u4E00' and <= '\u9FFF';
    }

    [Fact]
    public void Copied_text_has_no_letter_spaced_words_in_pdftotext()
    {
        // pdftotext (like pdf.js) reads a gap of a tenth of a 字 between two characters as a space: a justified line spread
        // wider copied out as "务 教 育 生 均 公 用 经 费". A letter-spaced word: three or more Chinese characters each alone
        // between single spaces.
        foreach (var (name, pdf) in new[] { ("golden", RenderedReports.Golden.Pdf), ("default texts", RenderedReports.Defaults.Pdf) })
        {
            var text = Tools.PdfToText(pdf);
            var spaced = LetterSpaced().Matches(text).Select(m => m.Value).ToList();

            Assert.True(spaced.Count == 0, $"{name}: " + string.Join(" | ", spaced));
            Assert.Contains("义务教育生均公用经费", text.Replace("\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_letter_spaced_word_detector_finds_what_extraction_made_of_a_spread_line()
    {
        Assert.Matches(LetterSpaced(), "务 教 育 生 均 公 用 经 费 执 行 标 准 为： 小 学 650元/生/年");
        Assert.DoesNotMatch(LetterSpaced(), "义务教育生均公用经费执行标准为：小学650元/生/年，初中");
        Assert.DoesNotMatch(LetterSpaced(), "指标 数值 目标 结论");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\p{IsCJKUnifiedIdeographs} ){2,}\p{IsCJKUnifiedIdeographs}")]
    private static partial System.Text.RegularExpressions.Regex LetterSpaced();

    [Fact]
    public void Failing_rows_of_the_appendix_are_set_on_the_light_fill_and_passing_rows_are_not()
    {
        // The Word file's mark of a failing indicator (FBE4E4): a filled rectangle under the row's 结论 cell, "未达标".
        using var document = UglyToad.PdfPig.PdfDocument.Open(RenderedReports.Golden.Pdf);
        var failing = 0;
        var passing = 0;
        foreach (var page in document.GetPages())
        {
            var fills = page.Paths.Where(p => p.IsFilled && p.FillColor is { } c && IsMarkFill(c.ToRGBValues()))
                .Select(p => p.GetBoundingRectangle()).OfType<UglyToad.PdfPig.Core.PdfRectangle>().ToList();
            var letters = page.Letters.Where(l => l.PointSize < Gb9704.Size3 - 1).ToList();
            for (var i = 0; i + 1 < letters.Count; i++)
            {
                if (letters[i].Value != "达" || letters[i + 1].Value != "标") continue;
                var fails = i > 0 && letters[i - 1].Value == "未";
                var centre = letters[i].BoundingBox.Centroid;
                var filled = fills.Any(r => r.Left <= centre.X && centre.X <= r.Right && r.Bottom <= centre.Y && centre.Y <= r.Top);
                Assert.True(fails == filled, $"page {page.Number}: a {(fails ? "failing" : "passing")} row {(filled ? "is" : "is not")} filled");
                if (fails) failing++;
                else passing++;
            }
        }

        Assert.True(failing > 0 && passing > 10, $"{failing} failing, {passing} passing rows");

        static bool IsMarkFill((double R, double G, double B) c) =>
            Math.Abs(c.R - (0xFB / 255.0)) < 0.01 && Math.Abs(c.G - (0xE4 / 255.0)) < 0.01 && Math.Abs(c.B - (0xE4 / 255.0)) < 0.01;
    }

    [Fact]
    public void Every_page_is_a4()
    {
        // GB/T 9704 5.1: A4, 210 mm × 297 mm, read from each page's media box.
        using var document = UglyToad.PdfPig.PdfDocument.Open(RenderedReports.Golden.Pdf);
        Assert.All(document.GetPages(), page =>
        {
            Assert.Equal(Gb9704.Points(Gb9704.PageWidthMm), page.Width, 1.0);
            Assert.Equal(Gb9704.Points(Gb9704.PageHeightMm), page.Height, 1.0);
        });
    }

    [Fact]
    public void Text_stays_inside_the_type_area_and_page_numbers_sit_below_it_odd_right_even_left()
    {
        var pages = RenderedReports.Letters(RenderedReports.Golden.Pdf);
        var left = Gb9704.Left;
        var right = Gb9704.Right;
        var top = RenderedReports.PdfY(Gb9704.Top);
        var bottom = RenderedReports.PdfY(Gb9704.Bottom);
        // GB/T 9704 7.5: one 字 in from the 版心's edge, a 字 of the page number's 4号.
        var oneCharacterIn = Gb9704.Size4;

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
            // “— N —”: a 一字线 (U+2014) either side of 半角 (ASCII) Arabic digits, in 4号.
            Assert.Equal($"—{i + 1}—", string.Concat(number.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)).Replace(" ", string.Empty, StringComparison.Ordinal));
            Assert.All(number.Where(l => !string.IsNullOrWhiteSpace(l.Value)), l => Assert.Equal(Gb9704.Size4, l.PointSize, 0.5));
            // GB/T 9704 7.5: the 一字线 of the page number lies 7 mm below the lower edge of the 版心.
            var dash = number.First(l => l.Value == "—").BoundingBox;
            Assert.Equal(Gb9704.Points(Gb9704.PageNumberGapMm), bottom - ((dash.Top + dash.Bottom) / 2), 2.0);
            if ((i + 1) % 2 == 1) Assert.Equal(right - oneCharacterIn, number.Max(l => l.BoundingBox.Right), 2.0);
            else Assert.Equal(left + oneCharacterIn, number.Min(l => l.BoundingBox.Left), 2.0);
        }
    }

    [Fact]
    public void Full_body_lines_fill_the_type_area_from_the_binding_margin_to_its_right_edge()
    {
        // GB/T 9704 5.2.1 and 5.2.3: 订口 28 mm ± 1 mm, and 28 characters “撑满版心”: a full line runs from 28 mm to 184 mm.
        var lines = RenderedReports.Letters(RenderedReports.Golden.Pdf).Skip(1).Take(8)
            .SelectMany(p => Lines(p.Where(l => !RenderedReports.IsInFooter(l)).ToList()))
            .Where(l => l.Count(c => c.Value[0] >= '\u3000') == Gb9704.CharactersPerLine)
            .ToList();

        Assert.True(lines.Count > 20, $"{lines.Count} full lines");
        Assert.All(lines, line =>
        {
            Assert.InRange(line[0].StartBaseLine.X, Gb9704.Left - Gb9704.Tolerance, Gb9704.Left + Gb9704.Tolerance);
            Assert.InRange(line[^1].EndBaseLine.X, Gb9704.Right - Gb9704.Tolerance, Gb9704.Right + Gb9704.Tolerance);
        });
    }

    [Fact]
    public void Body_text_is_16_point_on_28_characters_a_line_and_22_lines_a_page()
    {
        // Body pages hold at most 22 lines; a page may end a line or two early to keep a heading or a paragraph's last line
        // with the rest (PageRulesTests), so the fullest of the first body pages is measured.
        var pages = RenderedReports.Letters(RenderedReports.Golden.Pdf).Skip(1).Take(8)
            .Select(p => Lines(p.Where(l => !RenderedReports.IsInFooter(l)).ToList()).ToList()).ToList();
        Assert.All(pages, p => Assert.True(p.Count <= Gb9704.LinesPerPage, $"{p.Count} lines"));
        var lines = pages.OrderByDescending(p => p.Count).First();

        Assert.Equal(Gb9704.LinesPerPage, lines.Count);
        Assert.All(lines.SelectMany(l => l), l => Assert.Equal(Gb9704.Size3, l.PointSize, 0.5));
        // A full line of Chinese characters and full-width punctuation: 28 of them span the 156 mm type area.
        Assert.Equal(Gb9704.CharactersPerLine, lines.Max(l => l.Count(c => c.Value[0] >= '\u3000')));
    }

    [Fact]
    public void Every_body_line_sits_on_the_standards_grid_of_22_lines_in_the_type_area()
    {
        // GB/T 9704 5.2.3: 22 lines fill the 225 mm 版心 from the 37 mm 天头, one 行 each (5.2.1 allows the 天头 ± 1 mm). Every
        // body character, on the first page as on the others, sits in the middle of its 行 as a document grid sets it: the
        // centre of its box within 1 mm of the middle of the 行 counted from the 版心's top edge.
        var pages = RenderedReports.Letters(RenderedReports.Golden.Pdf).Take(4).ToList();
        var misplaced = new List<string>();
        var count = 0;

        foreach (var page in pages)
        {
            foreach (var letter in page.Where(l => !RenderedReports.IsInFooter(l) && Math.Abs(l.PointSize - Gb9704.Size3) < 0.1 && IsIdeograph(l.Value)))
            {
                var centre = Gb9704.PageHeight - ((letter.BoundingBox.Top + letter.BoundingBox.Bottom) / 2);
                var line = Math.Floor((centre - Gb9704.Top) / Gb9704.LinePitch);
                var middle = Gb9704.Top + ((line + 0.5) * Gb9704.LinePitch);
                count++;
                if (line is < 0 or >= Gb9704.LinesPerPage || Math.Abs(centre - middle) > Gb9704.Tolerance)
                    misplaced.Add($"{letter.Value} in 行 {line + 1}, {centre - middle:F1} pt from its middle");
            }
        }

        Assert.True(count > 1000, $"{count} characters");
        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced.Take(20)));

        static bool IsIdeograph(string s) => s.Length == 1 && s[0] is >= '\u4E00' and <= '\u9FFF';
    }

    [Fact]
    public void Title_is_22_point_centred_and_headings_use_hei_and_kai_faces()
    {
        var first = RenderedReports.Letters(RenderedReports.Golden.Pdf)[0];

        var title = first.Where(l => Math.Abs(l.PointSize - Gb9704.Size2) < 0.5).ToList();
        Assert.Equal("闻喜县人民政府办公室关于履行教育职责评价工作的自评报告", string.Concat(title.Select(l => l.Value)));
        var firstLine = title.Where(l => Math.Abs(l.StartBaseLine.Y - title[0].StartBaseLine.Y) < 1).ToList();
        var centre = (firstLine.Min(l => l.BoundingBox.Left) + firstLine.Max(l => l.BoundingBox.Right)) / 2;
        // GB/T 9704 7.3.1: centred on the 版心.
        Assert.Equal((Gb9704.Left + Gb9704.Right) / 2, centre, 3.0);

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
