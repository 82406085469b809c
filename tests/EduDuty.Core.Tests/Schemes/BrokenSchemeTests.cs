using System.Text.Json.Nodes;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Tests.Schemes;

/// <summary>Each test breaks one thing in a copy of SX-2021 and expects the load to fail naming the field.</summary>
public sealed class BrokenSchemeTests
{
    [Fact]
    public void Formula_naming_a_missing_code_is_rejected_with_the_field_named()
    {
        var errors = LoadErrors(s => Field(s, "A10.03")["formula"] = "[A10.02] / [A10.99] * 100");

        var error = Assert.Single(errors);
        Assert.Equal("A10.03", error.Location);
        Assert.Contains("A10.99", error.Message);
    }

    [Fact]
    public void Cycle_between_formulas_is_rejected_with_the_path()
    {
        var errors = LoadErrors(s =>
        {
            Field(s, "A07.07")["formula"] = "[A07.08] * 2";
            Field(s, "A07.08")["formula"] = "[A07.09] + 1";
            Field(s, "A07.09")["formula"] = "[A07.07] / 3";
        });

        var error = Assert.Single(errors);
        Assert.Contains("循环引用", error.Message);
        Assert.Contains("A07.07", error.Message);
        Assert.Contains("A07.08", error.Message);
        Assert.Contains("A07.09", error.Message);
    }

    [Fact]
    public void Self_reference_is_a_cycle()
    {
        var error = Assert.Single(LoadErrors(s => Field(s, "A10.06")["formula"] = "[A10.06] + 1"));
        Assert.Equal("A10.06", error.Location);
        Assert.Contains("循环引用", error.Message);
    }

    [Theory]
    [InlineData("=>", "90", "运算符")]
    [InlineData(">=", "\"ninety\"", "必须是数字")]
    [InlineData(">=", "true", "必须是数字")]
    [InlineData(">=", "null", "必须是数字")]
    public void Malformed_numeric_threshold_is_rejected_with_the_field_named(string op, string valueJson, string expected)
    {
        var errors = LoadErrors(s => Field(s, "A10.03")["threshold"] = new JsonObject { ["op"] = op, ["value"] = JsonNode.Parse(valueJson) });

        var error = Assert.Single(errors);
        Assert.Equal("A10.03", error.Location);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Yes_no_threshold_must_be_a_boolean_with_equals()
    {
        var errors = LoadErrors(s =>
        {
            Field(s, "A01.01")["threshold"] = new JsonObject { ["op"] = "=", ["value"] = 1 };
            Field(s, "A01.04")["threshold"] = new JsonObject { ["op"] = ">=", ["value"] = true };
        });

        Assert.Equal(["A01.01", "A01.04"], errors.Select(e => e.Location));
    }

    [Theory]
    [InlineData("[A10.02] / ", "语法错误")]
    [InlineData("[A10.02] / [A10.01 * 100", "语法错误")]
    [InlineData("max([A10.02])", "未知函数")]
    [InlineData("[A10.02] == [A10.01]", "必须得出数值")]
    [InlineData("[A01.02.t] * 2", "非数值字段")]
    public void Bad_formula_is_rejected_with_the_field_named(string formula, string expected)
    {
        var error = Assert.Single(LoadErrors(s => Field(s, "A10.03")["formula"] = formula));
        Assert.Equal("A10.03", error.Location);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void All_pass_inside_a_comparison_is_refused_by_the_loader_with_field_and_position()
    {
        var error = Assert.Single(LoadErrors(s => Field(s, "A04.14")["formula"] = "all_pass([A04.08]) == 1"));

        Assert.Equal("A04.14", error.Location);
        Assert.Contains("all_pass(…) 只能单独作为整个公式使用", error.Message);
        Assert.Contains("第 20 个字符处", error.Message);
    }

    [Theory]
    [InlineData("A10.03", "count", "只有填报的数值字段")]
    [InlineData("A10.01", "persons", "measure（计量类型）“persons” 无效")]
    public void Measure_is_checked_at_load(string code, string measure, string expected)
    {
        var error = Assert.Single(LoadErrors(s => Field(s, code)["measure"] = measure), e => e.Location == code);

        Assert.Equal(code, error.Location);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("A10.03", "只有计算得出的是/否字段")]
    [InlineData("A04.14", "不能有问题模板")]
    public void Check_is_only_for_yes_no_formulas_without_problem_templates(string code, string expected)
    {
        var error = LoadErrors(s => Field(s, code)["check"] = true).First(e => e.Location == code);

        Assert.Equal(code, error.Location);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Duplicate_code_and_missing_formula_are_both_reported()
    {
        var errors = LoadErrors(s =>
        {
            Field(s, "A10.02")["code"] = "A10.01";
            Field(s, "A10.06").Remove("formula");
        });

        Assert.Contains(errors, e => e.Location == "A10.01" && e.Message.Contains("重复"));
        Assert.Contains(errors, e => e.Location == "A10.06" && e.Message.Contains("公式"));
    }

    [Fact]
    public void Code_outside_its_area_is_rejected()
    {
        var errors = LoadErrors(s => Field(s, "A10.11")["code"] = "A09.99");
        var error = Assert.Single(errors, e => e.Location == "A09.99");
        // The plausibility rule over A10.11 names the code it no longer finds (issue 26).
        Assert.Single(errors, e => e.Location.StartsWith("plausibility", StringComparison.Ordinal) && e.Message.Contains("A10.11"));
        Assert.Contains("A10_PRESCHOOL", error.Message);
    }

    [Fact]
    public void Default_text_naming_an_unknown_code_is_rejected_with_the_area_named()
    {
        var error = Assert.Single(LoadErrors(s => Area(s, "A10_PRESCHOOL")["defaultTexts"] = new JsonArray("毛入园率{A10.98}%")));

        Assert.Equal("A10_PRESCHOOL", error.Location);
        Assert.Contains("A10.98", error.Message);
    }

    [Fact]
    public void Invalid_json_is_rejected_with_a_line_number()
    {
        using var stream = new MemoryStream("{\n \"code\": \"X\",\n oops\n}"u8.ToArray());
        var result = SchemeLoader.TryLoad(stream);

        Assert.False(result.IsValid);
        Assert.Contains("第 3 行", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Load_throws_with_every_error_listed()
    {
        var json = Mutate(s =>
        {
            Field(s, "A10.03")["formula"] = "[A10.77]";
            Field(s, "A10.06")["threshold"] = new JsonObject { ["op"] = "~", ["value"] = 1 };
        });

        var ex = Assert.Throws<SchemeValidationException>(() => SchemeLoader.Load(json));
        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("A10.03", ex.Message);
        Assert.Contains("A10.06", ex.Message);
    }

    [Fact]
    public void A_later_years_thresholds_and_wording_change_without_code()
    {
        var json = Mutate(s =>
        {
            s["code"] = "SX-2022";
            s["year"] = 2022;
            Field(s, "A10.03")["threshold"] = new JsonObject { ["op"] = ">=", ["value"] = 92.5 };
            Field(s, "A10.03")["zh"] = "学前三年毛入园率（2022口径）";
        });

        var scheme = SchemeLoader.Load(json);

        Assert.Equal(2022, scheme.Year);
        Assert.Equal(92.5m, scheme.FindField("A10.03")!.Threshold!.Number);
        Assert.Equal("学前三年毛入园率（2022口径）", scheme.FindField("A10.03")!.NameZh);
    }

    private static IReadOnlyList<SchemeError> LoadErrors(Action<JsonObject> mutate)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Mutate(mutate)));
        var result = SchemeLoader.TryLoad(stream);
        Assert.False(result.IsValid, "the broken scheme was accepted");
        Assert.Null(result.Scheme);
        return result.Errors;
    }

    private static string Mutate(Action<JsonObject> mutate)
    {
        var scheme = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        mutate(scheme);
        return scheme.ToJsonString();
    }

    private static JsonObject Area(JsonObject scheme, string key) =>
        scheme["areas"]!.AsArray().Single(a => (string?)a!["key"] == key)!.AsObject();

    private static JsonObject Field(JsonObject scheme, string code) =>
        scheme["areas"]!.AsArray()
            .SelectMany(a => a!["fields"]!.AsArray())
            .Single(f => (string?)f!["code"] == code)!.AsObject();
}
