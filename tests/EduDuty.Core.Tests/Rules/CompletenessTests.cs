using EduDuty.Core.Rules;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Rules;

/// <summary>
/// The counts every page shows. Expected values counted from the shared catalog (catalog-sx-2021.csv: 188 inputs; an input is
/// required when a row with a threshold other than a ".check" row depends on it, through any chain of formulas — checks are
/// warnings, catalog-README §4: 122) and the golden figures file (115 values: 56 required, 59 optional), counted by a script
/// independently of the code under test.
/// </summary>
public sealed class CompletenessTests
{
    [Fact]
    public void The_golden_case_has_56_of_122_required_and_59_of_66_optional_inputs()
    {
        var completeness = Completeness.Of(GoldenCase.Result);

        Assert.Equal((122, 56, 66, 59), (completeness.Required, completeness.RequiredFilled, completeness.Optional, completeness.OptionalFilled));
        Assert.Equal(66, completeness.Missing.Count);
        Assert.Equal("必填 122 项，已填 56 项；另有选填 66 项，已填 59 项", completeness.Describe());
    }

    [Theory]
    [InlineData("A11_HOTSPOTS", 25)]
    [InlineData("A12_SAFETY", 17)]
    [InlineData("A10_PRESCHOOL", 8)]
    [InlineData("A07_PRIVATE_COMPULSORY", 3)]
    [InlineData("B00_BASIC", 0)] // its inputs feed section 一 and checks, no judgment
    public void Each_area_counts_its_own_required_inputs(string area, int required)
    {
        Assert.Equal(required, Completeness.Of(GoldenCase.Result)[area].Required);
    }

    [Fact]
    public void Missing_fields_are_listed_by_area_in_catalog_order_and_an_empty_evaluation_misses_every_required_input()
    {
        var empty = Completeness.Of(RuleEngine.For(GoldenCase.Scheme).Evaluate(new Dictionary<string, EduDuty.Core.Figures.FieldValue>()));

        Assert.Equal(122, empty.Missing.Count);
        Assert.Equal("必填 122 项，已填 0 项；另有选填 66 项，已填 0 项", empty.Describe());
        var preschool = empty["A10_PRESCHOOL"].Missing.Select(f => f.Code).ToList();
        Assert.Equal(preschool.OrderBy(c => GoldenCase.Scheme.Fields.ToList().FindIndex(f => f.Code == c)), preschool);
        Assert.Contains("A10.01", preschool);
        Assert.Equal("学前三年适龄人口（A10.01）", Completeness.Label(GoldenCase.Scheme.FindField("A10.01")!));
    }
}
