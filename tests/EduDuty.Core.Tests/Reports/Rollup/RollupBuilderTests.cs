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
        Assert.Contains(RollupBuilder.Scores(facts)!, RollupBuilder.Build(facts, new RollupTexts()).ToPlainText());
        Assert.Null(RollupBuilder.Scores(Region())); // SX-2021 does not score
    }

    internal static RegionFacts Region() => new("运城市", 2021, GoldenCase.Scheme, new DateOnly(2021, 11, 30),
    [
        new RollupCounty("甲县", CountyState.Approved, false, Summary(["A10.03"], ("A10.03", 85.5m), ("A10.06", 60m))),
        new RollupCounty("乙县", CountyState.Submitted, false, Summary(["A04.03", "A10.03"], ("A04.03", -6.29m), ("A10.03", 88m), ("A10.06", 55.77m))),
        new RollupCounty("丙县", CountyState.Draft, false, Summary([], ("A10.03", 95m), ("A10.06", 70m))),
        new RollupCounty("丁县", CountyState.NotStarted, true, null),
    ]);

    // The placeholders over all three counties with figures (the draft 丙县 included).
    private static string Render(string text, bool includeDrafts = true)
    {
        var (template, errors) = RegionTemplate.Parse(text, GoldenCase.Scheme);
        Assert.Empty(errors);
        return template!.Render(Region() with { IncludeDrafts = includeDrafts }).ToString();
    }

    [Theory]
    [InlineData("{included}/{not_included}：{not_included_names}", "2/2：丙县、丁县")]
    [InlineData("{A10.03.passing}", "0")] // 丙县's 95 is a draft's: not counted by default
    [InlineData("{A10.06.min}-{A10.06.max}", "55.77-60")]
    [InlineData("{drafts_included}", "0")]
    [InlineData("{rectification_due}", "＿＿")]
    public void By_default_only_submitted_counties_are_summed_up(string text, string expected)
    {
        Assert.Equal(expected, Render(text, includeDrafts: false));
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
    [InlineData("{included}/{not_included}/{drafts_included}：{not_included_names}", "3/1/1：丁县")]
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
    public void The_default_report_sums_up_the_submitted_counties_names_the_others_and_gives_each_county_a_conclusion()
    {
        var report = RollupBuilder.Build(Region(), new RollupTexts());
        var text = report.ToPlainText();

        Assert.Equal("运城市人民政府教育督导委员会办公室关于2021年度县级人民政府履行教育职责评价情况的报告", report.Title);
        Assert.Null(report.PageNotice); // nothing but submitted returns: no 征求意见稿
        Assert.Contains("组织所辖4个县（市、区）开展了2021年度履行教育职责自评", report.Intro.ToString());
        Assert.Contains("本年度应参评县（市、区）4个。截至目前，已提交自评报告2个，其中审核通过1个；退回修改0个；尚未提交2个。", text);
        Assert.Contains("逾期未提交的县（市、区）1个：丁县。", text);
        Assert.Contains("丙县1个县（市、区）尚未提交自评报告，丁县1个县（市、区）尚未开始填报，其数据未纳入本报告的汇总和判断。", text);
        Assert.Contains("实地核查情况：＿＿", text); // what the portal does not know is left for the supervisors

        // Conclusions: the fixture's summaries hold 80 of 100 required figures, so 20 are unknown.
        Assert.Contains("1.甲县：审核通过，1项评价指标未达标；20项必填数据未填报，相关指标未作判断。", text);
        Assert.Contains("2.乙县：已提交，待审核，2项评价指标未达标；20项必填数据未填报，相关指标未作判断。", text);
        Assert.Contains("3.丙县：尚未提交自评报告（草稿），已填报必填数据80/100项，未纳入汇总。", text);
        Assert.Contains("4.丁县：未开始填报，未纳入汇总。", text);

        // 二: aggregates over the two submitted counties, never one county's figure alone: A10.06 60 (甲) and 55.77 (乙).
        Assert.Contains("公办园在园幼儿占比中位数57.89%，最低55.77%（乙县），最高60%（甲县）", text);
        Assert.DoesNotContain("丙县95%", text);

        // 三: by area in the scheme's order (四 before 十), each indicator with its counties and values; the others named.
        Assert.Contains("对照评价标准，纳入汇总的2个县（市、区）中，2个仍有指标未达到目标要求，主要是：", text);
        var finance = text.IndexOf("（一）财政教育支出情况", StringComparison.Ordinal);
        var preschool = text.IndexOf("（二）学前教育普及普惠发展情况", StringComparison.Ordinal);
        Assert.True(finance > 0 && preschool > finance, text);
        Assert.Contains("1.一般公共预算教育支出增长率（目标≥0%）未达标的有1个县（市、区）：乙县-6.29%。", text);
        Assert.Contains("1.学前三年毛入园率（目标≥90%）未达标的有2个县（市、区）：甲县85.5%、乙县88%。", text);
        Assert.Contains("纳入汇总的县（市、区）中，甲县20项、乙县20项必填数据尚未填报，相关指标未作判断，未计入达标。", text);
        Assert.Contains("另有2个县（市、区）（丙县、丁县）未纳入汇总，其存在的问题未作判断。", text);

        Assert.Contains("四、整改要求", text);
        Assert.Contains("并于＿＿前将整改情况书面报送运城市人民政府教育督导委员会办公室", text);
        Assert.Contains("运城市人民政府教育督导委员会办公室将适时组织复查", text);
    }

    [Fact]
    public void Including_drafts_marks_the_report_as_a_consultation_draft_and_says_how_many_counties_are_drafts()
    {
        var report = RollupBuilder.Build(Region(), new RollupTexts { IncludeDrafts = true });
        var text = report.ToPlainText();

        Assert.Equal("征求意见稿 · 含1个县（市、区）草稿数据", report.PageNotice);
        Assert.EndsWith("（征求意见稿）", report.MarkedTitle, StringComparison.Ordinal);
        Assert.Contains("本稿同时汇总了1个县（市、区）尚未提交的草稿数据（丙县）", text);
        Assert.Contains("3.丙县：尚未提交（草稿数据），已判断的评价指标均达到目标要求；20项必填数据未填报，相关指标未作判断。", text);
        Assert.Contains("公办园在园幼儿占比中位数60%，最低55.77%（乙县），最高70%（丙县）", text);
        Assert.Contains("学前三年毛入园率中位数88%，最低85.5%（甲县），最高95%（丙县）", text);
        Assert.Equal(["丁县", "未开始", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—"], report.Grid!.Rows[3]);
    }

    [Fact]
    public void Spending_is_totalled_and_averaged_over_the_included_counties()
    {
        var amounts = new[] { 1000m, 2000.5m, 999m };
        var facts = Region() with
        {
            Counties = Region().Counties.Select((c, i) => i < 3 ? c with { Amounts = new Dictionary<string, decimal> { ["A04.01"] = amounts[i] } } : c).ToList(),
        };

        var text = RollupBuilder.Build(facts, new RollupTexts()).ToPlainText(); // 丙县's 999 is a draft's: left out

        // 1000 + 2000.5 = 3000.5, ÷ 2 = 1500.25.
        Assert.Contains("一般公共预算教育支出（本期）合计3000.5万元，平均每县（市、区）1500.25万元", text);
        // An amount only one county entered is that county's figure, not a total: left out.
        var one = facts with { Counties = facts.Counties.Select((c, i) => i == 1 ? c with { Amounts = new Dictionary<string, decimal>() } : c).ToList() };
        Assert.DoesNotContain("一般公共预算教育支出（本期）合计", RollupBuilder.Build(one, new RollupTexts()).ToPlainText());
    }

    [Fact]
    public void The_date_is_the_saved_one_and_a_blank_one_prompts_rather_than_printing_any_day()
    {
        Assert.Equal(RollupDefaults.DatePrompt, RollupBuilder.Build(Region(), new RollupTexts()).Date);
        Assert.Equal("2021年12月20日", RollupBuilder.Build(Region(), new RollupTexts { Date = Today }).Date);
        Assert.Contains("并于2022年3月31日前将整改情况书面报送",
            RollupBuilder.Build(Region(), new RollupTexts { RectificationDue = new DateOnly(2022, 3, 31) }).ToPlainText());
        Assert.Equal("上级督导部门", RollupBuilder.Build(Region(), new RollupTexts()).Addressee);
        Assert.Equal("山西省人民政府教育督导委员会办公室",
            RollupBuilder.Build(Region() with { Superior = RollupDefaults.SuperiorOf("山西省") }, new RollupTexts()).Addressee);
    }

    [Fact]
    public void Under_a_scheme_that_scores_a_countys_conclusion_is_its_verified_score_and_grade()
    {
        var scheme = SchemeLoader.Load(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "examples", "scored-scheme.json")));
        var empty = ResultSummary.Empty(scheme);
        var facts = new RegionFacts("运城市", 2022, scheme, null,
        [
            new RollupCounty("甲县", CountyState.Approved, false, empty) { Score = new(92m, "优秀"), Verified = new(88.5m, "良好") },
            new RollupCounty("乙县", CountyState.Submitted, false, empty) { Score = new(70.3m, "合格") },
        ]);

        Assert.Equal("审核通过，核定得分88.5分，等级为良好。", RollupBuilder.Conclusion(facts, facts.Counties[0]));
        Assert.Equal("已提交，待审核，自评得分70.3分（合格），得分尚待核定。", RollupBuilder.Conclusion(facts, facts.Counties[1]));
    }

    [Fact]
    public void Without_a_deadline_the_default_says_nothing_of_one_rather_than_printing_a_blank()
    {
        var text = RollupBuilder.Build(Region() with { Deadline = null }, new RollupTexts { RectificationDue = Today }).ToPlainText();

        Assert.DoesNotContain("截止日期", text);
        Assert.DoesNotContain("＿＿", text.Replace("实地核查情况：＿＿", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void The_appendix_counts_each_countys_failing_indicators_per_area()
    {
        var grid = RollupBuilder.Build(Region(), new RollupTexts()).Grid!;

        Assert.Equal(["县（市、区）", "状态", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "合计", "未填"], grid.Headers);
        Assert.Equal(1.0, grid.Widths.Sum(), 3);
        Assert.Equal(["乙县", "已提交", "0", "0", "0", "1", "0", "0", "0", "0", "0", "1", "0", "0", "2", "20"], grid.Rows[1]);
        // A draft left out and a county not started: "—", never 0.
        Assert.Equal(["丙县", "草稿", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—"], grid.Rows[2]);
        Assert.Equal(["丁县", "未开始", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—"], grid.Rows[3]);
        Assert.Contains("10.学前教育普及普惠发展情况", grid.Note);
    }

    [Fact]
    public void The_appendix_names_a_draft_with_nothing_entered_as_not_started_and_holds_its_state_on_one_or_two_lines()
    {
        var empty = new RollupCounty("戊县", CountyState.Draft, false, new ResultSummary(0, 100, 0, 0, [], 0, new Dictionary<string, decimal>()));
        var report = RollupBuilder.Build(Region() with { Counties = [.. Region().Counties, empty] }, new RollupTexts());

        Assert.Equal(["戊县", "未开始填报", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—", "—"], report.Grid!.Rows[4]);
        Assert.Contains("5.戊县：尚未开始填报，未纳入汇总。", report.ToPlainText()); // the same word as its conclusion
        Assert.Equal(1.0, report.Grid.Widths.Sum(), 3);
        // 156 mm type area, 12 pt cells with 4 pt padding each side: three CJK characters (36 pt) fit the state column.
        Assert.True(report.Grid.Widths[1] * 156 / 25.4 * 72 - 8 >= 36, $"state column {report.Grid.Widths[1]}");
        Assert.True(report.Grid.Widths[2] * 156 / 25.4 * 72 - 8 >= 14, $"area column {report.Grid.Widths[2]}"); // "10" at 12 pt
    }

    [Fact]
    public void Supervisors_texts_replace_the_defaults_and_a_region_with_nothing_failing_says_so()
    {
        var clean = Region() with { Counties = Region().Counties.Where(c => c.Name is "丙县" or "丁县").ToList() };
        var texts = new RollupTexts
        {
            Issuer = "运城市教育局", Addressee = "山西省人民政府教育督导委员会办公室", Date = new DateOnly(2021, 12, 1), IncludeDrafts = true,
            Basic = ["共{counties}个县，中位数{A10.03.median}%。"], Requirements = ["请{region}各县巩固成果。"],
        };
        var report = RollupBuilder.Build(clean, texts);
        var text = report.ToPlainText();

        Assert.Equal("运城市教育局关于2021年度县级人民政府履行教育职责评价情况的报告", report.Title);
        Assert.Equal("山西省人民政府教育督导委员会办公室", report.Addressee);
        Assert.Equal("2021年12月1日", report.Date);
        Assert.Contains("共2个县，中位数95%。", text);
        Assert.Contains("请运城市各县巩固成果。", text);
        Assert.Contains("纳入汇总的县（市、区）已填报的评价指标均达到目标要求，本次评价未发现需要专项整改的问题。", text);
        Assert.Contains("目前仅丙县1个县（市、区）纳入汇总，暂不作跨县（市、区）的统计比较", text); // one county's figures are no aggregate
        Assert.DoesNotContain("丙县95%", text);
    }
}
