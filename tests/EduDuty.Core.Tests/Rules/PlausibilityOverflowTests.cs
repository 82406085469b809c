using System.Text.Json.Nodes;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Tests.Rules;

/// <summary>The attacker's review of issue 26: figures at the edges of decimal never make a plausibility rule throw.</summary>
public sealed class PlausibilityOverflowTests
{
    private static Dictionary<string, FieldValue> With(params (string Code, decimal Value)[] values) =>
        values.ToDictionary(v => v.Code, v => FieldValue.Of(v.Value), StringComparer.Ordinal);

    [Fact]
    public void A_change_too_large_for_a_decimal_is_a_finding_not_an_exception()
    {
        // A04.03 = (A04.01 − A04.02) / A04.02 × 100 = 0.000001 / 999,999,999,999.999999 × 100 ≈ 1e-16 %: not 0, so a change
        // rule from it divides 1e12 by 1e-16 and × 100 → 1e30, beyond decimal's 7.9e28.
        var scheme = SchemeLoader.Load(Mutate(s => Rules(s).Add(new JsonObject { ["kind"] = "change", ["field"] = "A04.01", ["previous"] = "A04.03" })));
        var result = RuleEngine.For(scheme).Evaluate(With(("A04.01", 1_000_000_000_000m), ("A04.02", 999_999_999_999.999999m)));

        var finding = Assert.Single(result.Findings, f => f.Rule.Kind == PlausibilityKind.Change && f.Field == "A04.01");
        Assert.False(finding.IsHard);
        Assert.Contains("超出 ±50%", finding.Text);
    }

    private static JsonArray Rules(JsonObject scheme) => scheme["plausibility"]!["rules"]!.AsArray();

    private static string Mutate(Action<JsonObject> mutate)
    {
        var scheme = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        mutate(scheme);
        return scheme.ToJsonString();
    }
}
