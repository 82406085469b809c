using EduDuty.Core.Text;

namespace EduDuty.Core.Tests.Texts;

/// <summary>
/// Full-width punctuation in Chinese text, half-width inside numbers, times, codes and Latin runs (GB/T 15834 标点符号用法;
/// the examples are sentences of the 闻喜 seed report as scraped, with their half-width marks).
/// </summary>
public sealed class ChinesePunctuationTests
{
    [Theory]
    [InlineData("国土面积1167平方公里,下辖10镇", "国土面积1167平方公里，下辖10镇")]
    [InlineData("主要表现为:", "主要表现为：")]
    [InlineData("以下数据;请核对", "以下数据；请核对")]
    [InlineData("在园幼儿数 (不含托班)", "在园幼儿数 （不含托班）")]
    [InlineData("计划(2021—2023)", "计划（2021—2023）")]
    [InlineData("根据《山西省人民政府教育督导委员会关于印发<2021年对市县级政府履行教育职责的评价方案>的通知》",
        "根据《山西省人民政府教育督导委员会关于印发〈2021年对市县级政府履行教育职责的评价方案〉的通知》")]
    [InlineData("印发<山西省中小学生学籍管理办法实施细则(暂行)>的通知", "印发《山西省中小学生学籍管理办法实施细则（暂行）》的通知")]
    [InlineData("确保到2023年占比降至5%以内,", "确保到2023年占比降至5%以内，")]
    [InlineData("真的吗?是的!", "真的吗？是的！")]
    [InlineData("他说\"好\"", "他说“好”")]
    [InlineData("巩固率达100%,87所学校达标", "巩固率达100%，87所学校达标")]
    [InlineData("闻喜中学：15; 闻喜二中：15", "闻喜中学：15；闻喜二中：15")]
    [InlineData("全县共有普通高中3所.", "全县共有普通高中3所。")]
    [InlineData("覆盖率为100%.", "覆盖率为100%。")]
    [InlineData("已完成. 下一步", "已完成。下一步")]
    [InlineData("第15,16条", "第15，16条")]
    public void Half_width_marks_in_Chinese_text_become_full_width(string typed, string expected) =>
        Assert.Equal(expected, ChinesePunctuation.Normalize(typed));

    [Theory]
    [InlineData("1,167")]
    [InlineData("2026年11月29日 17:40")]
    [InlineData("A04.05.prev (growth, %)")]
    [InlineData("f(x) = a, b; c: d")]
    [InlineData("5+2")]
    [InlineData("国土面积1,167平方公里")]
    [InlineData("达到99.82%")]
    [InlineData("指标A10.03未填")]
    [InlineData("等等...")]
    [InlineData("领域：1.党的领导；10.学前教育普及普惠发展情况")]
    public void Numbers_times_codes_and_latin_runs_keep_half_width(string text) =>
        Assert.Equal(text, ChinesePunctuation.Normalize(text));

    [Fact]
    public void Placeholders_are_left_as_written_and_count_as_chinese_context()
    {
        Assert.Equal("国土面积{B00.01}平方公里，下辖{B00.02.1}镇，{A02.03?坚持:未能坚持}不下达升学指标",
            ChinesePunctuation.Normalize("国土面积{B00.01}平方公里,下辖{B00.02.1}镇,{A02.03?坚持:未能坚持}不下达升学指标", skipPlaceholders: true));
    }

    [Fact]
    public void A_text_figure_typed_half_width_reads_full_width_inside_its_run()
    {
        var pieces = ChinesePunctuation.NormalizeJoined(["各校轨数为：", "闻喜中学：15; 闻喜二中：15", "."], [true, true, true]);

        Assert.Equal(["各校轨数为：", "闻喜中学：15；闻喜二中：15", "。"], pieces);
    }

    [Fact]
    public void Runs_keep_their_boundaries_and_figures_their_characters()
    {
        var pieces = ChinesePunctuation.NormalizeJoined(["常住人口", "35.5", "万人,其中(城镇", "1,2", ")"], [true, false, true, false, true]);

        Assert.Equal(["常住人口", "35.5", "万人，其中（城镇", "1,2", "）"], pieces);
    }
}
