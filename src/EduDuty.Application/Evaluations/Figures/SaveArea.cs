using EduDuty.Core.Figures;
using EduDuty.Core.Text;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Texts;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Evaluations.Figures;

/// <summary>
/// Saves one area: checks every entry and the text, works out what the user changed, and writes only that.
/// Anything invalid: nothing is stored, each problem names its field (a figure's code, or <see cref="NarrativeKey"/>).
/// Anything someone else changed meanwhile: nothing is stored, the conflicts come back. Done says what was saved and when.
/// </summary>
public sealed class SaveArea(FigureWriter writer)
{
    public const string NarrativeKey = "Narrative";
    public const int MaxNarrativeLength = 20000;

    private static readonly FigureEntryValidator Validator = new();
    public async Task<Outcome<FiguresWritten>> HandleAsync(Workspace workspace, SchemeArea area, AreaForm form, Actor actor, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return Outcome.Refused(workspace.Edit.Refusal!);

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = Entries(area, form, errors);
        var narrative = form.Narrative is null ? null : AreaForm.NormalizeText(form.Narrative);
        if (narrative is not null && NarrativeProblem(narrative, workspace.Scheme) is { } problem) errors[NarrativeKey] = problem;
        if (errors.Count > 0) return Outcome.Invalid(errors.Select(e => new FieldProblem(e.Key, e.Value)).ToList());

        var changes = entries
            .Where(e => e.ToValue()?.ToInvariantString() != NullIfEmpty(form.Base.GetValueOrDefault(e.Field.Code)))
            .Select(e => new FigureChange(e.Field.Code, e.ToValue(), form.Versions.GetValueOrDefault(e.Field.Code)))
            .ToList();
        var narrativeChange = narrative is not null && narrative != AreaForm.NormalizeText(form.NarrativeBase)
            ? new NarrativeChange(area.Key, narrative, form.NarrativeVersion)
            : null;
        if (changes.Count == 0 && narrativeChange is null) return Nothing;

        var outcome = await writer.WriteAsync(workspace, actor, changes, narrativeChange, AuditSource.Form, cancellationToken);
        if (outcome is not { IsDone: true, Value: { Saved: > 0, SavedAtUtc: { } at } written }) return outcome.IsDone ? Nothing : outcome;
        return Outcome.Done(written, $"已保存 {written.Saved} 项修改。保存时间 {ChinaTime.DateTimeOf(at)}");
    }

    private static Outcome<FiguresWritten> Nothing => Outcome.Done(new FiguresWritten(0, null), "本领域没有尚未保存的修改：填写的内容已自动保存。");

    /// <summary>The area's results with the posted valid values in place of the stored ones, for live recomputation.</summary>
    public static (EvaluationResult Result, IReadOnlyDictionary<string, string> Errors) Preview(Workspace workspace, SchemeArea area, AreaForm form) =>
        Preview(workspace, area.Fields, form);

    /// <summary>
    /// The results with the posted valid values of <paramref name="fields"/> in place of the stored ones: the live recomputation
    /// of a page whose inputs cross areas (a department's page, issue 30).
    /// </summary>
    public static (EvaluationResult Result, IReadOnlyDictionary<string, string> Errors) Preview(Workspace workspace, IEnumerable<SchemeField> fields, AreaForm form)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, FieldValue>(workspace.Values, StringComparer.Ordinal);
        foreach (var entry in Entries(fields, form, errors))
        {
            if (entry.ToValue() is { } value) values[entry.Field.Code] = value;
            else values.Remove(entry.Field.Code);
        }

        foreach (var code in errors.Keys) values.Remove(code);
        return (RuleEngine.For(workspace.Scheme).Evaluate(values, errors.Keys.ToHashSet(StringComparer.Ordinal)), errors);
    }

    // Only fields of this area that the form actually posted, and only the valid ones; anything else in the form is ignored.
    internal static List<FigureEntry> Entries(SchemeArea area, AreaForm form, Dictionary<string, string> errors) => Entries(area.Fields, form, errors);

    /// <summary>The posted valid entries of <paramref name="fields"/> (entered fields only); each invalid one's problem by its code.</summary>
    internal static List<FigureEntry> Entries(IEnumerable<SchemeField> fields, AreaForm form, Dictionary<string, string> errors)
    {
        var entries = new List<FigureEntry>();
        foreach (var field in fields.Where(f => f.Kind.IsInput() && form.Values.ContainsKey(f.Code)))
        {
            var entry = new FigureEntry(field, form.Values[field.Code]);
            var result = Validator.Validate(entry);
            if (result.IsValid) entries.Add(entry);
            else errors[field.Code] = result.Errors[0].ErrorMessage;
        }

        return entries;
    }

    internal static string? NarrativeProblem(string text, Scheme scheme)
    {
        if (text.Length > MaxNarrativeLength) return $"文字过长：最多 {MaxNarrativeLength} 个字符，当前 {text.Length} 个，请精简";
        if (PlainText.HasControlCharacters(text)) return "文字中含有不可见的控制字符，请删除后重新保存";
        var parsed = TextTemplate.Parse(text, scheme);
        return parsed.IsValid ? null : string.Join("；", parsed.Errors);
    }

    internal static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
