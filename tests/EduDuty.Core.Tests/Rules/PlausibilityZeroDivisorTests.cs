using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Tests.Rules;

/// <summary>
/// The attacker's review of issue 26: a share's hard rule refused 6 + 6 party organisations of 6 schools but stored them of
/// 0 schools, because a coverage over a divisor of 0 is not computable and a rule on a value not computed found nothing.
/// </summary>
public sealed class PlausibilityZeroDivisorTests
{
    private static readonly Scheme Sx = BuiltInSchemes.Get("SX-2021");

    private static EvaluationResult Evaluate(params (string Code, decimal Value)[] values) =>
        RuleEngine.For(Sx).Evaluate(values.ToDictionary(v => v.Code, v => FieldValue.Of(v.Value), StringComparer.Ordinal));

    [Fact]
    public void Six_plus_six_party_organisations_of_no_schools_is_refused()
    {
        var finding = Assert.Single(Evaluate(("A01.08.1", 6), ("A01.08.2", 6), ("A01.08.3", 0)).Findings);

        Assert.True(finding.IsHard);
        Assert.Equal("A01.08", finding.Field);
        Assert.True(finding.Involves(["A01.08.3"]));
        Assert.Equal(
            "学校党组织覆盖率（A01.08）算得 无穷大（分母为 0），超过 100%（单建党组织覆盖学校数 6所、联建党组织覆盖学校数 6所、应覆盖学校数 0所）：比例和覆盖率不能超过 100%，请核对后修改（不修改不能保存）。",
            finding.Text);
    }

    [Fact]
    public void None_of_no_schools_is_no_finding()
    {
        Assert.Empty(Evaluate(("A01.08.1", 0), ("A01.08.2", 0), ("A01.08.3", 0)).Findings);
    }

    [Fact]
    public void Spending_after_none_last_year_is_a_growth_warning()
    {
        // A04.03 = (57628 − 0) / 0 × 100: no number, but beyond any range.
        var finding = Assert.Single(Evaluate(("A04.01", 57628), ("A04.02", 0)).Findings);

        Assert.False(finding.IsHard);
        Assert.Equal("A04.03", finding.Field);
        Assert.StartsWith("一般公共预算教育支出增长率（A04.03）为 无穷大（分母为 0），超出 ±50% 的常见范围", finding.Text);
    }

    [Fact]
    public void No_spending_either_year_is_no_finding()
    {
        Assert.Empty(Evaluate(("A04.01", 0), ("A04.02", 0)).Findings);
    }
}
