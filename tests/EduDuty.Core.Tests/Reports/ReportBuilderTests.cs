using EduDuty.Core.Reports;
using EduDuty.Core.Rules;
using EduDuty.Core.Texts;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Reports;

public sealed class ReportBuilderTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static ReportTexts GoldenTexts()
    {
        var read = ReportTextsReader.Read(File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021-texts.json")), GoldenCase.Scheme);
        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        return read.Texts!;
    }

    [Fact]
    public void Golden_figures_and_texts_reproduce_every_heading_and_sentence_of_the_seed_sections_one_to_four()
    {
        var report = ReportBuilder.Build(GoldenCase.Result, GoldenTexts(), "闻喜县", Today);
        var text = SeedReport.Squash(report.ToPlainText());

        var missing = SeedReport.HeadingsAndSentences().Where(s => !text.Contains(SeedReport.Squash(s), StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "missing from the report:\n" + string.Join("\n", missing));
        Assert.True(SeedReport.HeadingsAndSentences().Count > 100);
    }

    [Fact]
    public void Golden_report_has_the_documents_frame()
    {
        var report = ReportBuilder.Build(GoldenCase.Result, GoldenTexts(), "闻喜县", Today);

        Assert.Equal("闻喜县人民政府办公室关于履行教育职责评价工作的自评报告", report.Title);
        Assert.Equal("闻喜县人民政府办公室", report.Signature);
        Assert.Equal("2021年11月10日", report.Date);
        Assert.StartsWith("根据《山西省人民政府教育督导委员会关于印发〈2021年对市县级政府履行教育职责的评价方案〉的通知》（晋政教督〔2021〕1号）", report.Intro.ToString());
        Assert.Contains("中12项评价重点内容", report.Intro.ToString());
        var level1 = report.Body.OfType<ReportHeading>().Where(h => h.Level == 1).Select(h => h.Content);
        Assert.Equal(["一、基本情况", "二、自查情况和工作成效", "三、存在问题和改进措施", "四、下一步工作打算"], level1);
        Assert.Contains(report.Body, b => b.Text == "（十二）教育安全稳定情况");
    }

    [Fact]
    public void A_failing_indicator_no_item_names_gets_an_automatic_item_after_the_countys_items()
    {
        var report = ReportBuilder.Build(GoldenCase.Result, GoldenTexts(), "闻喜县", Today);
        var problems = report.Body.OfType<ReportHeading>().Where(h => h.Level == 2).Select(h => h.Content)
            .SkipWhile(h => !h.StartsWith("（一）组织理论学习", StringComparison.Ordinal)).TakeWhile(h => !h.Contains("强化党的全面领导", StringComparison.Ordinal)).ToList();

        // The county wrote seven items; A06.06 (专项规划 否) fails and none names it.
        Assert.Equal(8, problems.Count);
        Assert.Equal("（八）中心城区教育设施布点专项规划尚未编制", problems[7]);
        Assert.Contains("（七）全县民办义务教育阶段在校生占比超过5%", problems);
    }

    [Fact]
    public void Default_texts_with_the_golden_figures_report_the_figures_and_the_private_share_problem()
    {
        var report = ReportBuilder.Build(GoldenCase.Result, ReportTexts.Defaults, "闻喜县", Today);
        var text = report.ToPlainText();

        Assert.Contains("学前三年毛入园率达99.82%", text);
        Assert.Contains("公办园在园幼儿占比55.77%", text);
        Assert.Contains("民办义务教育在校生占比17.25%", text);
        Assert.Contains(report.Body, b => b is ReportHeading { Level: 2 } h && h.Content.EndsWith("全县民办义务教育阶段在校生占比超过5%", StringComparison.Ordinal));
        Assert.Contains("改进措施：明确每1所民办义务教育学校的处置方式", text);
        Assert.Contains("确保在2023年将在校生占比降至5%以内", text);
        // The lunch indicators fail together and make one grouped item.
        Assert.Single(report.Body, b => b.Text.Contains("“放心午餐”工程尚未全覆盖", StringComparison.Ordinal));
        Assert.Equal("2026年11月28日", report.Date);
        Assert.Equal("闻喜县人民政府办公室关于履行教育职责评价工作的自评报告", report.Title);
    }

    [Fact]
    public void Missing_figures_leave_out_the_sentences_resting_on_them_and_are_listed()
    {
        var empty = RuleEngine.For(GoldenCase.Scheme).Evaluate(new Dictionary<string, EduDuty.Core.Figures.FieldValue>());
        var report = ReportBuilder.Build(empty, ReportTexts.Defaults, "闻喜县", Today);

        Assert.DoesNotContain("学前三年毛入园率达", report.ToPlainText());
        Assert.DoesNotContain(TextTemplate.Gap, report.ToPlainText());
        Assert.Contains("A10.03", report.GapCodes);
        Assert.DoesNotContain(report.Body, b => b.Text.Contains("存在问题", StringComparison.Ordinal) && b is ReportHeading { Level: 2 });
    }

    [Fact]
    public void Appendix_has_one_table_per_area_with_judged_and_computed_indicators()
    {
        var report = ReportBuilder.Build(GoldenCase.Result, ReportTexts.Defaults, "闻喜县", Today);

        var preschool = report.Appendix.Single(t => t.Title == "（十）学前教育普及普惠发展情况");
        var rate = preschool.Rows.Single(r => r.Code == "A10.03");
        Assert.Equal(("99.82%", "≥ 90%", "达标"), (rate.Value, rate.Target, rate.Status));
        var share = report.Appendix.SelectMany(t => t.Rows).Single(r => r.Code == "A07.07");
        Assert.Equal(("17.25%", "≤ 5%", "未达标"), (share.Value, share.Target, share.Status));
        Assert.DoesNotContain(report.Appendix.SelectMany(t => t.Rows), r => r.Code.EndsWith(".check", StringComparison.Ordinal));
    }

    [Fact]
    public void Texts_with_an_unknown_placeholder_are_refused_with_the_place_named()
    {
        var read = ReportTextsReader.Read("""{"issuer": "闻喜县人民政府办公室", "areas": {"A10_PRESCHOOL": ["毛入园率{A10.31}%"]}, "problems": [{"heading": "x", "measures": "{B99.01}", "codes": []}]}""", GoldenCase.Scheme);

        Assert.False(read.IsValid);
        Assert.Contains(read.Errors, e => e.Contains("A10.31", StringComparison.Ordinal) && e.StartsWith("学前教育普及普惠发展情况", StringComparison.Ordinal));
        Assert.Contains(read.Errors, e => e.Contains("B99.01", StringComparison.Ordinal) && e.StartsWith("问题1改进措施", StringComparison.Ordinal));
    }

    [Fact]
    public void Markup_in_texts_stays_literal_text()
    {
        var texts = new ReportTexts { Basic = ["<script>alert('x')</script>与<b>加粗</b>"] };

        var report = ReportBuilder.Build(GoldenCase.Result, texts, "闻喜县", Today);

        Assert.Contains(report.Body, b => b.Text == "<script>alert('x')</script>与<b>加粗</b>");
    }

    [Fact]
    public void With_last_year_the_appendix_shows_last_years_value_and_the_change_beside_this_years()
    {
        // Last year 闻喜县 had 10500 children of 10800: 97.22 %; this year the seed's 10736 of 10755, 99.82 %: +2.6 points.
        var lastYear = RuleEngine.For(GoldenCase.Scheme).Evaluate(new Dictionary<string, Core.Figures.FieldValue>
        {
            ["A10.01"] = Core.Figures.FieldValue.Of(10800m), ["A10.02"] = Core.Figures.FieldValue.Of(10500m),
        });

        var report = ReportBuilder.Build(GoldenCase.Result, ReportTexts.Defaults, "闻喜县", Today, context: new ReportContext(lastYear));

        var preschool = report.Appendix.Single(t => t.Title.Contains("学前教育", StringComparison.Ordinal));
        Assert.Equal(["指标", "上年", "本年", "较上年", "目标", "结论"], preschool.Headers);
        var rate = preschool.Rows.Single(r => r.Name == "学前三年毛入园率");
        Assert.Equal(["学前三年毛入园率", "97.22%", "99.82%", "+2.6个百分点", "≥ 90%", "达标"], preschool.CellsOf(rate));
        // An indicator last year did not have a value for: its cells say so rather than inventing one.
        var noLastYear = preschool.Rows.First(r => r.LastYear is null);
        Assert.Equal(("—", "—"), (preschool.CellsOf(noLastYear)[1], preschool.CellsOf(noLastYear)[3]));
        Assert.Contains("上年 本年 较上年", report.ToPlainText());
    }
}

public sealed class StaleProblemTests
{
    [Fact]
    public void An_item_is_stale_only_when_it_names_indicators_that_all_pass()
    {
        var result = GoldenCase.Result;

        Assert.True(ReportBuilder.IsStale(new ProblemText("h", "m", ["A10.03", "A10.06"]), result));
        Assert.False(ReportBuilder.IsStale(new ProblemText("h", "m", ["A10.03", "A07.07"]), result));
        Assert.False(ReportBuilder.IsStale(new ProblemText("h", "m", []), result));
        Assert.False(ReportBuilder.IsStale(new ProblemText("h", "m", ["A99.99"]), result));
    }

}
