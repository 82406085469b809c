using System.Text.RegularExpressions;
using EduDuty.Core.Schemes;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Schemes;

/// <summary>
/// Issue 27, item 7: every figure a county enters under SX-2021 says what is counted (口径) and where it comes from (数据来源),
/// or says plainly that the scheme does not say; and the sources each field took are named in docs/field-help-sources.md.
/// </summary>
public sealed class FieldHelpTests
{
    private static readonly Scheme Sx2021 = BuiltInSchemes.Get("SX-2021");

    private static IReadOnlyList<SchemeField> Entered => Sx2021.Fields.Where(f => f.Kind.IsInput()).ToList();

    [Fact]
    public void Every_entered_field_of_SX_2021_has_a_definition_and_a_data_source()
    {
        // 188 entered fields, as the README counts them (122 required, 66 optional).
        Assert.Equal(188, Entered.Count);
        var lacking = Entered.Where(f => string.IsNullOrWhiteSpace(f.Help) || string.IsNullOrWhiteSpace(f.DataSource)).Select(f => f.Code).ToList();
        Assert.Empty(lacking);
    }

    [Theory]
    // The national statistics definitions where they apply (教育统计指标解释 and the 2019 class-size opinion).
    [InlineData("A11.08", "56–65人")]
    [InlineData("A11.09", "66人及以上")]
    [InlineData("A08.08.1", "技工学校")]
    [InlineData("A06.07.2", "入小学一年级")]
    [InlineData("A04.08", "650")]
    [InlineData("A04.12", "6000")]
    [InlineData("B00.07", "专任教师")]
    public void A_definition_follows_the_national_statistics_where_it_applies(string code, string expected) =>
        Assert.Contains(expected, Sx2021.FindField(code)!.Help);

    [Theory]
    // Where the scheme says nothing, the field says so instead of inventing a definition.
    [InlineData("A12.08.1.2")]
    [InlineData("A12.08.4.2")]
    public void An_unknown_definition_is_said_to_be_unknown(string code) =>
        Assert.Contains("方案未作说明", Sx2021.FindField(code)!.Help);

    [Fact]
    public void The_sources_of_every_entered_field_are_named_in_the_docs()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "field-help-sources.md"));
        var named = Regex.Matches(doc, @"`([A-Z]\d{2}(?:\.[0-9a-z]+)*)`").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var unnamed = Entered.Select(f => f.Code).Except(named, StringComparer.Ordinal).ToList();
        Assert.Empty(unnamed);
    }
}
