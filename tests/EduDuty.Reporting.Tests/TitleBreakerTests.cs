using EduDuty.Core.Reports;
using EduDuty.Reporting.Layout;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// GB/T 9704 7.3.1: a title of several lines breaks between words, in lines of balanced length — an inverted trapezoid, or
/// near enough to a rectangle. Checked on the default title of counties, districts, county-level cities and banners whose names
/// run from one to five characters.
/// </summary>
public sealed class TitleBreakerTests
{
    private const double Character = Gb9704.Size2; // 7.3.1: the title in 2号
    private static readonly double Width = Gb9704.TypeAreaWidth;

    [Theory]
    [InlineData("夏县")]
    [InlineData("闻喜县")]
    [InlineData("盐湖区")]
    [InlineData("古交市")]
    [InlineData("尖草坪区")]
    [InlineData("和林格尔县")]
    [InlineData("额尔古纳市")]
    [InlineData("鄂托克前旗")]
    [InlineData("察哈尔右翼前旗")]
    [InlineData("莫力达瓦达斡尔族自治旗")]
    public void The_default_title_breaks_between_words_into_a_balanced_inverted_trapezoid(string county)
    {
        var title = $"{ReportBuilder.DefaultIssuer(county)}关于履行教育职责评价工作的自评报告";

        var lines = TitleBreaker.Break(ReportTitle.Segments(title), Width, s => s.Length * Character);

        Assert.Equal(title, string.Concat(lines));
        Assert.All(lines, l => Assert.True(l.Length * Character <= Width, l));
        foreach (var word in new[] { county, "人民政府", "办公室", "履行教育职责", "自评报告" })
            Assert.Contains(lines, l => l.Contains(word, StringComparison.Ordinal));
        var (longest, shortest) = (lines.Max(l => l.Length), lines.Min(l => l.Length));
        Assert.True(longest - shortest <= longest / 3.0, "unbalanced: " + string.Join(" / ", lines));
        // An inverted trapezoid, or lines so near in length that they read as a rectangle.
        Assert.True(lines.Zip(lines.Skip(1)).All(p => p.First.Length >= p.Second.Length) || longest - shortest <= 4, string.Join(" / ", lines));
    }

    [Theory]
    [InlineData(100)]
    [InlineData(200)]
    public void A_long_issuer_is_broken_with_bounded_work_into_full_lines_narrowing_downwards(int issuerLength)
    {
        // An issuer of no known words (the attacker's 100 characters made every split a candidate: C(n−1, k−1) of them).
        var issuer = string.Concat(Enumerable.Range(0, issuerLength).Select(i => (char)('甲' + i)));
        var title = $"{issuer}关于履行教育职责评价工作的自评报告";
        var measured = 0;

        var lines = TitleBreaker.Break(ReportTitle.Segments(title), Width, s =>
        {
            measured++;
            return s.Length * Character;
        });

        Assert.Equal(title, string.Concat(lines));
        Assert.All(lines, l => Assert.True(l.Length * Character <= Width, l));
        // The fewest lines: as many as the characters need at a line's capacity.
        var capacity = (int)Math.Floor(Width / Character);
        Assert.Equal((int)Math.Ceiling(title.Length / (double)capacity), lines.Count);
        Assert.True(lines.Zip(lines.Skip(1)).All(p => p.First.Length >= p.Second.Length), string.Join(" / ", lines));
        // Linear in the title: each piece measured a few times, never every arrangement (there are over 10^20).
        Assert.True(measured <= 4 * title.Length, $"{measured} measurements for {title.Length} characters");
    }

    [Fact]
    public void The_golden_pdf_title_keeps_its_words_on_one_line()
    {
        var titleLines = RenderedReports.Letters(RenderedReports.Golden.Pdf)[0]
            .Where(l => Math.Abs(l.PointSize - Gb9704.Size2) < 0.5)
            .GroupBy(l => Math.Round(l.StartBaseLine.Y))
            .OrderByDescending(g => g.Key)
            .Select(g => string.Concat(g.OrderBy(l => l.StartBaseLine.X).Select(l => l.Value)))
            .ToList();

        Assert.Equal("闻喜县人民政府办公室关于履行教育职责评价工作的自评报告", string.Concat(titleLines));
        Assert.Contains(titleLines, l => l.Contains("履行教育职责", StringComparison.Ordinal));
        Assert.Contains(titleLines, l => l.Contains("自评报告", StringComparison.Ordinal));
    }

    [Fact]
    public void The_title_is_heavier_than_the_body_a_simulated_bold_without_a_标宋_face()
    {
        var letters = RenderedReports.Letters(RenderedReports.Golden.Pdf)[0];
        var title = letters.Where(l => Math.Abs(l.PointSize - Gb9704.Size2) < 0.5).ToList();
        var body = letters.Where(l => Math.Abs(l.PointSize - 16) < 0.5).ToList();

        // PDFsharp draws a simulated bold by filling and stroking the outlines (text rendering mode 2).
        Assert.All(title, l => Assert.Equal(UglyToad.PdfPig.Core.TextRenderingMode.FillThenStroke, l.RenderingMode));
        Assert.All(body, l => Assert.Equal(UglyToad.PdfPig.Core.TextRenderingMode.Fill, l.RenderingMode));
    }
}
