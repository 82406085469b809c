using EduDuty.Core.Figures;
using EduDuty.Core.Reports;
using EduDuty.Core.Rules;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Reports;

/// <summary>
/// Issue 26, item 1 (decision 0035): on the golden case, the default texts, every demo county and a county with nothing entered,
/// no sentence of the report states anything about an indicator not filled in (the claim patterns of <see cref="ReportClaims"/>).
/// </summary>
public sealed class UnknownIsNeverGoodTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    // Judged indicators as the catalog lists them: those with a target, consistency checks (".check") apart.
    private static int JudgedInCatalog() =>
        CatalogCsv.Read(RepositoryPaths.Fixture("sx-2021", "catalog-sx-2021.csv")).Count(r => r["op"].Length > 0 && !r["code"].EndsWith(".check", StringComparison.Ordinal));

    public static TheoryData<string> CaseNames() => [.. ReportClaims.Cases().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void No_sentence_states_anything_about_an_unfilled_indicator(string name)
    {
        var (_, result, texts, county) = ReportClaims.Cases().Single(c => c.Name == name);
        var report = ReportBuilder.Build(result, texts, county, Today);
        var tally = IndicatorStates.Tally(result);
        var problems = ReportBuilder.Problems(result, texts.Problems ?? [], new DefaultTexts(result.Scheme, county)).Count();

        var found = ReportClaims.Found(report.ToPlainText(), tally.Unknown, problems > 0, ReportDocument.AppendixTitle).Concat(ReportClaims.FoundInModel(report)).ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void The_tally_of_a_county_with_nothing_entered_counts_every_judged_indicator_as_not_filled_in()
    {
        var empty = RuleEngine.For(GoldenCase.Scheme).Evaluate(new Dictionary<string, FieldValue>());
        var judged = JudgedInCatalog();

        var tally = IndicatorStates.Tally(empty);

        Assert.Equal(new IndicatorTally(0, 0, judged, 0), tally);
        Assert.Equal(IndicatorState.NotEntered, IndicatorStates.Of(empty, empty["A10.03"])); // computed, its inputs not entered
        Assert.Null(IndicatorStates.Of(empty, empty["A07.01.check"]));
    }

    [Fact]
    public void The_golden_tally_equals_the_golden_files_statuses()
    {
        var tally = IndicatorStates.Tally(GoldenCase.Result);

        Assert.Equal(GoldenExpectations.Failing.Count, tally.Failing);
        Assert.Equal(GoldenExpectations.Computed.Count(c => c.Value.Status == "pass" && !c.Key.EndsWith(".check", StringComparison.Ordinal)), tally.Passing);
    }

    [Fact]
    public void A_computed_value_with_every_input_entered_that_divides_by_zero_is_not_computable()
    {
        var figures = new Dictionary<string, FieldValue>(GoldenCase.Figures) { ["A10.01"] = FieldValue.Of(0) };
        var result = RuleEngine.For(GoldenCase.Scheme).Evaluate(figures);

        Assert.Equal(IndicatorState.NotComputable, IndicatorStates.Of(result, result["A10.03"]));
        Assert.Equal(1, IndicatorStates.Tally(result).NotComputable);
    }

    [Fact]
    public void A_county_with_nothing_entered_says_how_many_indicators_are_not_judged_and_never_that_all_are_met()
    {
        var empty = RuleEngine.For(GoldenCase.Scheme).Evaluate(new Dictionary<string, FieldValue>());
        var judged = JudgedInCatalog();

        var report = ReportBuilder.Build(empty, ReportTexts.Defaults, "盐湖区", Today);
        var text = report.ToPlainText();

        Assert.Contains($"本次自评的{judged}项评价指标尚未填报，未作判断", text);
        Assert.DoesNotContain("均已达到", text);
        Assert.DoesNotContain("对于上述问题", text);
        Assert.Contains("我区将抓紧补齐尚未填报的评价数据", text);
        // Nothing under 一 and 二 rests on data: each says so once instead of printing blanks.
        Assert.Equal(2, report.Body.Count(b => b.Text == "本部分所依据的数据尚未填报，待数据填报后补充。"));
    }

    [Fact]
    public void Some_figures_entered_and_some_failing_the_report_counts_the_rest_before_the_problems()
    {
        // 学前三年毛入园率 below 90 % and nothing else: one failing, the rest not filled in.
        var result = RuleEngine.For(GoldenCase.Scheme).Evaluate(new Dictionary<string, FieldValue>
        {
            ["A10.01"] = FieldValue.Of(1000), ["A10.02"] = FieldValue.Of(800),
        });
        var judged = JudgedInCatalog();

        var text = ReportBuilder.Build(result, ReportTexts.Defaults, "闻喜县", Today).ToPlainText();

        Assert.Contains($"已作判断的1项评价指标中有1项未达到目标要求；另有{judged - 1}项评价指标尚未填报，未作判断", text);
        Assert.Contains("学前三年毛入园率为80%，低于90%的目标", text);
        Assert.Contains("对于上述问题", text);
        Assert.Contains("（一）学前教育普及普惠发展情况", text); // the one area with figures is the first shown, numbered （一）
    }

    [Fact]
    public void A_category_counted_zero_drops_its_breakdown_and_a_blank_drops_the_claim_resting_on_it()
    {
        var figures = new Dictionary<string, FieldValue>(GoldenCase.Figures) { ["B00.06.1"] = FieldValue.Of(0) };
        figures.Remove("A05.09");
        var result = RuleEngine.For(GoldenCase.Scheme).Evaluate(figures);

        var text = ReportBuilder.Build(result, ReportTexts.Defaults, "闻喜县", Today).ToPlainText();

        Assert.Contains("全县共有普通高中0所。", text);
        Assert.DoesNotContain("公办高中", text);
        Assert.DoesNotContain("核定发放中小学班主任津贴", text); // "按照不低于500元/月的标准核定发放…" rests on the blank standard
        Assert.DoesNotContain("教师工资待遇保障情况", text); // the golden figures lack 教师与公务员平均工资比 too: nothing under the lead-in
    }

    [Fact]
    public void A_conclusion_computed_from_failing_indicators_adds_no_problem_item_of_its_own()
    {
        var figures = new Dictionary<string, FieldValue>(GoldenCase.Figures) { ["A04.08"] = FieldValue.Of(600), ["A04.13"] = FieldValue.Of(false) };
        var result = RuleEngine.For(GoldenCase.Scheme).Evaluate(figures);
        Assert.Equal(JudgmentStatus.Fail, result["A04.14"].Status);

        var report = ReportBuilder.Build(result, ReportTexts.Defaults, "闻喜县", Today);
        var headings = report.Body.OfType<ReportHeading>().Select(h => h.Content).ToList();

        Assert.Contains(headings, h => h.EndsWith("小学生均公用经费执行标准为600元/生/年，低于650元/生/年的目标", StringComparison.Ordinal));
        Assert.DoesNotContain(headings, h => h.Contains("结论", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.EndsWith("义务教育公用经费县级配套资金尚未落实到位", StringComparison.Ordinal));
        var found = ReportClaims.Found(report.ToPlainText(), IndicatorStates.Tally(result).Unknown, true, ReportDocument.AppendixTitle);
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
