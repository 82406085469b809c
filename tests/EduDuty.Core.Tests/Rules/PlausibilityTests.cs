using System.Text.Json.Nodes;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Rules;

/// <summary>
/// SX-2021's plausibility rules (issue 26) on the catalog's figures: a share above 100 %, a part above its total and a
/// negative computed count are hard; a growth beyond ±50 % and a change from last year's beyond ±50 % are soft. Expected
/// values are worked out by hand from the catalog's formulas.
/// </summary>
public sealed class PlausibilityTests
{
    private static readonly Scheme Sx = BuiltInSchemes.Get("SX-2021");

    private static EvaluationResult Evaluate(IReadOnlyDictionary<string, FieldValue> figures) => RuleEngine.For(Sx).Evaluate(figures);

    private static Dictionary<string, FieldValue> With(params (string Code, decimal Value)[] values) =>
        values.ToDictionary(v => v.Code, v => FieldValue.Of(v.Value), StringComparer.Ordinal);

    [Fact]
    public void Six_plus_six_party_organisations_of_six_schools_is_refused_naming_the_figures()
    {
        // A01.08 = (A01.08.1 + A01.08.2) / A01.08.3 × 100 = (6 + 6) / 6 × 100 = 200 %.
        var result = Evaluate(With(("A01.08.1", 6), ("A01.08.2", 6), ("A01.08.3", 6)));

        var finding = Assert.Single(result.Findings);
        Assert.True(finding.IsHard);
        Assert.Equal("A01.08", finding.Field);
        Assert.Equal(["A01.08", "A01.08.1", "A01.08.2", "A01.08.3"], finding.Codes);
        Assert.Equal(
            "学校党组织覆盖率（A01.08）算得 200%，超过 100%（单建党组织覆盖学校数 6所、联建党组织覆盖学校数 6所、应覆盖学校数 6所）：比例和覆盖率不能超过 100%，请核对后修改（不修改不能保存）。",
            finding.Text);
        Assert.True(finding.Involves(["A01.08.2"]));
        Assert.False(finding.Involves(["A10.01"]));
    }

    [Fact]
    public void Full_coverage_is_no_finding()
    {
        Assert.Empty(Evaluate(With(("A01.08.1", 4), ("A01.08.2", 2), ("A01.08.3", 6))).Findings);
    }

    [Fact]
    public void Spending_growth_of_3741_87_percent_is_a_warning_not_a_refusal()
    {
        // A04.03 = (57628 − 1500) / 1500 × 100 = 3741.8666… → 3741.87 % at precision 2.
        var result = Evaluate(With(("A04.01", 57628), ("A04.02", 1500)));

        var finding = Assert.Single(result.Findings);
        Assert.False(finding.IsHard);
        Assert.Equal("A04.03", finding.Field);
        Assert.Contains("一般公共预算教育支出增长率（A04.03）为 3741.87%，超出 ±50% 的常见范围", finding.Text);
        Assert.Contains("如确属实，可保留并在提交时确认", finding.Text);
        Assert.Equal(("A04.03", finding.Text), (Assert.Single(result.OpenWarnings).Field.Code, result.OpenWarnings[0].Text));
        Assert.Empty(result.Refusals);
    }

    [Theory]
    [InlineData(57628, 38419, false)] // +50.0 %: within the range
    [InlineData(57628, 38418, true)]  // +50.003 %
    [InlineData(28814, 57628, false)] // −50.0 %
    [InlineData(28000, 57628, true)]  // −51.4 %
    public void Growth_range_is_fifty_percent_either_way(decimal current, decimal previous, bool warned)
    {
        Assert.Equal(warned, Evaluate(With(("A04.01", current), ("A04.02", previous))).Findings.Any(f => f.Field == "A04.03"));
    }

    [Fact]
    public void More_private_kindergartens_than_kindergartens_is_refused()
    {
        var finding = Assert.Single(Evaluate(With(("A10.09.1", 20), ("A10.09.2", 30))).Findings);

        Assert.True(finding.IsHard);
        Assert.Equal("A10.09.1", finding.Field);
        Assert.Equal("幼儿园数: 民办园 30所，多于幼儿园数: 总数 20所：部分不能多于总数，请核对后修改（不修改不能保存）。", finding.Text);
    }

    [Fact]
    public void Two_parts_are_summed_against_their_total()
    {
        // 2 small + 2 very large high schools, of 3 high schools.
        var finding = Assert.Single(Evaluate(With(("A08.03", 2), ("A08.04", 2), ("B00.06.1", 3), ("A08.01.1", 3), ("A08.01.2", 0))).Findings);
        Assert.Contains("4轨以下小规模高中数 2所 + 20轨以上超大规模高中数 2所，合计 4所，多于分类学校数: 高中 3所", finding.Text);
    }

    [Fact]
    public void Students_far_from_last_years_are_a_warning()
    {
        // A04.04 34642 against last year's 20000: +73.21 %.
        var finding = Assert.Single(Evaluate(With(("A04.04", 34642), ("A04.04.prev", 20000))).Findings);

        Assert.False(finding.IsHard);
        Assert.Equal(
            "在校生人数 (经费口径)（A04.04）34642人与在校生人数 (经费口径, 上年同期) 20000人相差 +73.21%，超出 ±50%：请核对数据和单位；如确属实，可保留并在提交时确认。",
            finding.Text);
    }

    [Fact]
    public void The_golden_case_and_both_demo_counties_hold_every_rule()
    {
        Assert.Empty(GoldenCase.Result.Findings);
        foreach (var county in new[] { "wenxi", "xiaxian" })
        {
            var json = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Application", "Demo", "Files", $"{county}-2021.figures.json"));
            var file = FiguresFileReader.Read(json, Sx).File!;
            Assert.Empty(Evaluate(file.Values).Findings.Select(f => f.Text));
        }
    }

    [Fact]
    public void Sx_2021_declares_a_share_rule_for_every_coverage_and_share_but_not_for_gross_rates()
    {
        var shares = Sx.Plausibility.Where(r => r.Kind == PlausibilityKind.Share).Select(r => r.Field).ToHashSet();
        Assert.Equal(30, shares.Count);
        foreach (var field in Sx.Fields.Where(f => f.Kind == FieldKind.Derived && f.Unit == "%" && (f.NameZh.Contains("覆盖率") || f.NameZh.Contains("占比"))))
            Assert.Contains(field.Code, shares);
        // Gross enrolment rates and the retention rate can pass 100 % (pupils from outside the county): never refused.
        Assert.DoesNotContain("A10.03", shares);
        Assert.DoesNotContain("A08.08", shares);
        Assert.DoesNotContain("A06.07", shares);
        Assert.Equal(["A04.03", "A04.06"], Sx.Plausibility.Where(r => r.Kind == PlausibilityKind.Growth).Select(r => r.Field));
    }

    [Fact]
    public void A_rule_over_an_unknown_code_is_refused_on_load()
    {
        var errors = LoadErrors(s => Rules(s).Add(new JsonObject { ["kind"] = "share", ["field"] = "A01.99" }));

        var error = Assert.Single(errors);
        Assert.Equal("plausibility（合理性规则） 第 46 条规则（share）", error.Location);
        Assert.Contains("A01.99 在方案中不存在", error.Message);
    }

    [Theory]
    [InlineData("""{ "kind": "ratio", "field": "A01.08" }""", "kind（规则类型）“ratio”无效")]
    [InlineData("""{ "kind": "part", "parts": ["A01.08.1"], "total": "A01.11" }""", "不是数值字段")]
    [InlineData("""{ "kind": "part", "total": "A01.08.3" }""", "缺少 parts")]
    [InlineData("""{ "kind": "growth", "field": "A04.03", "range": 0 }""", "range（范围）应为大于 0")]
    [InlineData("""{ "kind": "share", "field": "A01.08", "severity": "fatal" }""", "severity（级别）“fatal”无效")]
    [InlineData("""{ "kind": "change", "field": "A04.04" }""", "缺少 previous（上年字段）")]
    public void A_malformed_rule_is_refused_on_load(string rule, string expected)
    {
        var errors = LoadErrors(s => Rules(s).Add(JsonNode.Parse(rule)));
        Assert.Contains(errors, e => e.Message.Contains(expected));
    }

    [Fact]
    public void A_scheme_may_make_a_rule_soft_and_narrow_a_range()
    {
        var json = Mutate(s =>
        {
            s["plausibility"] = new JsonObject
            {
                ["growthRange"] = 10,
                ["rules"] = new JsonArray(
                    new JsonObject { ["kind"] = "share", ["field"] = "A01.08", ["severity"] = "soft" },
                    new JsonObject { ["kind"] = "growth", ["field"] = "A04.03" },
                    new JsonObject { ["kind"] = "nonNegative", ["field"] = "A10.09.4" }),
            };
        });
        var scheme = SchemeLoader.Load(json);
        var values = With(("A01.08.1", 7), ("A01.08.2", 0), ("A01.08.3", 6), ("A04.01", 112), ("A04.02", 100), ("A10.09.1", 10), ("A10.09.2", 12));

        var findings = RuleEngine.For(scheme).Evaluate(values).Findings;

        Assert.Equal(["A01.08", "A04.03", "A10.09.4"], findings.Select(f => f.Field));
        Assert.Equal([false, false, true], findings.Select(f => f.IsHard));
        Assert.Contains("超出 ±10% 的常见范围", findings[1].Text);
        Assert.StartsWith("公办园数（A10.09.4）算得 -2所，为负数（幼儿园数: 总数 10所、幼儿园数: 民办园 12所）", findings[2].Text);
    }

    [Fact]
    public void A_changed_rule_is_a_change_an_admin_reads()
    {
        var after = SchemeLoader.Load(Mutate(s =>
        {
            Rules(s).RemoveAt(0); // share A01.08
            Rules(s).Add(new JsonObject { ["kind"] = "growth", ["field"] = "A04.07.chg", ["range"] = 20 });
        }));

        var changes = SchemeDiff.Compare(Sx, after).Where(c => c.Kind == "合理性规则").Select(c => c.Description).ToList();

        Assert.Equal(["新增 growth A04.07.chg ±20%（提示）", "删除 share A01.08（拒绝保存）"], changes);
    }

    private static JsonArray Rules(JsonObject scheme) => scheme["plausibility"]!["rules"]!.AsArray();

    private static IReadOnlyList<SchemeError> LoadErrors(Action<JsonObject> mutate)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Mutate(mutate)));
        var result = SchemeLoader.TryLoad(stream);
        Assert.False(result.IsValid, "the broken scheme was accepted");
        return result.Errors;
    }

    private static string Mutate(Action<JsonObject> mutate)
    {
        var scheme = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        mutate(scheme);
        return scheme.ToJsonString();
    }
}
