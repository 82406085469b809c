using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Tests.Rules;

public sealed class RuleEngineTests
{
    private static readonly Scheme Scheme = BuiltInSchemes.Get("SX-2021");

    private static EvaluationResult Evaluate(params (string Code, object Value)[] figures) =>
        RuleEngine.For(Scheme).Evaluate(figures.ToDictionary(
            f => f.Code,
            f => f.Value switch
            {
                bool b => FieldValue.Of(b),
                string s => FieldValue.Of(s),
                var n => FieldValue.Of(Convert.ToDecimal(n, System.Globalization.CultureInfo.InvariantCulture)),
            }));

    [Fact]
    public void Missing_input_makes_a_derived_value_not_computable_with_the_reason()
    {
        var result = Evaluate(("A10.02", 10736));

        Assert.Equal(JudgmentStatus.NotComputable, result["A10.03"].Status);
        Assert.Null(result["A10.03"].Value);
        Assert.Equal("无法计算：A10.01 学前三年适龄人口 未填写", result["A10.03"].Reason);
    }

    [Fact]
    public void Division_by_zero_is_not_computable_never_an_exception()
    {
        var result = Evaluate(("A10.01", 0), ("A10.02", 10));

        Assert.Equal(JudgmentStatus.NotComputable, result["A10.03"].Status);
        Assert.Contains("为 0", result["A10.03"].Reason);
    }

    [Fact]
    public void A_value_computed_from_a_value_that_cannot_be_computed_carries_the_first_cause()
    {
        var result = Evaluate(("A04.02", 93900), ("A04.04", 12000), ("A04.04.prev", 11800));

        Assert.Equal(JudgmentStatus.NotComputable, result["A04.06"].Status);
        Assert.Equal("无法计算：A04.01 一般公共预算教育支出(本期) 未填写", result["A04.06"].Reason);
        Assert.Equal("无法计算", result["A04.06"].Status.DisplayName());
    }

    [Fact]
    public void Judgment_uses_full_precision_not_the_display()
    {
        // 7/8 = 87.5 shows as 88 but fails "= 100"; 54.996 shows as 55.00 but fails ">= 55".
        var result = Evaluate(("A11.12.1", 7), ("A11.12.2", 8), ("A10.05", 54996), ("A10.04", 100000));

        Assert.Equal("88", result["A11.12"].DisplayText);
        Assert.Equal(JudgmentStatus.Fail, result["A11.12"].Status);
        Assert.Equal(55.00m, result["A10.06"].DisplayNumber);
        Assert.Equal(JudgmentStatus.Fail, result["A10.06"].Status);
    }

    [Theory]
    [InlineData(17.245, "17.25")]
    [InlineData(17.235, "17.24")]
    [InlineData(-6.285, "-6.29")]
    [InlineData(0.005, "0.01")]
    public void Display_rounds_half_away_from_zero(double value, string expected) =>
        Assert.Equal(expected, DisplayFormat.Compact((decimal)value, 2));

    [Fact]
    public void All_pass_is_false_on_any_failure_and_not_computable_while_one_is_missing()
    {
        var missingOne = Evaluate(("A04.08", 650), ("A04.09", 850), ("A04.10", 200), ("A04.11", true));
        Assert.Equal(JudgmentStatus.NotComputable, missingOne["A04.14"].Status);

        var failingOne = Evaluate(("A04.08", 600), ("A04.09", 850));
        Assert.False(failingOne["A04.14"].Value!.Value.Flag);
        Assert.Equal(JudgmentStatus.Fail, failingOne["A04.14"].Status);

        var all = Evaluate(("A04.08", 650), ("A04.09", 850), ("A04.10", 200), ("A04.11", true), ("A04.12", 6000));
        Assert.True(all["A04.14"].Value!.Value.Flag);
        Assert.Equal(JudgmentStatus.Pass, all["A04.14"].Status);
    }

    [Fact]
    public void Yes_no_fails_when_no()
    {
        var result = Evaluate(("A01.01", false), ("A01.04", true));

        Assert.Equal(JudgmentStatus.Fail, result["A01.01"].Status);
        Assert.Equal(JudgmentStatus.Pass, result["A01.04"].Status);
        Assert.Equal("否", result["A01.01"].DisplayText);
    }

    [Fact]
    public void A_broken_check_is_a_warning_and_a_holding_one_passes()
    {
        var broken = Evaluate(("A07.01", 100), ("A07.02", 60), ("A07.03", 30));
        var holding = Evaluate(("A07.01", 90), ("A07.02", 60), ("A07.03", 30));

        Assert.Equal(JudgmentStatus.Warning, broken["A07.01.check"].Status);
        Assert.Empty(broken.Failing);
        Assert.Equal(JudgmentStatus.Pass, holding["A07.01.check"].Status);
    }

    [Fact]
    public void Derived_from_derived_uses_full_precision()
    {
        // A04.06 (growth of per-student spending) reads A04.05, itself a ratio with many decimals.
        var result = Evaluate(("A04.01", 57628), ("A04.04", 55875), ("A04.02", 35369.8), ("A04.04.prev", 54000));

        var perStudent = 57628m * 10000m / 55875m;
        var perStudentBefore = 35369.8m * 10000m / 54000m;
        Assert.Equal(perStudent, result["A04.05"].Value!.Value.Number);
        Assert.Equal((perStudent - perStudentBefore) / perStudentBefore * 100m, result["A04.06"].Value!.Value.Number);
        Assert.Equal(JudgmentStatus.Pass, result["A04.06"].Status);
    }

    [Fact]
    public void Every_field_has_a_result_and_nothing_fails_on_an_empty_evaluation()
    {
        var result = Evaluate();

        Assert.Equal(Scheme.Fields.Count, result.Results.Count);
        Assert.All(result.Results, r => Assert.Equal(r.Field.Kind.IsInput() ? JudgmentStatus.NotEntered : JudgmentStatus.NotComputable, r.Status));
    }
}
