using EduDuty.Core.Messaging;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Evaluations.Figures;

/// <summary>
/// What one autosave left stored: the target (a figure's code or the area's key), its value as stored (canonical text, null
/// when empty), the version the next change of it is based on, and when it was saved (null when nothing needed saving).
/// </summary>
public sealed record FieldSaved(string Target, string? Value, int Version, DateTime? SavedAtUtc);

/// <summary>
/// Saves one figure, or the area's text, as the area page sends it when a field is left or while a text is typed (issue 27).
/// The same rules as <see cref="SaveArea"/> (its entry checks and text rule) and the same guarded write (<see cref="FigureWriter"/>:
/// the claim, the version of the one value, the hard plausibility rules, one audit entry for the changed value); a form that
/// names no target or more than one, or a field that is not an entered field of this area, is invalid and changes nothing.
/// </summary>
public sealed class AutosaveField(FigureWriter writer)
{
    public async Task<Outcome<FieldSaved>> HandleAsync(Workspace workspace, SchemeArea area, AreaForm form, Actor actor, CancellationToken cancellationToken)
    {
        if (!workspace.FigureEdit.Allowed) return Outcome.Refused(workspace.FigureEdit.Refusal!);
        if (form.Values.Count + (form.Narrative is null ? 0 : 1) != 1) return Outcome.Invalid(Messages.AutosaveOneTarget);
        return form.Narrative is null
            ? await FigureAsync(workspace, area, form, actor, cancellationToken)
            : await NarrativeAsync(workspace, area, form, actor, cancellationToken);
    }

    /// <summary>
    /// One figure from a page whose fields cross areas (a department's page, issue 30): the area is the field's own; a form
    /// that names a text, no figure or more than one, or a code that is not an entered field, is invalid and changes nothing.
    /// Whose field it is, and whether it may still change, the write decides (<see cref="FigureWriter"/>).
    /// </summary>
    public Task<Outcome<FieldSaved>> FigureAsync(Workspace workspace, AreaForm form, Actor actor, CancellationToken cancellationToken)
    {
        if (form.Narrative is not null || form.Values.Count != 1) return Task.FromResult<Outcome<FieldSaved>>(Outcome.Invalid(Messages.AutosaveOneTarget));
        var code = form.Values.Keys.Single();
        if (workspace.Scheme.FindField(code) is not { } field || !field.Kind.IsInput() || workspace.Scheme.FindArea(field.AreaKey) is not { } area)
            return Task.FromResult<Outcome<FieldSaved>>(Outcome.Invalid(Messages.AutosaveUnknownField(code.Length > 40 ? code[..40] + "…" : code)));
        return HandleAsync(workspace, area, form, actor, cancellationToken);
    }

    private async Task<Outcome<FieldSaved>> FigureAsync(Workspace workspace, SchemeArea area, AreaForm form, Actor actor, CancellationToken cancellationToken)
    {
        var code = form.Values.Keys.Single();
        if (!area.Fields.Any(f => f.Code == code && f.Kind.IsInput())) return Outcome.Invalid(Messages.AutosaveUnknownField(code.Length > 40 ? code[..40] + "…" : code));

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var entry = SaveArea.Entries(area, form, errors).SingleOrDefault();
        if (entry is null) return Outcome.Invalid(errors.Select(e => new FieldProblem(e.Key, e.Value)).ToList());

        var value = entry.ToValue()?.ToInvariantString();
        var version = form.Versions.GetValueOrDefault(code);
        if (value == SaveArea.NullIfEmpty(form.Base.GetValueOrDefault(code))) return Outcome.Done(new FieldSaved(code, value, version, null));

        var written = await writer.WriteAsync(workspace, actor, [new FigureChange(code, entry.ToValue(), version)], null, SourceOf(actor), cancellationToken);
        return Answer(written, code, value, version);
    }

    private async Task<Outcome<FieldSaved>> NarrativeAsync(Workspace workspace, SchemeArea area, AreaForm form, Actor actor, CancellationToken cancellationToken)
    {
        var text = AreaForm.NormalizeText(form.Narrative);
        if (SaveArea.NarrativeProblem(text, workspace.Scheme) is { } problem) return Outcome.Invalid(SaveArea.NarrativeKey, problem);
        if (text == AreaForm.NormalizeText(form.NarrativeBase)) return Outcome.Done(new FieldSaved(area.Key, text, form.NarrativeVersion, null));

        var written = await writer.WriteAsync(workspace, actor, [], new NarrativeChange(area.Key, text, form.NarrativeVersion), AuditSource.Form, cancellationToken);
        return Answer(written, area.Key, text, form.NarrativeVersion);
    }

    /// <summary>How the audit names a save from a page: 表单, or 部门填报 for a department user's own page (issue 30).</summary>
    public static AuditSource SourceOf(Actor actor) => actor.IsDepartmentUser ? AuditSource.Department : AuditSource.Form;

    private static Outcome<FieldSaved> Answer(Outcome<FiguresWritten> written, string target, string? value, int basedOn)
    {
        if (!written.IsDone) return new Failure(written.Kind, written.Reason, written.Problems, written.Conflicts);
        var stored = written.Value!;
        var saved = new FieldSaved(target, value, stored.Versions.GetValueOrDefault(target, basedOn), stored.SavedAtUtc);
        return Outcome.Done(saved, saved.SavedAtUtc is { } at ? $"已保存（{ChinaTime.DateTimeOf(at)}）" : null);
    }
}
