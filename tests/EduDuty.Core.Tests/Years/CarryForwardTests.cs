using System.Globalization;
using System.Text.Json.Nodes;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Years;

namespace EduDuty.Core.Tests.Years;

public sealed class CarryForwardTests
{
    private static readonly Scheme Sx2021 = BuiltInSchemes.Get("SX-2021");

    [Fact]
    public void SX_2021_feeds_each_prior_year_input_of_a_growth_indicator_from_last_years_field()
    {
        // The catalog's prior-year inputs (上年同期 / 上年) and the fields they are last year's values of.
        var expected = new Dictionary<string, string>
        {
            ["A04.02"] = "A04.01", ["A04.04.prev"] = "A04.04", ["A04.07.1.prev"] = "A04.07.1", ["A11.17.1"] = "A11.17.2",
        };

        var mappings = CarryForward.Mappings(Sx2021, Sx2021);

        Assert.Equal(expected.OrderBy(p => p.Key), mappings.Select(m => KeyValuePair.Create(m.Target.Code, m.SourceCode)).OrderBy(p => p.Key));
        Assert.All(mappings, m => Assert.True(m.Applies, m.Problem));
    }

    [Fact]
    public void Growth_from_the_carried_spending_is_the_seed_reports_62_93_percent()
    {
        // 闻喜县 2021: 57628 万元, "增长62.93%"; the seed implies last year's 35369.8 万元 (domain.md).
        var lastYear = Evaluate(Sx2021, ("A04.01", 35369.8m));
        var plan = CarryForward.Plan(Sx2021, lastYear);

        Assert.Equal(FieldValue.Of(35369.8m), plan.Values["A04.02"]);
        var thisYear = RuleEngine.For(Sx2021).Evaluate(new Dictionary<string, FieldValue>(plan.Values) { ["A04.01"] = FieldValue.Of(57628m) });
        Assert.Equal(62.93m, thisYear["A04.03"].DisplayNumber);
        Assert.Equal(JudgmentStatus.Pass, thisYear["A04.03"].Status);
    }

    [Fact]
    public void A_source_left_empty_last_year_carries_nothing()
    {
        var plan = CarryForward.Plan(Sx2021, Evaluate(Sx2021, ("A04.04", 12000m)));

        Assert.Equal(["A04.04.prev"], plan.Values.Keys);
        Assert.Equal(12000m, plan.Values["A04.04.prev"].Number);
        Assert.Empty(plan.Problems);
    }

    [Fact]
    public void A_last_year_scheme_without_the_source_code_is_reported_and_nothing_is_guessed()
    {
        // Last year's scheme is another version in which 本期支出 had another code (A04.91) everywhere it is named.
        var json = System.Text.RegularExpressions.Regex.Replace(BuiltInSchemes.ReadJson("SX-2021"), @"A04\.01(?![.\d])", "A04.91");
        var lastScheme = SchemeLoader.Load(json.Replace("\"version\": 1,", "\"version\": 7,", StringComparison.Ordinal));
        var plan = CarryForward.Plan(Sx2021, Evaluate(lastScheme, ("A04.91", 35369.8m), ("A04.04", 12000m)));

        Assert.False(plan.Values.ContainsKey("A04.02"));
        Assert.Equal(12000m, plan.Values["A04.04.prev"].Number);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal("A04.02", problem.Target.Code);
        Assert.Contains("（第七版）", problem.Problem);
        Assert.Contains("没有字段 A04.01", problem.Problem);
    }

    [Fact]
    public void A_source_of_another_kind_is_reported()
    {
        var current = Load(s => Field(s, "A04.04.prev")["carryFrom"] = "A04.11"); // A04.11 is 是/否
        var problem = Assert.Single(CarryForward.Mappings(current, Sx2021), m => !m.Applies);

        Assert.Equal("A04.04.prev", problem.Target.Code);
        Assert.Contains("是/否", problem.Problem);
        Assert.Contains("不能带入数值", problem.Problem);
    }

    [Fact]
    public void A_computed_source_is_carried_as_last_years_report_printed_it()
    {
        // 闻喜县's 毛入园率 10736 ÷ 10755 = 99.8233…% prints as 99.82 (the seed): an input fed by it gets 99.82.
        var current = Load(s => Field(s, "A11.17.1")["carryFrom"] = "A10.03");
        var lastYear = Evaluate(Sx2021, ("A10.01", 10755m), ("A10.02", 10736m));

        Assert.Equal(99.82m, CarryForward.Plan(current, lastYear).Values["A11.17.1"].Number);
    }

    [Theory]
    [InlineData("A04.03", "carryFrom（上年来源）", "[A04.01]")]  // a computed field is never entered, so never prefilled
    [InlineData("A04.02", "不是有效的字段代码", "上年A04.01")]
    public void A_mapping_on_a_computed_field_or_with_a_malformed_code_is_refused_with_the_field_named(string code, string message, string carryFrom)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Mutate(s => Field(s, code)["carryFrom"] = carryFrom)));
        var result = SchemeLoader.TryLoad(stream);

        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Location);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void The_version_comparison_names_a_changed_mapping()
    {
        var changed = Load(s => Field(s, "A04.02").Remove("carryFrom"));

        var change = Assert.Single(SchemeDiff.Compare(Sx2021, changed));
        Assert.Equal("上年来源", change.Kind);
        Assert.Equal("A04.02", change.Location);
        Assert.Contains("A04.01 → 无", change.Description);
    }

    private static EvaluationResult Evaluate(Scheme scheme, params (string Code, decimal Value)[] figures) =>
        RuleEngine.For(scheme).Evaluate(figures.ToDictionary(f => f.Code, f => FieldValue.Of(f.Value)));

    private static Scheme Load(Action<JsonObject> mutate) => SchemeLoader.Load(Mutate(mutate));

    private static string Mutate(Action<JsonObject> mutate)
    {
        var scheme = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        mutate(scheme);
        return scheme.ToJsonString();
    }

    private static JsonObject Field(JsonObject scheme, string code) =>
        scheme["areas"]!.AsArray().SelectMany(a => a!["fields"]!.AsArray()).Single(f => (string?)f!["code"] == code)!.AsObject();
}

public sealed class YearChangeTests
{
    private static readonly Scheme Sx2021 = BuiltInSchemes.Get("SX-2021");

    [Theory]
    // 闻喜县: 35369.8 → 57628 万元 is +22258.2 万元, printed at A04.01's precision 0, and +62.93 % (the seed's growth).
    [InlineData("A04.01", "35369.8", "57628", "+22258万元（+62.93%）")]
    [InlineData("A04.01", "57628", "50000", "-7628万元（-13.24%）")]
    // A rate changes by percentage points, not by a per cent of itself.
    [InlineData("A10.06", "55", "55.77", "+0.77个百分点")]
    [InlineData("A10.02", "0", "120", "+120人")]
    [InlineData("A10.02", "120", "120", "持平")]
    public void Describes_the_change_in_the_fields_unit_and_in_per_cent_of_last_year(string code, string previous, string current, string expected)
    {
        var change = new YearChange(decimal.Parse(previous, CultureInfo.InvariantCulture), decimal.Parse(current, CultureInfo.InvariantCulture));

        Assert.Equal(expected, change.Describe(Sx2021.FindField(code)!));
    }
}
