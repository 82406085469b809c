using System.Text;
using System.Text.RegularExpressions;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Texts;

/// <summary>
/// Officials' prose with live figures (docs/report-texts-format.md): <c>{CODE}</c>, <c>{CODE.abs}</c>,
/// <c>{CODE.target}</c>, <c>{CODE.nonzero}</c>, <c>{CODE?if pass:otherwise}</c>, <c>{CODE+?if ≥ 0:if negative}</c>, and <c>{{</c> <c>}}</c> for braces.
/// A template is parsed once; rendering against an evaluation fills the figures and marks each run's origin.
/// </summary>
public sealed partial class TextTemplate
{
    /// <summary>What a missing figure renders as: a visible gap, never a silent blank.</summary>
    public const string Gap = "＿＿";

    /// <summary>What a judgment on a value not entered yet shows in a preview (a report leaves its clause out).</summary>
    public const string Unknown = "（待填报）";

    private TextTemplate(string source, IReadOnlyList<Segment> segments)
    {
        Source = source;
        Segments = segments;
    }

    public string Source { get; }

    internal IReadOnlyList<Segment> Segments { get; }

    public IEnumerable<string> Codes => Segments.OfType<Placeholder>().Select(p => p.Code).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// A text as typed with a Chinese input method: full-width braces ｛A10.03｝ become placeholders {A10.03}, and inside a
    /// placeholder the full-width ？：．＋ become ? : . + ({A10.03？完成了：未完成}); between placeholders, half-width
    /// punctuation in Chinese text becomes full-width (<see cref="Text.ChinesePunctuation"/>: "公里,下辖" → "公里，下辖").
    /// Every save of a text with placeholders goes through here, so a full-width placeholder is never stored as literal
    /// text, and the page shows the saved text as it will print.
    /// </summary>
    public static string FromTyped(string text)
    {
        var builder = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var typed in text)
        {
            var c = typed switch { '｛' => '{', '｝' => '}', _ => typed };
            if (c == '{') depth++;
            else if (c == '}') depth = Math.Max(0, depth - 1);
            else if (depth > 0) c = c switch { '？' => '?', '：' => ':', '．' => '.', '＋' => '+', _ => c };
            builder.Append(c);
        }

        return Text.ChinesePunctuation.Normalize(builder.ToString(), skipPlaceholders: true);
    }

    /// <summary>Parses <paramref name="text"/>; syntax problems come back in <see cref="TemplateParseResult.Errors"/>.</summary>
    public static TemplateParseResult Parse(string text)
    {
        var (tokens, errors) = TemplateScanner.Scan(text);
        var segments = new List<Segment>();
        var problems = errors.ToList();
        foreach (var token in tokens)
        {
            if (!token.IsPlaceholder) segments.Add(new Literal(token.Text));
            else if (ParsePlaceholder(token.Text) is { } placeholder) segments.Add(placeholder);
            else problems.Add($"占位符 “{{{token.Text}}}” 格式不正确，应如 {{A10.03}}、{{A10.03.target}} 或 {{A10.03?完成了:未完成}}");
        }

        return problems.Count == 0 ? new TemplateParseResult(new TextTemplate(text, segments), []) : new TemplateParseResult(null, problems);
    }

    /// <summary>Parses and checks every code against the scheme: the messages an author sees on save.</summary>
    public static TemplateParseResult Parse(string text, Scheme scheme)
    {
        var parsed = Parse(text);
        if (parsed.Template is not { } template) return parsed;
        var errors = template.Check(scheme);
        return errors.Count == 0 ? parsed : new TemplateParseResult(null, errors);
    }

    public IReadOnlyList<string> Check(Scheme scheme)
    {
        var errors = new List<string>();
        foreach (var p in Segments.OfType<Placeholder>())
        {
            var field = scheme.FindField(p.Code);
            if (field is null) errors.Add($"占位符 {{{p.Text}}} 中的指标代码 {p.Code} 在方案 {scheme.Code} 中不存在，请检查代码");
            else if (p.Mode is PlaceholderMode.Target or PlaceholderMode.ByJudgment && field.Threshold is null)
                errors.Add($"占位符 {{{p.Text}}}：{p.Code} {field.NameZh} 没有目标值，不能用 {(p.Mode == PlaceholderMode.Target ? ".target" : "?…:…")}");
            else if (p.Mode is PlaceholderMode.Abs or PlaceholderMode.BySign or PlaceholderMode.NonZero && !field.Kind.IsNumeric())
                errors.Add($"占位符 {{{p.Text}}}：{p.Code} {field.NameZh} 不是数值，不能用 {p.Mode switch { PlaceholderMode.Abs => ".abs", PlaceholderMode.NonZero => ".nonzero", _ => "+?…:…" }}");
        }

        return errors;
    }

    public RenderedText Render(EvaluationResult evaluation)
    {
        var runs = new List<TextRun>(Segments.Count);
        foreach (var segment in Segments)
        {
            runs.Add(segment switch
            {
                Literal l => new TextRun(l.Text, TextRunKind.Literal, null),
                Placeholder p => p.Render(evaluation),
                _ => throw new InvalidOperationException(),
            });
        }

        return new RenderedText(runs);
    }

    private static Placeholder? ParsePlaceholder(string inner)
    {
        var choice = Choice().Match(inner);
        if (choice.Success)
        {
            var mode = choice.Groups["op"].Value == "+?" ? PlaceholderMode.BySign : PlaceholderMode.ByJudgment;
            return new Placeholder(inner, choice.Groups["code"].Value, mode, choice.Groups["a"].Value, choice.Groups["b"].Value);
        }

        var value = Value().Match(inner);
        if (!value.Success) return null;
        var suffix = value.Groups["suffix"].Value;
        var m = suffix switch
        {
            ".abs" => PlaceholderMode.Abs,
            ".target" => PlaceholderMode.Target,
            ".nonzero" => PlaceholderMode.NonZero,
            _ => PlaceholderMode.Value,
        };
        return new Placeholder(inner, value.Groups["code"].Value, m, null, null);
    }

    [GeneratedRegex(@"^(?<code>[AB][0-9]{2}(\.[0-9A-Za-z]+)+?)(?<suffix>\.abs|\.target|\.nonzero)?$")]
    private static partial Regex Value();

    [GeneratedRegex(@"^(?<code>[AB][0-9]{2}(\.[0-9A-Za-z]+)+)(?<op>\+?\?)(?<a>[^:]*):(?<b>.*)$", RegexOptions.Singleline)]
    private static partial Regex Choice();

    internal abstract record Segment;

    internal sealed record Literal(string Text) : Segment;

    internal enum PlaceholderMode { Value, Abs, Target, NonZero, ByJudgment, BySign }

    internal sealed record Placeholder(string Text, string Code, PlaceholderMode Mode, string? IfYes, string? IfNo) : Segment
    {
        public TextRun Render(EvaluationResult evaluation)
        {
            var result = evaluation[Code];
            switch (Mode)
            {
                case PlaceholderMode.Target:
                    return new TextRun(result.Field.Threshold!.ValueText, result.HasValue ? TextRunKind.Figure : TextRunKind.UnknownTarget, Code);
                case PlaceholderMode.ByJudgment:
                    return result.Status switch
                    {
                        JudgmentStatus.Pass => new TextRun(IfYes!, TextRunKind.Choice, Code),
                        JudgmentStatus.Fail => new TextRun(IfNo!, TextRunKind.Choice, Code),
                        _ => new TextRun(Unknown, TextRunKind.Unknown, Code), // not entered or not computable: no verdict either way
                    };
                case PlaceholderMode.BySign:
                    return result.Value is { } sv ? new TextRun(sv.Number >= 0 ? IfYes! : IfNo!, TextRunKind.Choice, Code) : new TextRun(Unknown, TextRunKind.Unknown, Code);
                case PlaceholderMode.NonZero when result.DisplayNumber == 0:
                    return new TextRun(result.DisplayText, TextRunKind.Zero, Code);
                case PlaceholderMode.Abs:
                    return result.DisplayNumber is { } n ? new TextRun(DisplayFormat.Compact(Math.Abs(n), result.Field.Precision), TextRunKind.Figure, Code) : new TextRun(Gap, TextRunKind.Gap, Code);
                default:
                    return result.HasValue ? new TextRun(result.DisplayText, TextRunKind.Figure, Code) : new TextRun(Gap, TextRunKind.Gap, Code);
            }
        }
    }
}

public sealed record TemplateParseResult(TextTemplate? Template, IReadOnlyList<string> Errors)
{
    public bool IsValid => Template is not null;
}
