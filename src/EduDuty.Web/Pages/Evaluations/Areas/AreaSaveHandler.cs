using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Texts;
using EduDuty.Web.Infrastructure;
using EduDuty.Web.Pages.Evaluations.Workspace;

namespace EduDuty.Web.Pages.Evaluations.Areas;

public enum AreaSaveStatus { Saved, Invalid, Conflict, Forbidden, Locked }

public sealed record AreaSaveResult(
    AreaSaveStatus Status, int Saved, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<Conflict> Conflicts);

/// <summary>
/// Saves one area: checks every entry and the text, works out what the user changed, and writes only that.
/// Anything invalid: nothing is stored. Anything someone else changed meanwhile: nothing is stored, the conflicts come back.
/// </summary>
public sealed class AreaSaveHandler(FigureWriter writer, CurrentUser user, ILogger<AreaSaveHandler> logger)
{
    public const string NarrativeKey = "Narrative";
    public const int MaxNarrativeLength = 20000;

    private static readonly FigureEntryValidator Validator = new();

    public async Task<AreaSaveResult> SaveAsync(Workspace.Workspace workspace, SchemeArea area, AreaForm form, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return Refused(workspace);

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = Entries(area, form, errors);
        var narrative = form.Narrative is null ? null : AreaForm.NormalizeText(form.Narrative);
        if (narrative is not null && NarrativeProblem(narrative, workspace.Scheme) is { } problem) errors[NarrativeKey] = problem;
        if (errors.Count > 0) return new AreaSaveResult(AreaSaveStatus.Invalid, 0, errors, []);

        var changes = entries
            .Where(e => e.Entry.ToValue()?.ToInvariantString() != NullIfEmpty(form.Base.GetValueOrDefault(e.Entry.Field.Code)))
            .Select(e => new FigureChange(e.Entry.Field.Code, e.Entry.ToValue(), form.Versions.GetValueOrDefault(e.Entry.Field.Code)))
            .ToList();
        var narrativeChange = narrative is not null && narrative != AreaForm.NormalizeText(form.NarrativeBase)
            ? new NarrativeChange(area.Key, narrative, form.NarrativeVersion)
            : null;
        if (changes.Count == 0 && narrativeChange is null) return new AreaSaveResult(AreaSaveStatus.Saved, 0, Empty, []);

        var outcome = await writer.WriteAsync(workspace.Id, changes, narrativeChange, user.Id, user.DisplayName, "表单", cancellationToken);
        if (outcome.Locked) return Refused(workspace);
        return outcome.HasConflicts
            ? new AreaSaveResult(AreaSaveStatus.Conflict, 0, Empty, outcome.Conflicts)
            : new AreaSaveResult(AreaSaveStatus.Saved, outcome.Saved, Empty, []);
    }

    // County users on a locked evaluation get the lock explained; anyone else simply may not change county data.
    private AreaSaveResult Refused(Workspace.Workspace workspace)
    {
        logger.LogWarning("Refused change of evaluation {Id} ({Status}) by {User}", workspace.Id, workspace.Status, user.Id);
        return new AreaSaveResult(user.IsCountyUser ? AreaSaveStatus.Locked : AreaSaveStatus.Forbidden, 0, Empty, []);
    }

    /// <summary>The area's results with the posted valid values in place of the stored ones, for live recomputation.</summary>
    public static (EvaluationResult Result, IReadOnlyDictionary<string, string> Errors) Preview(Workspace.Workspace workspace, SchemeArea area, AreaForm form)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new Dictionary<string, FieldValue>(workspace.Values, StringComparer.Ordinal);
        foreach (var (entry, _) in Entries(area, form, errors))
        {
            if (entry.ToValue() is { } value) values[entry.Field.Code] = value;
            else values.Remove(entry.Field.Code);
        }

        return (RuleEngine.For(workspace.Scheme).Evaluate(values), errors);
    }

    // Only fields of this area that the form actually posted; anything else in the form is ignored.
    private static List<(FigureEntry Entry, bool Valid)> Entries(SchemeArea area, AreaForm form, Dictionary<string, string> errors)
    {
        var entries = new List<(FigureEntry, bool)>();
        foreach (var field in area.Fields.Where(f => f.Kind.IsInput() && form.Values.ContainsKey(f.Code)))
        {
            var entry = new FigureEntry(field, form.Values[field.Code]);
            var result = Validator.Validate(entry);
            if (result.IsValid) entries.Add((entry, true));
            else errors[field.Code] = result.Errors[0].ErrorMessage;
        }

        return entries;
    }

    private static string? NarrativeProblem(string text, Scheme scheme)
    {
        if (text.Length > MaxNarrativeLength) return $"文字过长：最多 {MaxNarrativeLength} 个字符，当前 {text.Length} 个，请精简";
        if (FigureText.HasControlCharacters(text)) return "文字中含有不可见的控制字符，请删除后重新保存";
        var parsed = TextTemplate.Parse(text, scheme);
        return parsed.IsValid ? null : string.Join("；", parsed.Errors);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
