using System.Text.Json;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Core.Texts;

namespace EduDuty.Core.Reports;

public sealed record ReportTextsResult(ReportTexts? Texts, IReadOnlyList<string> Errors)
{
    public bool IsValid => Texts is not null;
}

/// <summary>
/// Reads a texts file (the CLI's <c>--texts</c>, a county's texts export) and checks every placeholder against the scheme:
/// an unknown code is an error, never a silent blank.
/// </summary>
public static class ReportTextsReader
{
    public static ReportTextsResult Read(string json, Scheme scheme)
    {
        var (document, problem) = JsonInput.Parse(json);
        if (document is null) return new ReportTextsResult(null, [$"文字文件：{problem}"]);

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new ReportTextsResult(null, ["文字文件应为一个 JSON 对象"]);
            var errors = new List<string>();
            var texts = new ReportTexts
            {
                Issuer = String(root, "issuer", errors),
                Title = String(root, "title", errors),
                Addressee = String(root, "addressee", errors),
                Date = Date(root, errors),
                Intro = String(root, "intro", errors),
                Basic = Strings(root, "basic", errors),
                Areas = Areas(root, scheme, errors),
                ProblemsLead = String(root, "problems_lead", errors),
                Problems = Problems(root, scheme, errors),
                PlansLead = String(root, "plans_lead", errors),
                Plans = Plans(root, errors),
            };
            errors.AddRange(Check(texts, scheme));
            return errors.Count == 0 ? new ReportTextsResult(texts, []) : new ReportTextsResult(null, errors);
        }
    }

    /// <summary>Every placeholder problem in the texts, each saying where it is.</summary>
    public static IReadOnlyList<string> Check(ReportTexts texts, Scheme scheme)
    {
        var errors = new List<string>();
        void Text(string where, string? text)
        {
            if (text is null) return;
            errors.AddRange(TextTemplate.Parse(text, scheme).Errors.Select(e => $"{where}：{e}"));
        }

        Text("标题", texts.Title);
        Text("引言", texts.Intro);
        foreach (var p in texts.Basic ?? []) Text("基本情况", p);
        foreach (var (key, paragraphs) in texts.Areas ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            foreach (var p in paragraphs) Text(scheme.FindArea(key)?.NameZh ?? key, p);
        }

        Text("存在问题引导语", texts.ProblemsLead);
        foreach (var (problem, i) in (texts.Problems ?? []).Select((p, i) => (p, i + 1)))
        {
            Text($"问题{i}标题", problem.Heading);
            Text($"问题{i}改进措施", problem.Measures);
        }

        Text("下一步引导语", texts.PlansLead);
        foreach (var (plan, i) in (texts.Plans ?? []).Select((p, i) => (p, i + 1)))
        {
            Text($"下一步工作{i}标题", plan.Heading);
            Text($"下一步工作{i}", plan.Text);
        }

        return errors;
    }

    private static string? String(JsonElement root, string name, List<string> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add($"{name} 应为文本");
        return null;
    }

    private static DateOnly? Date(JsonElement root, List<string> errors)
    {
        var text = String(root, "date", errors);
        if (text is null) return null;
        if (ChinaTime.ParseIsoDate(text) is { } date) return date;
        errors.Add($"date “{text}” 应为 2021-11-10 这样的日期");
        return null;
    }

    private static List<string>? Strings(JsonElement root, string name, List<string> errors)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            errors.Add($"{name} 应为文本段落的数组");
            return null;
        }

        return value.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static Dictionary<string, IReadOnlyList<string>>? Areas(JsonElement root, Scheme scheme, List<string> errors)
    {
        if (!root.TryGetProperty("areas", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add("areas 应为对象：领域代码 → 段落数组");
            return null;
        }

        var areas = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var area in value.EnumerateObject())
        {
            if (scheme.FindArea(area.Name) is null) errors.Add($"areas 中的领域代码 {area.Name} 在方案 {scheme.Code} 中不存在");
            else if (area.Value.ValueKind != JsonValueKind.Array || area.Value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
                errors.Add($"areas.{area.Name} 应为文本段落的数组");
            else areas[area.Name] = area.Value.EnumerateArray().Select(e => e.GetString()!).ToList();
        }

        return areas;
    }

    private static List<ProblemText>? Problems(JsonElement root, Scheme scheme, List<string> errors)
    {
        if (!root.TryGetProperty("problems", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add("problems 应为数组");
            return null;
        }

        var problems = new List<ProblemText>();
        foreach (var item in value.EnumerateArray())
        {
            var heading = item.ValueKind == JsonValueKind.Object ? String(item, "heading", errors) : null;
            if (heading is null)
            {
                errors.Add($"problems 第 {problems.Count + 1} 项缺少 heading（问题标题）");
                continue;
            }

            var codes = new List<string>();
            if (item.TryGetProperty("codes", out var c) && c.ValueKind == JsonValueKind.Array)
            {
                foreach (var code in c.EnumerateArray().Select(e => e.GetString() ?? string.Empty))
                {
                    if (scheme.FindField(code) is null) errors.Add($"问题“{heading}”关联的指标代码 {code} 不存在");
                    else codes.Add(code);
                }
            }

            problems.Add(new ProblemText(heading, String(item, "measures", errors) ?? string.Empty, codes));
        }

        return problems;
    }

    private static List<PlanText>? Plans(JsonElement root, List<string> errors)
    {
        if (!root.TryGetProperty("plans", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add("plans 应为数组");
            return null;
        }

        return value.EnumerateArray()
            .Select(p => new PlanText(String(p, "heading", errors) ?? string.Empty, String(p, "text", errors) ?? string.Empty))
            .ToList();
    }
}
