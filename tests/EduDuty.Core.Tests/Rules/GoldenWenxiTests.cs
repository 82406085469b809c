using System.Text.Json;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Rules;

/// <summary>闻喜县 2021: the figures of the seed report must give exactly every expected value, status and failing set.</summary>
public sealed class GoldenWenxiTests
{
    private static readonly string GoldenJson = GoldenCase.FiguresJson;

    private static EvaluationResult Evaluate() => GoldenCase.Result;

    [Fact]
    public void Every_expected_value_and_status_is_produced()
    {
        var result = Evaluate();
        using var golden = JsonDocument.Parse(GoldenJson);
        var expected = golden.RootElement.GetProperty("expected").EnumerateObject().ToList();
        Assert.NotEmpty(expected);

        foreach (var entry in expected)
        {
            var actual = result[entry.Name];
            var status = entry.Value.GetProperty("status").GetString();
            Assert.True(status == actual.Status.Code(), $"{entry.Name}: expected {status}, got {actual.Status.Code()} ({actual.Reason})");

            var value = entry.Value.GetProperty("value");
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                Assert.Equal(FieldValueType.Flag, actual.Value!.Value.Type);
                Assert.True(value.GetBoolean() == actual.Value.Value.Flag, $"{entry.Name}: expected {value.GetBoolean()}");
            }
            else
            {
                Assert.True(value.GetDecimal() == actual.DisplayNumber, $"{entry.Name}: expected {value.GetDecimal()}, got {actual.DisplayNumber}");
            }
        }
    }

    [Fact]
    public void Exactly_the_expected_indicators_fail_in_catalog_order()
    {
        using var golden = JsonDocument.Parse(GoldenJson);
        var expectedFailing = golden.RootElement.GetProperty("expected_failing").EnumerateArray().Select(e => e.GetString()).ToList();

        Assert.Equal(expectedFailing, Evaluate().Failing.Select(r => r.Field.Code));
        Assert.Contains("A07.07", expectedFailing);
    }

    [Fact]
    public void Fields_outside_the_expectation_are_not_entered_or_reported_only()
    {
        var result = Evaluate();
        using var golden = JsonDocument.Parse(GoldenJson);
        var root = golden.RootElement;
        var expected = root.GetProperty("expected").EnumerateObject().Select(p => p.Name).ToHashSet();
        var figures = root.GetProperty("figures").EnumerateObject().Select(p => p.Name).ToHashSet();

        foreach (var r in result.Results.Where(r => !expected.Contains(r.Field.Code)))
        {
            var want = figures.Contains(r.Field.Code) ? JudgmentStatus.None
                : r.Field.Kind.IsInput() ? JudgmentStatus.NotEntered : JudgmentStatus.NotComputable;
            Assert.True(want == r.Status, $"{r.Field.Code}: expected {want}, got {r.Status} ({r.Reason})");
        }
    }

    [Fact]
    public void Seed_figures_read_as_the_seed_prints_them()
    {
        var result = Evaluate();

        Assert.Equal("99.82", result["A10.03"].DisplayText);
        Assert.Equal("55.77", result["A10.06"].DisplayText);
        Assert.Equal("17.25", result["A07.07"].DisplayText);
        Assert.Equal("88", result["A11.12"].DisplayText);
        Assert.Equal("82.3", result["A11.13"].DisplayText);
        Assert.Equal("公办园在园幼儿占比 55.77%，目标 ≥ 55%，达标", result["A10.06"].Reason);
        Assert.Equal("民办义务教育在校生占比 17.25%，目标 ≤ 5%，未达标", result["A07.07"].Reason);
        Assert.Equal(JudgmentStatus.Warning, result["B00.05.check"].Status);
        // The seed states 193 schools; its breakdown by type adds up to 194 (domain.md, B00.05): the warning says both.
        Assert.Equal("校验未通过：学校(园)总数 193 ≠ 七类学校数之和 194，请核对相关填报数（仅为提示，不影响保存）", result["B00.05.check"].Reason);
        Assert.DoesNotContain(result.Failing, r => r.Field.IsConsistencyCheck);
    }
}
