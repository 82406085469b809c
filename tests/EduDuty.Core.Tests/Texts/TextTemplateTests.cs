using System.Text.Json;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Texts;
using EduDuty.Testing;

namespace EduDuty.Core.Tests.Texts;

public sealed class TextTemplateTests
{
    private static readonly Scheme Scheme = GoldenCase.Scheme;
    private static readonly EvaluationResult Golden = GoldenCase.Result;

    private static string Render(string text, EvaluationResult? evaluation = null)
    {
        var parsed = TextTemplate.Parse(text, Scheme);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        return parsed.Template!.Render(evaluation ?? Golden).ToString();
    }

    [Fact]
    public void Figures_targets_and_judgment_choices_fill_in()
    {
        Assert.Equal("学前三年毛入园率达99.82%,完成了90%的目标任务。",
            Render("学前三年毛入园率达{A10.03}%,{A10.03?完成了:未完成}{A10.03.target}%的目标任务。"));
        Assert.Equal("民办义务教育在校生占比17.25%,未降至5%以内。",
            Render("民办义务教育在校生占比{A07.07}%,{A07.07?已降至:未降至}{A07.07.target}%以内。"));
        Assert.Equal("平安校园创建率100%。", Render("平安校园创建率{A12.03}%。"));
        Assert.Equal("统计截止10月底。", Render("统计截止{A04.01.cutoff}。"));
    }

    [Fact]
    public void Sign_choice_and_absolute_value()
    {
        var figures = new Dictionary<string, FieldValue> { ["A04.01"] = FieldValue.Of(93900m), ["A04.02"] = FieldValue.Of(100200m) };
        var result = RuleEngine.For(Scheme).Evaluate(figures);

        Assert.Equal("支出下降6.29%。", Render("支出{A04.03+?增长:下降}{A04.03.abs}%。", result));
    }

    [Fact]
    public void Missing_figures_render_a_visible_gap_and_are_listed()
    {
        var empty = RuleEngine.For(Scheme).Evaluate(new Dictionary<string, FieldValue>());
        var rendered = TextTemplate.Parse("毛入园率{A10.03}%,{A10.03?完成了:未完成}目标。").Template!.Render(empty);

        // Neither wording of the judgment is known: the preview says so, and a report leaves the clause out (Omissions).
        Assert.Equal("毛入园率＿＿%,（待填报）目标。", rendered.ToString());
        Assert.Contains(rendered.Runs, r => r is { Kind: TextRunKind.Unknown, Code: "A10.03" });
        Assert.Equal(["A10.03"], rendered.GapCodes);
        Assert.Contains(rendered.Runs, r => r is { Kind: TextRunKind.Figure or TextRunKind.Gap, Code: "A10.03" });
    }

    [Fact]
    public void Braces_escape_and_markup_stays_literal()
    {
        Assert.Equal("{A10.03} 与 <script>alert(1)</script> 原样保留", Render("{{A10.03}} 与 <script>alert(1)</script> 原样保留"));
    }

    [Theory]
    [InlineData("占比{A10.99}%", "A10.99")]
    [InlineData("占比{A10.03", "缺少")]
    [InlineData("占比}", "多了")]
    [InlineData("{a10.03}", "格式不正确")]
    [InlineData("{A10.01.target}", "没有目标值")]
    [InlineData("{A01.02.t.abs}", "不是数值")]
    [InlineData("{A01.02.t.nonzero}", "不能用 .nonzero")]
    public void Bad_placeholders_are_refused_with_a_message(string text, string expected)
    {
        var parsed = TextTemplate.Parse(text, Scheme);

        Assert.False(parsed.IsValid);
        Assert.Contains(expected, string.Join(" ", parsed.Errors));
    }

    [Fact]
    public void Default_texts_with_the_golden_figures_state_the_seed_figures_and_never_call_a_failure_achieved()
    {
        var text = string.Join("\n", Scheme.Areas.SelectMany(a => a.DefaultTexts).Select(t => Render(t)));

        Assert.Contains("学前三年毛入园率达99.82%，完成了90%的目标任务", text);
        Assert.Contains("公办园在园幼儿占比55.77%，完成了55%的目标任务", text);
        Assert.Contains("民办义务教育在校生占比17.25%", text);
        Assert.Contains("尚未降至5%以内", text);
        Assert.DoesNotContain("已控制在5%以内", text);
        Assert.Contains("中心城区教育设施布点专项规划尚未编制", text);
    }

    [Fact]
    public void Every_golden_text_parses_against_the_scheme()
    {
        using var texts = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021-texts.json")));
        var paragraphs = texts.RootElement.GetProperty("areas").EnumerateObject().SelectMany(a => a.Value.EnumerateArray())
            .Concat(texts.RootElement.GetProperty("basic").EnumerateArray())
            .Select(p => p.GetString()!)
            .ToList();

        Assert.True(paragraphs.Count > 20);
        Assert.All(paragraphs, p => Assert.True(TextTemplate.Parse(p, Scheme).IsValid, p));
        Assert.Contains(paragraphs.Select(p => Render(p)), p => p.Contains("公办园在园幼儿占比55.77%", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("达｛A10.03｝%", "达{A10.03}%")]
    [InlineData("｛A10.03？完成了：未完成｝", "{A10.03?完成了:未完成}")]
    [InlineData("｛A04.05＋？增长：下降｝", "{A04.05+?增长:下降}")]
    [InlineData("比例：｛A10.03．target｝%？", "比例：{A10.03.target}%？")] // outside a placeholder, full-width punctuation is prose
    [InlineData("达{A10.03}%,{A10.03?完成了:未完成}目标(含托班)", "达{A10.03}%，{A10.03?完成了:未完成}目标（含托班）")] // and half-width becomes full-width
    public void Placeholders_typed_with_a_chinese_input_method_become_placeholders(string typed, string normalized)
    {
        Assert.Equal(normalized, TextTemplate.FromTyped(typed));
        Assert.True(TextTemplate.Parse(normalized).Template is not null);
    }
}
