using EduDuty.Testing;

namespace EduDuty.Core.Tests.Formulas;

/// <summary>
/// Formulas in words, as the indicator help shows them, generated from the shipped scheme's formulas (expected texts written
/// from the catalog's formula column and the field names, by hand).
/// </summary>
public sealed class FormulaWordsTests
{
    [Theory]
    [InlineData("A10.06", "公办园在园幼儿数 ÷ 在园幼儿总数 (含托班) × 100%")]
    [InlineData("A10.03", "在园幼儿数 (不含托班) ÷ 学前三年适龄人口 × 100%")]
    [InlineData("B00.05.check", "公民办学校(园)总数 与 分类学校数: 高中 + 分类学校数: 职中 + 分类学校数: 初中 + 分类学校数: 小学 + 分类学校数: 幼儿园 + 分类学校数: 特殊教育学校 + 分类学校数: 九年一贯制学校 相等")]
    public void Shipped_formulas_read_as_words(string code, string words)
    {
        var scheme = GoldenCase.Scheme;

        Assert.Equal(words, scheme.DescribeFormula(scheme.FindField(code)!));
    }

    [Fact]
    public void All_pass_lists_the_indicators_and_inputs_have_no_formula()
    {
        var scheme = GoldenCase.Scheme;

        Assert.StartsWith("以下各项均达标：", scheme.DescribeFormula(scheme.FindField("A04.14")!));
        Assert.Null(scheme.DescribeFormula(scheme.FindField("A10.01")!));
    }

    [Theory]
    [InlineData("([A10.01] + [A10.02]) * [A10.04]", "（学前三年适龄人口 + 在园幼儿数 (不含托班)） × 在园幼儿总数 (含托班)")]
    [InlineData("[A10.01] - ([A10.02] - [A10.04])", "学前三年适龄人口 − （在园幼儿数 (不含托班) − 在园幼儿总数 (含托班)）")]
    [InlineData("[A10.01] / ([A10.02] * 2)", "学前三年适龄人口 ÷ （在园幼儿数 (不含托班) × 2）")]
    [InlineData("sum([A10.01], [A10.02]) / 2", "（学前三年适龄人口 + 在园幼儿数 (不含托班)） ÷ 2")]
    [InlineData("[A10.01] * 2 + 1.50", "学前三年适龄人口 × 2 + 1.5")]
    public void Parentheses_appear_exactly_where_the_order_of_operations_needs_them(string formula, string words)
    {
        var scheme = GoldenCase.Scheme;
        var parsed = Core.Formulas.FormulaParser.Parse(formula);

        Assert.Equal(words, parsed.Root.Describe(code => scheme.FindField(code)!.NameZh));
    }
}
