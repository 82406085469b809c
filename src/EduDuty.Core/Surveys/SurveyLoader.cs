using System.Text.Json;
using System.Text.RegularExpressions;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;

namespace EduDuty.Core.Surveys;

/// <summary>A survey file read: the definition, or every reason it is refused (each naming where, in Chinese).</summary>
public sealed record SurveyLoadResult(SurveyDefinition? Definition, IReadOnlyList<SchemeError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;
}

/// <summary>
/// Reads a survey file (docs/survey-format.md, format <c>eduduty-survey/1</c>) and checks its shape: codes, groups, kinds,
/// options, lengths and bounds. Whether a named scheme field exists and takes a percentage is checked against the scheme by
/// <see cref="SurveyFields.Check"/>, which needs the scheme.
/// </summary>
public static partial class SurveyLoader
{
    public const string Format = "eduduty-survey/1";
    public const int MaxQuestions = 60;
    public const int MaxThemes = 10;
    public const int MaxOptions = 12;
    public const int MaxQuestionText = 200;
    public const int MaxOptionText = 60;
    public const int MaxTitle = 80;
    public const int MaxNotice = 1000;
    public const int MaxOpenLength = 1000;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")]
    private static partial Regex CodePattern();

    public static SurveyLoadResult Load(string json)
    {
        var errors = new List<SchemeError>();
        var (document, problem) = JsonInput.Parse(json);
        if (document is null) return new SurveyLoadResult(null, [new SchemeError("文件", problem!)]);
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new SurveyLoadResult(null, [new SchemeError("文件", "应为一个 JSON 对象（以 { 开始）")]);
            if (Text(root, "format") != Format) errors.Add(new SchemeError("format", $"应为 \"{Format}\""));
            var code = Text(root, "code");
            if (code is null || !CodePattern().IsMatch(code)) errors.Add(new SchemeError("code", "问卷代码必填：1 至 40 个字母、数字、-、_ 或 .，以字母或数字开头"));
            var title = Bounded(root, "title", "title", MaxTitle, required: true, errors);
            int? year = root.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var yv) ? yv : null;
            if (root.TryGetProperty("year", out var yearElement) && yearElement.ValueKind != JsonValueKind.Null && year is not (>= 2000 and <= 2100))
                errors.Add(new SchemeError("year", "年度应为 2000 至 2100 之间的整数，或不写"));
            var schemeCode = Text(root, "scheme");
            var example = root.TryGetProperty("example", out var ex) && ex.ValueKind == JsonValueKind.True;
            var notice = Bounded(root, "notice", "notice", MaxNotice, required: true, errors);
            var questionnaires = new List<Questionnaire>();
            if (!root.TryGetProperty("questionnaires", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                errors.Add(new SchemeError("questionnaires", "至少需要一份问卷（社会人士、教师或学生）"));
            else
            {
                var index = 0;
                foreach (var element in list.EnumerateArray())
                {
                    index++;
                    if (ReadQuestionnaire(element, $"questionnaires[{index}]", errors) is { } q)
                    {
                        if (questionnaires.Any(x => x.Group == q.Group)) errors.Add(new SchemeError($"questionnaires[{index}]", $"“{q.Group.Name()}”的问卷重复，每个群体只能有一份"));
                        else questionnaires.Add(q);
                    }
                }
            }

            if (errors.Count > 0) return new SurveyLoadResult(null, errors);
            return new SurveyLoadResult(new SurveyDefinition(code!, title!, year, schemeCode, example, notice!, questionnaires), []);
        }
    }

    private static Questionnaire? ReadQuestionnaire(JsonElement element, string at, List<SchemeError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object) { errors.Add(new SchemeError(at, "应为一个对象")); return null; }
        var group = SurveyGroups.Parse(Text(element, "group"));
        if (group is null) { errors.Add(new SchemeError($"{at}.group", "应为 public（社会人士）、teacher（教师）或 student（学生）")); return null; }
        var where = $"{at}（{group.Value.Name()}）";
        var title = Bounded(element, "title", $"{where}.title", MaxTitle, required: true, errors);
        var intro = Bounded(element, "intro", $"{where}.intro", MaxNotice, required: false, errors);
        var field = Text(element, "field");
        var themes = new List<SurveyTheme>();
        var number = 0;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if (!element.TryGetProperty("themes", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > MaxThemes)
        {
            errors.Add(new SchemeError($"{where}.themes", $"应有 1 至 {MaxThemes} 个主题（如教育公平、教育质量、政府治理、总体评价）"));
            return null;
        }

        var themeKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var theme in list.EnumerateArray())
        {
            var themeAt = $"{where}.themes[{themeKeys.Count + 1}]";
            var key = Text(theme, "key");
            var name = Bounded(theme, "name", $"{themeAt}.name", 20, required: true, errors);
            if (key is null || !CodePattern().IsMatch(key) || !themeKeys.Add(key)) errors.Add(new SchemeError($"{themeAt}.key", "主题代码必填、不能重复（字母、数字、-、_）"));
            var questions = new List<SurveyQuestion>();
            if (!theme.TryGetProperty("questions", out var qs) || qs.ValueKind != JsonValueKind.Array || qs.GetArrayLength() == 0)
            {
                errors.Add(new SchemeError($"{themeAt}.questions", "每个主题至少需要一道题"));
                continue;
            }

            foreach (var q in qs.EnumerateArray())
            {
                number++;
                if (number > MaxQuestions) { errors.Add(new SchemeError(where, $"一份问卷最多 {MaxQuestions} 道题")); return null; }
                if (ReadQuestion(q, number, $"{where} 第 {number} 题", errors) is { } question)
                {
                    if (!codes.Add(question.Code)) errors.Add(new SchemeError($"{where} 第 {number} 题", $"题号“{question.Code}”重复"));
                    questions.Add(question);
                }
            }

            themes.Add(new SurveyTheme(key ?? string.Empty, name ?? string.Empty, questions));
        }

        return new Questionnaire(group.Value, title ?? string.Empty, intro, themes) { Field = field };
    }

    private static SurveyQuestion? ReadQuestion(JsonElement q, int number, string at, List<SchemeError> errors)
    {
        if (q.ValueKind != JsonValueKind.Object) { errors.Add(new SchemeError(at, "应为一个对象")); return null; }
        var code = Text(q, "code");
        if (code is null || !CodePattern().IsMatch(code)) errors.Add(new SchemeError($"{at}.code", "题号必填：字母、数字、-、_，最多 40 个字符"));
        var text = Bounded(q, "text", $"{at}.text", MaxQuestionText, required: true, errors);
        QuestionKind? kind = Text(q, "kind") switch
        {
            "single" => QuestionKind.Single,
            "multiple" => QuestionKind.Multiple,
            "scale" => QuestionKind.Scale,
            "open" => QuestionKind.Open,
            _ => null,
        };
        if (kind is null) { errors.Add(new SchemeError($"{at}.kind", "应为 single（单选）、multiple（多选）、scale（五级量表）或 open（开放题）")); return null; }
        var options = new List<string>();
        if (kind is QuestionKind.Single or QuestionKind.Multiple)
        {
            if (!q.TryGetProperty("options", out var os) || os.ValueKind != JsonValueKind.Array || os.GetArrayLength() is < 2 or > MaxOptions)
                errors.Add(new SchemeError($"{at}.options", $"单选题和多选题应有 2 至 {MaxOptions} 个选项"));
            else
            {
                foreach (var o in os.EnumerateArray())
                {
                    var option = o.ValueKind == JsonValueKind.String ? o.GetString()?.Trim() : null;
                    if (string.IsNullOrWhiteSpace(option) || option.Length > MaxOptionText || !PlainText.IsSingleLine(option)) errors.Add(new SchemeError($"{at}.options[{options.Count + 1}]", $"选项应为 1 至 {MaxOptionText} 个字的文字"));
                    else if (options.Contains(option)) errors.Add(new SchemeError($"{at}.options[{options.Count + 1}]", $"选项“{option}”重复"));
                    options.Add(option ?? string.Empty);
                }
            }
        }
        else if (q.TryGetProperty("options", out _))
            errors.Add(new SchemeError($"{at}.options", "五级量表和开放题不写选项（量表固定为 满意、比较满意、一般、不太满意、不满意、不了解）"));

        int? maxChoices = q.TryGetProperty("maxChoices", out var mc) && mc.TryGetInt32(out var m) ? m : null;
        if (maxChoices is { } max && (kind != QuestionKind.Multiple || max < 1 || max > options.Count))
            errors.Add(new SchemeError($"{at}.maxChoices", "只有多选题可以限定最多选几项，且不能超过选项数"));
        var maxLength = q.TryGetProperty("maxLength", out var ml) && ml.TryGetInt32(out var l) ? l : 500;
        if (maxLength is < 1 or > MaxOpenLength) errors.Add(new SchemeError($"{at}.maxLength", $"开放题字数上限应为 1 至 {MaxOpenLength}"));
        var required = q.TryGetProperty("required", out var r) ? r.ValueKind == JsonValueKind.True : kind != QuestionKind.Open;
        var field = Text(q, "field");
        if (field is not null && kind != QuestionKind.Scale) errors.Add(new SchemeError($"{at}.field", "只有五级量表题的满意度可以填入方案指标"));
        return new SurveyQuestion(number, code ?? string.Empty, text ?? string.Empty, kind.Value, options, required)
        {
            MaxChoices = maxChoices, MaxLength = maxLength, Field = field,
        };
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()?.Trim() is { Length: > 0 } text ? text : null
            : null;

    private static string? Bounded(JsonElement element, string name, string at, int max, bool required, List<SchemeError> errors)
    {
        var text = Text(element, name);
        if (text is null && required) errors.Add(new SchemeError(at, "必填"));
        else if (text is not null && text.Length > max) errors.Add(new SchemeError(at, $"最多 {max} 个字（现有 {text.Length} 个）"));
        else if (PlainText.HasControlCharacters(text)) errors.Add(new SchemeError(at, "含有不可见的控制字符，请删除后重试"));
        return text;
    }
}

/// <summary>The survey's scheme fields checked against the scheme they fill: each must be an entered number field in percent.</summary>
public static class SurveyFields
{
    public static IReadOnlyList<SchemeError> Check(SurveyDefinition definition, Scheme scheme)
    {
        var errors = new List<SchemeError>();
        var fields = scheme.Areas.SelectMany(a => a.Fields).ToDictionary(f => f.Code, StringComparer.Ordinal);
        foreach (var source in definition.FieldSources)
        {
            var at = source.Question is { } n ? $"{source.Group.Name()}问卷第 {n} 题的 field" : $"{source.Group.Name()}问卷的 field";
            if (!fields.TryGetValue(source.FieldCode, out var field)) errors.Add(new SchemeError(at, $"方案 {scheme.Code} 中没有指标“{source.FieldCode}”"));
            else if (!field.Kind.IsInput() || field.Unit != "%") errors.Add(new SchemeError(at, $"指标“{source.FieldCode}”应为填报的百分比（%）数据项，满意度才能填入"));
        }

        foreach (var twice in definition.FieldSources.GroupBy(s => s.FieldCode).Where(g => g.Count() > 1))
            errors.Add(new SchemeError("field", $"指标“{twice.Key}”被多处填入，每个指标只能来自一处"));
        return errors;
    }
}
