using EduDuty.Core.Formulas;

namespace EduDuty.Core.Tests.Formulas;

public sealed class FormulaParserTests
{
    [Fact]
    public void Multiplication_binds_tighter_than_addition_and_parentheses_group()
    {
        var formula = FormulaParser.Parse("([A01.08.1] + [A01.08.2]) / [A01.08.3] * 100");

        var times = Assert.IsType<BinaryNode>(formula.Root);
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

        var comparison = Assert.IsType<ComparisonNode>(formula.Root);
        Assert.Equal(new FieldNode("A07.01"), comparison.Left);
        Assert.Equal(["A07.02", "A07.03"], Assert.IsType<SumNode>(comparison.Right).Codes);
        Assert.True(formula.YieldsBool);
    }

    [Fact]
    public void Unary_minus_and_decimals_parse()
    {
        var formula = FormulaParser.Parse("-[A11.17.1] + 0.5");

        var add = Assert.IsType<BinaryNode>(formula.Root);
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
}
