using EduDuty.Core.Formulas;

namespace EduDuty.Core.Tests.Formulas;

public sealed class FormulaParserTests
{
    [Fact]
    public void Multiplication_binds_tighter_than_addition_and_parentheses_group()
    {
        var formula = FormulaParser.Parse("([A01.08.1] + [A01.08.2]) / [A01.08.3] * 100");

        var times = Assert.IsType<BinaryNode>(Assert.IsType<NumericRoot>(formula.Root).Expression);
        Assert.Equal(ArithmeticOp.Multiply, times.Op);
        Assert.Equal(new NumberNode(100m), times.Right);
        var divide = Assert.IsType<BinaryNode>(times.Left);
        Assert.Equal(ArithmeticOp.Divide, divide.Op);
        Assert.Equal(ArithmeticOp.Add, Assert.IsType<BinaryNode>(divide.Left).Op);
        Assert.Equal(["A01.08.1", "A01.08.2", "A01.08.3"], formula.References);
    }

    [Fact]
    public void Comparison_with_sum_yields_bool()
    {
        var formula = FormulaParser.Parse("[A07.01] == sum([A07.02], [A07.03])");

        var comparison = Assert.IsType<ComparisonRoot>(formula.Root);
        Assert.Equal(new FieldNode("A07.01"), comparison.Left);
        Assert.Equal(["A07.02", "A07.03"], Assert.IsType<SumNode>(comparison.Right).Codes);
        Assert.True(formula.YieldsBool);
    }

    [Fact]
    public void Unary_minus_and_decimals_parse()
    {
        var formula = FormulaParser.Parse("-[A11.17.1] + 0.5");

        var add = Assert.IsType<BinaryNode>(Assert.IsType<NumericRoot>(formula.Root).Expression);
        Assert.IsType<NegateNode>(add.Left);
        Assert.Equal(new NumberNode(0.5m), add.Right);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[A01]+")]
    [InlineData("1.")]
    [InlineData("[A01.01")]
    [InlineData("[]")]
    [InlineData("(1 + 2")]
    [InlineData("1 = 2")]
    [InlineData("all_pass([A04.08]) * 2")]
    [InlineData("sum()")]
    public void Malformed_formulas_throw_with_a_position(string text)
    {
        var ex = Assert.Throws<FormulaSyntaxException>(() => FormulaParser.Parse(text));
        Assert.Contains("第", ex.Message);
    }

    [Theory]
    [InlineData("all_pass([A01.01]) == 1", 20)]
    [InlineData("1 == all_pass([A01.01])", 6)]
    [InlineData("2 * all_pass([A01.01])", 5)]
    [InlineData("(all_pass([A01.01]))", 2)]
    [InlineData("-all_pass([A01.01])", 2)]
    [InlineData("all_pass([A01.01]) + 1", 20)]
    public void All_pass_anywhere_but_alone_is_refused_with_its_position(string text, int position)
    {
        var ex = Assert.Throws<FormulaSyntaxException>(() => FormulaParser.Parse(text));

        Assert.Equal(position, ex.Position + 1);
        Assert.Contains("all_pass(…) 只能单独作为整个公式使用", ex.Message);
    }

    [Fact]
    public void All_pass_alone_is_a_yes_no_formula()
    {
        var formula = FormulaParser.Parse(" all_pass([A04.08], [A04.09]) ");

        Assert.Equal(["A04.08", "A04.09"], Assert.IsType<AllPassRoot>(formula.Root).Codes);
        Assert.True(formula.YieldsBool);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_not_a_stack_overflow()
    {
        var deep = new string('(', 100_000) + "1" + new string(')', 100_000);
        var negations = new string('-', FormulaParser.MaxDepth + 1) + "1";

        Assert.Contains("嵌套超过", Assert.Throws<FormulaSyntaxException>(() => FormulaParser.Parse(new string('(', 1000) + "1" + new string(')', 1000))).Message);
        Assert.Contains("过长", Assert.Throws<FormulaSyntaxException>(() => FormulaParser.Parse(deep)).Message);
        Assert.Contains("嵌套超过", Assert.Throws<FormulaSyntaxException>(() => FormulaParser.Parse(negations)).Message);
        Assert.NotNull(FormulaParser.Parse(new string('(', FormulaParser.MaxDepth - 1) + "1" + new string(')', FormulaParser.MaxDepth - 1)));
    }
}
