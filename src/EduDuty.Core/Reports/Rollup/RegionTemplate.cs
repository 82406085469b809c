using System.Text.RegularExpressions;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Core.Texts;

namespace EduDuty.Core.Reports.Rollup;

/// <summary>
/// A supervisor's text for the region's roll-up report with live figures across counties (docs/rollup-report.md):
/// <c>{region}</c>, <c>{year}</c>, <c>{counties}</c>, <c>{submitted}</c>, <c>{approved}</c>, <c>{returned}</c>,
/// <c>{not_submitted}</c>, <c>{overdue}</c>, <c>{overdue_names}</c>, <c>{deadline}</c>, <c>{failing_counties}</c>, <c>{included}</c>,
/// <c>{not_included}</c>, <c>{not_included_names}</c>, <c>{drafts_included}</c>, <c>{evidence_files}</c>, <c>{returns}</c>,
/// <c>{rectification_due}</c>, and per
/// indicator <c>{CODE.failing}</c>, <c>{CODE.failing_names}</c>, <c>{CODE.passing}</c>, <c>{CODE.min}</c>, <c>{CODE.max}</c>,
/// <c>{CODE.median}</c>, <c>{CODE.target}</c>. Braces are read as in a county's texts (<see cref="TemplateScanner"/>).
/// </summary>
public sealed partial class RegionTemplate
{
    public static readonly IReadOnlyList<string> RegionKeys =
        ["region", "year", "counties", "submitted", "approved", "returned", "not_submitted", "overdue", "overdue_names", "deadline", "failing_counties",
         "included", "not_included", "not_included_names", "drafts_included", "evidence_files", "returns", "rectification_due"];

    public static readonly IReadOnlyList<string> IndicatorKeys = ["failing", "failing_names", "passing", "min", "max", "median", "target"];

    private readonly IReadOnlyList<(string Text, bool IsPlaceholder)> _tokens;

    private RegionTemplate(IReadOnlyList<(string, bool)> tokens) => _tokens = tokens;

    /// <summary>Parses and checks a text against the scheme; the errors are what its author reads on save.</summary>
    public static (RegionTemplate? Template, IReadOnlyList<string> Errors) Parse(string text, Scheme scheme)
    {
        var (tokens, scanErrors) = TemplateScanner.Scan(text);
        var errors = scanErrors.ToList();
        foreach (var token in tokens.Where(t => t.IsPlaceholder))
        {
            if (RegionKeys.Contains(token.Text)) continue;
            var indicator = Indicator().Match(token.Text);
            if (!indicator.Success)
                errors.Add($"占位符 “{{{token.Text}}}” 格式不正确，应如 {{counties}}、{{A10.03.failing}} 或 {{A10.03.median}}（可用的写法见页面下方说明）");
            else if (scheme.FindField(indicator.Groups["code"].Value) is not { } field)
                errors.Add($"占位符 {{{token.Text}}} 中的指标代码 {indicator.Groups["code"].Value} 在方案 {scheme.Code} 中不存在，请检查代码");
            else if (!field.IsJudged)
                errors.Add($"占位符 {{{token.Text}}}：{field.Code} {field.NameZh} 不是评价指标（没有目标值），不能汇总达标情况");
        }

        return errors.Count == 0 ? (new RegionTemplate(tokens.Select(t => (t.Text, t.IsPlaceholder)).ToList()), []) : (null, errors);
    }

    /// <summary>A text checked on save; one that no longer parses (the scheme changed) prints as written rather than being lost.</summary>
    public static RenderedText RenderOrLiteral(string text, RegionFacts facts) =>
        Parse(text, facts.Scheme).Template is { } template ? template.Render(facts) : new RenderedText([new TextRun(text, TextRunKind.Literal, null)]);

    public RenderedText Render(RegionFacts facts) =>
        new(_tokens.Select(t => t.IsPlaceholder ? Fill(t.Text, facts) : new TextRun(t.Text, TextRunKind.Literal, null)).ToList());

    private static TextRun Fill(string key, RegionFacts facts)
    {
        static TextRun Figure(string text, string? code = null) => new(text, TextRunKind.Figure, code);
        static string Names(IEnumerable<RollupCounty> counties) => counties.Any() ? string.Join("、", counties.Select(c => c.Name)) : "无";

        switch (key)
        {
            case "region": return Figure(facts.Region);
            case "year": return Figure(facts.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            case "counties": return Count(facts.Counties.Count);
            case "submitted": return Count(facts.Count(CountyState.Submitted, CountyState.Approved));
            case "approved": return Count(facts.Count(CountyState.Approved));
            case "returned": return Count(facts.Count(CountyState.Returned));
            case "not_submitted": return Count(facts.Count(CountyState.NotStarted, CountyState.Draft));
            case "overdue": return Count(facts.Counties.Count(c => c.Overdue));
            case "overdue_names": return Figure(Names(facts.Counties.Where(c => c.Overdue)));
            case "deadline": return facts.Deadline is { } due ? Figure(ChinaTime.Date(due)) : new TextRun(TextTemplate.Gap, TextRunKind.Gap, "deadline");
            case "failing_counties": return Count(facts.Included.Count(c => c.Summary?.FailingCount > 0));
            case "included": return Count(facts.Included.Count);
            case "not_included": return Count(facts.Excluded.Count);
            case "not_included_names": return Figure(Names(facts.Excluded));
            case "drafts_included": return Count(facts.IncludedDrafts.Count);
            case "evidence_files": return Count(facts.Process.EvidenceFiles);
            case "returns": return Count(facts.Process.Returns);
            case "rectification_due":
                return facts.RectificationDue is { } by ? Figure(ChinaTime.Date(by)) : new TextRun(TextTemplate.Gap, TextRunKind.Gap, "rectification_due");
        }

        var match = Indicator().Match(key);
        var code = match.Groups["code"].Value;
        var field = facts.Scheme.FindField(code)!;
        string Number(decimal value) => DisplayFormat.Compact(value, field.Precision);
        var values = facts.ValuesOf(code);
        return match.Groups["key"].Value switch
        {
            "failing" => Figure(facts.FailingIn(code).Count.ToString(System.Globalization.CultureInfo.InvariantCulture), code),
            "failing_names" => Figure(Names(facts.FailingIn(code)), code),
            "passing" => Figure(facts.Evaluated.Count(c => c.ValueOf(code) is not null && !c.Fails(code)).ToString(System.Globalization.CultureInfo.InvariantCulture), code),
            "target" => Figure(field.Threshold!.ValueText, code),
            "min" when values.Count > 0 => Figure(Number(values[0].Value), code),
            "max" when values.Count > 0 => Figure(Number(values[^1].Value), code),
            "median" when facts.Median(code) is { } median => Figure(Number(median), code),
            _ => new TextRun(TextTemplate.Gap, TextRunKind.Gap, code), // no county has a value yet: a visible gap
        };

        static TextRun Count(int n) => new(n.ToString(System.Globalization.CultureInfo.InvariantCulture), TextRunKind.Figure, null);
    }

    [GeneratedRegex(@"^(?<code>[AB][0-9]{2}(\.[0-9A-Za-z]+)+?)\.(?<key>failing_names|failing|passing|min|max|median|target)$")]
    private static partial Regex Indicator();
}
