using EduDuty.Core.Reports;
using EduDuty.Core.Reports.Rollup;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Reports.Rollup;

/// <summary>
/// A region of four counties with known results. Targets from the catalog (catalog-sx-2021.csv): A10.03 学前三年毛入园率
/// ≥ 90 %, A10.06 公办园在园幼儿占比 ≥ 55 %, A04.03 一般公共预算教育支出增长率 ≥ 0 %. Counts, names, minimum, maximum
/// and median below are worked out by hand from the fixture.
/// </summary>
public sealed class RollupBuilderTests
{
    private static readonly DateOnly Today = new(2021, 12, 20);

    private static ResultSummary Summary(string[] failing, params (string Code, decimal Value)[] values) =>
        new(80, 100, 0, 0, failing, 0, values.ToDictionary(v => v.Code, v => v.Value, StringComparer.Ordinal));

    [Fact]
    public void Under_a_scheme_that_scores_the_basic_facts_give_the_submitted_counties_scores_and_grades()
    {
        var scheme = SchemeLoader.Load(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "scored-scheme.json")));
        var facts = new RegionFacts("运城市", 2022, scheme, null,
        [
            new RollupCounty("甲县", CountyState.Approved, false, null) { Score = new(92m, "优秀") },
            new RollupCounty("乙县", CountyState.Submitted, false, null) { Score = new(70.3m, "合格") },
            new RollupCounty("丙县", CountyState.Submitted, false, null) { Score = new(82.2m, "良好") },
            new RollupCounty("丁县", CountyState.Draft, false, null) { Score = new(12m, "不合格") }, // not yet a return
        ]);

        // (92 + 70.3 + 82.2) ÷ 3 = 81.5.
        Assert.Equal("已提交的3个县（市、区）自评得分平均为81.5分，最高92分（甲县），最低70.3分（乙县）；按自评得分（含否决项），优秀1个、良好1个、合格1个、不合格0个。",
            RollupBuilder.Scores(facts));
        Assert.Contains(RollupBuilder.Scores(facts)!, RollupBuilder.Build(facts, new RollupTexts(), new DateOnly(2022, 12, 1)).ToPlainText());
        Assert.Null(RollupBuilder.Scores(Region())); // SX-2021 does not score
    }

    internal static RegionFacts Region() => new("运城市", 2021, GoldenCase.Scheme, new DateOnly(2021, 11, 30),
    [
        new RollupCounty("甲县", CountyState.Approved, false, Summary(["A10.03"], ("A10.03", 85.5m), ("A10.06", 60m))),
        new RollupCounty("乙县", CountyState.Submitted, false, Summary(["A04.03", "A10.03"], ("A04.03", -6.29m), ("A10.03", 88m), ("A10.06", 55.77m))),
        new RollupCounty("丙县", CountyState.Draft, false, Summary([], ("A10.03", 95m), ("A10.06", 70m))),
        new RollupCounty("丁县", CountyState.NotStarted, true, null),
    ]);

    private static string Render(string text)
    {
        var (template, errors) = RegionTemplate.Parse(text, GoldenCase.Scheme);
        Assert.Empty(errors);
        return template!.Render(Region()).ToString();
    }

    [Theory]
    [InlineData("{region}{year}年度", "运城市2021年度")]
    [InlineData("{counties}/{submitted}/{approved}/{returned}/{not_submitted}", "4/2/1/0/2")]
    [InlineData("逾期{overdue}个：{overdue_names}，截止{deadline}", "逾期1个：丁县，截止2021年11月30日")]
    [InlineData("{failing_counties}", "2")]
    [InlineData("{A10.03.failing}个：{A10.03.failing_names}", "2个：甲县、乙县")]
    [InlineData("{A10.03.passing}", "1")]
    [InlineData("{A10.03.min}-{A10.03.max}，中位数{A10.03.median}，目标{A10.03.target}", "85.5-95，中位数88，目标90")]
    [InlineData("{A10.06.median}", "60")] // 55.77, 60, 70: the middle value
    public void Region_placeholders_render_the_counts_and_figures_of_the_fixture(string text, string expected)
    {
        Assert.Equal(expected, Render(text));
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        // Without 丙县, A10.03 has 85.5 and 88: (85.5 + 88) / 2 = 86.75.
        var facts = Region() with { Counties = Region().Counties.Where(c => c.Name != "丙县").ToList() };
        Assert.Equal(86.75m, facts.Median("A10.03"));
    }

    [Fact]
    public void A_statistic_no_county_has_a_value_for_is_a_visible_gap()
    {
        Assert.Equal("＿＿", Render("{A10.08.median}"));
        Assert.Equal("0", Render("{A10.08.failing}"));
        Assert.Equal("无", Render("{A10.08.failing_names}"));
    }

    [Theory]
    [InlineData("{A99.01.failing}", "A99.01")]
    [InlineData("{A10.01.failing}", "不是评价指标")]
    [InlineData("{A10.03.average}", "格式不正确")]
    [InlineData("{nonsense}", "格式不正确")]
    [InlineData("少了{counties", "缺少对应的")]
    public void Bad_placeholders_are_refused_with_what_is_wrong(string text, string message)
    {
        var (template, errors) = RegionTemplate.Parse(text, GoldenCase.Scheme);
        Assert.Null(template);
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_report_states_the_regions_facts_and_lists_each_failing_indicator_with_its_counties_and_values()
    {
        var report = RollupBuilder.Build(Region(), new RollupTexts(), Today);
        var text = report.ToPlainText();

        Assert.Equal("运城市人民政府教育督导委员会办公室关于2021年度县级人民政府履行教育职责评价情况的报告", report.Title);
        Assert.Equal("2021年12月20日", report.Date);
        Assert.Contains("组织所辖4个县（市、区）开展了2021年度履行教育职责自评", report.Intro.ToString());
        Assert.Contains("本年度应参评县（市、区）4个。截至目前，已提交自评报告2个，其中审核通过1个；退回修改0个；尚未提交2个。", text);
        Assert.Contains("逾期未提交的县（市、区）1个：丁县。", text);

        // 二: only A10.06 is met by every county with a value (A10.03 and A04.03 fail somewhere).
        Assert.Contains("公办园在园幼儿占比（目标≥55%）已填报的3个县（市、区）均达标，最低55.77%（乙县），最高70%（丙县）。", text);
        Assert.DoesNotContain("学前三年毛入园率（目标≥90%）已填报", text);

        // 三: by area in the scheme's order (四 before 十), each indicator with its counties and values.
        Assert.Contains("对照评价标准，2个县（市、区）仍有指标未达到目标要求，主要是：", text);
        var finance = text.IndexOf("（一）财政教育支出情况", StringComparison.Ordinal);
        var preschool = text.IndexOf("（二）学前教育普及普惠发展情况", StringComparison.Ordinal);
        Assert.True(finance > 0 && preschool > finance, text);
        Assert.Contains("1.一般公共预算教育支出增长率（目标≥0%）未达标的有1个县（市、区）：乙县-6.29%。", text);
        Assert.Contains("1.学前三年毛入园率（目标≥90%）未达标的有2个县（市、区）：甲县85.5%、乙县88%。", text);

        Assert.Contains("四、整改要求", text);
        Assert.Contains("运城市人民政府教育督导委员会办公室将适时组织复查", text);
    }

    [Fact]
    public void Without_a_deadline_the_default_says_nothing_of_one_rather_than_printing_a_blank()
    {
        var text = RollupBuilder.Build(Region() with { Deadline = null }, new RollupTexts(), Today).ToPlainText();

        Assert.DoesNotContain("截止日期", text);
        Assert.DoesNotContain("＿＿", text);
    }

    [Fact]
    public void The_appendix_counts_each_countys_failing_indicators_per_area()
    {
        var grid = RollupBuilder.Build(Region(), new RollupTexts(), Today).Grid!;

        Assert.Equal(["县（市、区）", "状态", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "合计"], grid.Headers);
        Assert.Equal(1.0, grid.Widths.Sum(), 3);
        Assert.Equal(["乙县", "已提交", "0", "0", "0", "1", "0", "0", "0", "0", "0", "1", "0", "0", "2"], grid.Rows[1]);
        Assert.Equal(["丁县", "未开始", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—"], grid.Rows[3]);
        Assert.Contains("10.学前教育普及普惠发展情况", grid.Note);
    }

    [Fact]
    public void Supervisors_texts_replace_the_defaults_and_a_region_with_nothing_failing_says_so()
    {
        var clean = Region() with { Counties = Region().Counties.Where(c => c.Name is "丙县" or "丁县").ToList() };
        var texts = new RollupTexts
        {
            Issuer = "运城市教育局", Addressee = "山西省人民政府教育督导委员会办公室", Date = new DateOnly(2021, 12, 1),
            Basic = ["共{counties}个县，中位数{A10.03.median}%。"], Requirements = ["请{region}各县巩固成果。"],
        };
        var report = RollupBuilder.Build(clean, texts, Today);
        var text = report.ToPlainText();

        Assert.Equal("运城市教育局关于2021年度县级人民政府履行教育职责评价情况的报告", report.Title);
        Assert.Equal("山西省人民政府教育督导委员会办公室", report.Addressee);
        Assert.Equal("2021年12月1日", report.Date);
        Assert.Contains("共2个县，中位数95%。", text);
        Assert.Contains("请运城市各县巩固成果。", text);
        Assert.Contains("各县（市、区）已填报的评价指标均达到目标要求，本次评价未发现需要专项整改的问题。", text);
        Assert.Contains("学前三年毛入园率（目标≥90%）已填报的1个县（市、区）达标：丙县95%；", text);
    }
}
