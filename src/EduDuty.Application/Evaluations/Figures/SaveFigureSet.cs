using EduDuty.Core.Messaging;
using EduDuty.Core.Schemes;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Evaluations.Figures;

/// <summary>One figure of a set: its code, the value as a person or a system writes it (null or blank clears it), and the version it is based on.</summary>
public sealed record FigureSetEntry(string Code, string? Value, int? Version);

/// <summary>
/// Saves a set of figures across the areas of an evaluation in one write (the API's PUT of figures, issue 29): each entry is
/// checked by the area form's own rule (<see cref="SaveArea.Entries"/>, the one validator of an entered figure), a code that is
/// not an entered field of the scheme or is named twice is invalid, and the valid set goes through the guarded write
/// (<see cref="FigureWriter"/>: the claim, each figure's version, the hard plausibility rules, one audit entry per changed
/// figure), on the condition that the evaluation's figures are still at <paramref name="expectedVersion"/> when the claim is
/// held. Anything invalid, any figure moved, a version that is not current: nothing is stored. Done carries the data
/// warnings the changed figures bring up, as the form shows them.
/// </summary>
public sealed class SaveFigureSet(FigureWriter writer)
{
    /// <summary>At most this many figures in one set (a scheme has a few hundred entered fields).</summary>
    public const int MaxEntries = 2000;

    public async Task<Outcome<FiguresWritten>> HandleAsync(
        Workspace workspace, IReadOnlyList<FigureSetEntry> entries, long expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        if (!workspace.CanEdit) return Outcome.Refused(workspace.Edit.Refusal!);
        if (entries.Count == 0) return Outcome.Invalid(Messages.FiguresEmpty);
        if (entries.Count > MaxEntries) return Outcome.Invalid("fields", Messages.TooManyRows("一次提交的数据", "项", MaxEntries));

        var problems = new List<FieldProblem>();
        var forms = new Dictionary<SchemeArea, AreaForm>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            var code = entry.Code ?? string.Empty;
            var field = workspace.Scheme.FindField(code);
            if (field is null || !field.Kind.IsInput())
            {
                problems.Add(new FieldProblem($"fields[{i}].code", Messages.FigureNotEntered(code.Length > 40 ? code[..40] + "…" : code).Text));
                continue;
            }

            if (!seen.Add(code))
            {
                problems.Add(new FieldProblem($"fields[{i}].code", Messages.FigureTwice(code).Text));
                continue;
            }

            if (entry.Version is not ({ } version and >= 0))
            {
                problems.Add(new FieldProblem($"fields[{i}].version", Messages.FigureVersionMissing(code).Text));
                continue;
            }

            var area = workspace.Scheme.Areas.Single(a => a.Key == field.AreaKey);
            if (!forms.TryGetValue(area, out var form)) forms[area] = form = new AreaForm();
            form.Values[code] = entry.Value;
            versions[code] = version;
        }

        // The area form's rule for each entry, per area as the page posts them; a problem names the figure's code, as on the page.
        var valid = new List<Core.Figures.FigureEntry>();
        foreach (var (area, form) in forms)
        {
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            valid.AddRange(SaveArea.Entries(area, form, errors));
            problems.AddRange(errors.Select(e => new FieldProblem(e.Key, e.Value)));
        }

        if (problems.Count > 0) return Outcome.Invalid(problems);
        var changes = valid.Select(e => new FigureChange(e.Field.Code, e.ToValue(), versions[e.Field.Code])).ToList();
        return await writer.WriteAsync(workspace, actor, changes, null, AuditSource.Api, expectedVersion, cancellationToken);
    }
}
