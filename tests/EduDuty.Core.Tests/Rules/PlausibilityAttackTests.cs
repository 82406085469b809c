using System.Text.Json.Nodes;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Tests.Rules;

/// <summary>
/// The attacker's review of issue 26: a scheme with hostile plausibility rules is refused on load with a Chinese message
/// naming the rule, and figures at the edges of decimal never make a rule throw.
/// </summary>
public sealed class PlausibilityAttackTests
{
    private static Dictionary<string, FieldValue> With(params (string Code, decimal Value)[] values) =>
        values.ToDictionary(v => v.Code, v => FieldValue.Of(v.Value), StringComparer.Ordinal);

    [Fact]
    public void A_part_listed_twice_is_refused_on_load_rather_than_counted_twice()
    {
        // parts [A10.09.2, A10.09.2] of A10.09.1 would refuse 6 private kindergartens of 10 (6 + 6 = 12 > 10).
        var errors = LoadErrors(s => Rules(s).Add(new JsonObject
        {
            ["kind"] = "part", ["parts"] = new JsonArray("A10.09.2", "A10.09.2"), ["total"] = "A10.09.1",
        }));

        Assert.Contains(errors, e => e.Message.Contains("部分 A10.09.2 重复"));
    }

    [Fact]
    public void A_rule_declared_twice_is_refused_on_load()
    {
        // SX-2021's first rule is share A01.08: a second one would list every finding twice and ask to confirm it twice.
        var errors = LoadErrors(s => Rules(s).Add(new JsonObject { ["kind"] = "share", ["field"] = "A01.08", ["severity"] = "soft" }));

        var error = Assert.Single(errors);
        Assert.Equal("plausibility（合理性规则） 第 46 条规则（share）", error.Location);
        Assert.Contains("与第 1 条规则重复", error.Message);
    }

    [Fact]
    public void A_part_rule_of_thousands_of_parts_is_refused_on_load()
    {
        var parts = new JsonArray();
        for (var i = 0; i < 5000; i++) parts.Add(i % 2 == 0 ? "A10.09.2" : "A10.09.3");
        var errors = LoadErrors(s => Rules(s).Add(new JsonObject { ["kind"] = "part", ["parts"] = parts, ["total"] = "A10.09.1" }));

        Assert.Contains(errors, e => e.Message.Contains($"parts（部分）最多 {PlausibilityRule.MaxParts} 个"));
        Assert.True(errors.Count < 10, $"{errors.Count} errors for one rule");
    }

    [Fact]
    public void A_scheme_of_a_hundred_thousand_rules_is_refused_with_one_message()
    {
        var errors = LoadErrors(s =>
        {
            var rules = Rules(s);
            for (var i = 0; i < 100_000; i++) rules.Add(new JsonObject { ["kind"] = "growth", ["field"] = "A04.03", ["range"] = 1 + i });
        });

        var error = Assert.Single(errors);
        Assert.Contains($"最多 {PlausibilityRule.MaxRules} 条规则", error.Message);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("79228162514264337593543950336")]
    public void An_unreadable_range_is_refused_with_a_message(string range)
    {
        var json = Mutate(s => Rules(s).Add(new JsonObject { ["kind"] = "growth", ["field"] = "A04.06", ["range"] = 7 })).Replace("\"range\":7", $"\"range\":{range}");
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        var result = SchemeLoader.TryLoad(stream);

        Assert.False(result.IsValid);
        Assert.NotEmpty(Assert.Single(result.Errors).Message);
    }

    private static JsonArray Rules(JsonObject scheme) => scheme["plausibility"]!["rules"]!.AsArray();

    private static IReadOnlyList<SchemeError> LoadErrors(Action<JsonObject> mutate)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Mutate(mutate)));
        var result = SchemeLoader.TryLoad(stream);
        Assert.False(result.IsValid, "the hostile scheme was accepted");
        return result.Errors;
    }

    private static string Mutate(Action<JsonObject> mutate)
    {
        var scheme = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        mutate(scheme);
        return scheme.ToJsonString();
    }
}
