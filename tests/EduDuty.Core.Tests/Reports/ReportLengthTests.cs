using System.Text.Json.Nodes;
using EduDuty.Core.Reports;
using EduDuty.Core.Schemes;
using EduDuty.Core.Texts;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Reports;

/// <summary>
/// The report's length (issue 25, decision 0032): what counts, counted over the golden report and by hand; the scheme's
/// <c>report.maxLength</c>, read and refused.
/// </summary>
public sealed class ReportLengthTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    /// <summary>
    /// The seed's body (its introduction and sections 一 to 四, the markdown's # marks left out, the 发布日期 line not part of the
    /// report) counted outside this code: <c>python3 -c "…sum(1 for ch in body if not ch.isspace() and category(ch) not in
    /// ('Cc','Cf'))"</c> over tests/fixtures/sx-2021/seed-report-wenxi-2021.md gives 8,160 (6,856 of them CJK ideographs);
    /// domain.md's "about 8 200 non-space characters".
    /// </summary>
    private const int SeedBodyCharacters = 8160;

    private static ReportTexts GoldenTexts()
    {
        var read = ReportTextsReader.Read(File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021-texts.json")), GoldenCase.Scheme);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        return read.Texts!;
    }

    /// <summary>
    /// What the golden report prints beyond the seed: section 三's automatic item for 中心城区教育设施布点专项规划 (A06.06 fails
    /// and no county item names it), counted by hand — "（八）中心城区教育设施布点专项规划尚未编制" 21, and "改进措施：尽快启动
    /// 中心城区教育设施布点专项规划编制工作，明确责任单位和完成时限，统筹学校建设用地和学位供给。" 54.
    /// </summary>
    private const int AutomaticItemCharacters = 21 + 54;

    /// <summary>
    /// Section 三's count of what is not judged (issue 26, decision 0035): the golden figures leave 44 of SX-2021's 93 judged
    /// indicators unfilled, so the report says so before the problems — "本次自评，已作判断的49项评价指标中有5项未达到目标要求；
    /// 另有44项评价指标尚未填报，未作判断，待数据填报完整后再逐项对照。" 62, counted by hand.
    /// </summary>
    private const int UnknownNoteCharacters = 62;

    private const int GoldenBodyCharacters = SeedBodyCharacters + AutomaticItemCharacters + UnknownNoteCharacters; // 8,297

    [Fact]
    public void The_golden_reports_body_counts_the_seeds_body_and_the_automatic_item()
    {
        var report = ReportBuilder.Build(GoldenCase.Result, GoldenTexts(), "闻喜县", Today);

        Assert.Equal(GoldenBodyCharacters, ReportLength.CountBody(report));
        // Without the automatic item (its heading and its 改进措施) and the count of what is not judged, exactly the seed's body.
        var item = report.Body.ToList().FindIndex(b => b.Text == "（八）中心城区教育设施布点专项规划尚未编制");
        Assert.True(item > 0);
        Assert.StartsWith("改进措施：尽快启动", report.Body[item + 1].Text);
        var note = report.Body.ToList().FindIndex(b => b.Text == "本次自评，已作判断的49项评价指标中有5项未达到目标要求；另有44项评价指标尚未填报，未作判断，待数据填报完整后再逐项对照。");
        Assert.True(note > 0);
        Assert.Equal(SeedBodyCharacters, ReportLength.CountBody(report with { Body = report.Body.Where((_, i) => i != item && i != item + 1 && i != note).ToList() }));
        // The seed's body read by the test's own splitting, every non-whitespace UTF-16 unit (the seed has no surrogates): the same count.
        var seed = File.ReadAllLines(RepositoryPaths.Fixture("sx-2021", "seed-report-wenxi-2021.md"));
        var body = seed.SkipWhile(l => !l.StartsWith("发布日期", StringComparison.Ordinal)).Skip(1).Select(l => l.TrimStart('#'));
        Assert.Equal(SeedBodyCharacters, body.Sum(l => l.Count(c => !char.IsWhiteSpace(c))));
    }

    [Fact]
    public void The_golden_report_is_over_the_example_schemes_5000_by_3297()
    {
        var report = ReportBuilder.Build(GoldenCase.Result, GoldenTexts(), "闻喜县", Today);

        var length = ReportLength.Of(report, 5000);

        Assert.True(length.IsOver);
        Assert.Equal(3297, length.Excess);
        Assert.Equal("正文 8,297 字 / 上限 5,000 字", length.Describe());
        Assert.Equal("正文 8,297 字", ReportLength.Of(report, null).Describe());
        Assert.False(ReportLength.Of(report, null).IsOver);
        Assert.False(ReportLength.Of(report, 8297).IsOver);
        Assert.True(ReportLength.Of(report, 8296).IsOver);
    }

    [Fact]
    public void The_title_addressee_signature_date_appendix_and_evidence_do_not_count()
    {
        var report = ReportBuilder.Build(GoldenCase.Result, GoldenTexts(), "闻喜县", Today,
            [new EvidenceEntry("A04_FINANCE", "闻喜县2021年教育经费统计表", "闻财〔2021〕3号", new DateOnly(2021, 3, 1))]);
        Assert.NotEmpty(report.Appendix);
        Assert.NotNull(report.Evidence);

        var bare = report with { Title = "", Addressee = null, Signature = "", Date = "", Appendix = [], Evidence = null };

        Assert.Equal(ReportLength.CountBody(bare), ReportLength.CountBody(report));
        Assert.Equal(GoldenBodyCharacters, ReportLength.CountBody(report));
        // The introduction counts: without it, its 163 characters go (the seed's first paragraph, counted outside).
        Assert.Equal(GoldenBodyCharacters - 163, ReportLength.CountBody(report with { Intro = new RenderedText([]) }));
    }

    [Fact]
    public void Characters_count_one_each_and_whitespace_and_invisible_characters_nothing()
    {
        // 国 土 面 积 (4) 1 , 1 6 7 (5) 平 方 公 里 (4) 。(1)
        Assert.Equal(14, ReportLength.CharactersOf("国土面积1,167平方公里。"));
        // Latin letters and half-width punctuation one each: G D P ( 3 ) , = 7.
        Assert.Equal(7, ReportLength.CharactersOf("GDP(3),"));
        // Spaces, tabs, line breaks and the full-width space count nothing.
        Assert.Equal(4, ReportLength.CharactersOf("一 二\t三\n\u3000四\r\n"));
        // A zero-width space, a direction mark and a byte-order mark are invisible: nothing.
        Assert.Equal(2, ReportLength.CharactersOf("甲\u200B\u202E\uFEFF乙"));
        // A character outside the BMP (two UTF-16 units) counts one.
        Assert.Equal(2, ReportLength.CharactersOf("𠀀字"));
        Assert.Equal(0, ReportLength.CharactersOf(null));
    }

    [Fact]
    public void SX_2021_sets_no_limit_and_the_example_scoring_scheme_sets_5000()
    {
        Assert.Null(BuiltInSchemes.Get("SX-2021").ReportMaxLength);
        var example = SchemeLoader.Load(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "scored-scheme.json")));
        Assert.Equal(5000, example.ReportMaxLength);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("5000", 5000)]
    [InlineData("1000000", 1000000)]
    [InlineData("null", null)]
    public void A_whole_number_sets_the_limit(string value, int? expected)
    {
        var scheme = SchemeLoader.Load(WithMaxLength(JsonNode.Parse(value)));

        Assert.Equal(expected, scheme.ReportMaxLength);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5000")]
    [InlineData("5000.5")]
    [InlineData("1000001")]
    [InlineData("\"5000\"")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Anything_else_is_refused_naming_the_key(string value)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(WithMaxLength(JsonNode.Parse(value))));
        var result = SchemeLoader.TryLoad(stream);

        Assert.Null(result.Scheme);
        var error = Assert.Single(result.Errors);
        Assert.Equal("report", error.Location);
        Assert.Equal("maxLength（报告正文字数上限）应为 1 到 1000000 之间的整数（不加引号），例如 5000；不设上限时请删去这一项", error.Message);
    }

    private static string WithMaxLength(JsonNode? value)
    {
        var scheme = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        scheme["report"]!["maxLength"] = value;
        return scheme.ToJsonString();
    }
}
