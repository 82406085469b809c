using EduDuty.Application.Departments;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Departments;
using EduDuty.Core.Review;
using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Figures;

/// <summary>A figure the user changed: its new value (null clears it) and the version the user's change was based on.</summary>
public sealed record FigureChange(string Code, FieldValue? NewValue, int BasedOnVersion);

/// <summary>The area text the user changed, and the version it was based on.</summary>
public sealed record NarrativeChange(string AreaKey, string Text, int BasedOnVersion);

/// <summary>A change someone else made since the user loaded the page.</summary>
public sealed record Conflict(string Target, string? TheirValue, string TheirUser, DateTime TheirAtUtc, int CurrentVersion);

/// <summary>What a done write stored: how many values and texts, and when (null when nothing needed saving).</summary>
public sealed record FiguresWritten(int Saved, DateTime? SavedAtUtc)
{
    /// <summary>
    /// The version of each target the write was asked to change (a figure's code, an area's key) as it stands after the write:
    /// the next change of that target is based on it (the autosave of one field, issue 27).
    /// </summary>
    public IReadOnlyDictionary<string, int> Versions { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The version of the evaluation's figures as the write left them (<see cref="FigureWriter.FiguresVersion"/>).</summary>
    public long FiguresVersion { get; init; }

    /// <summary>
    /// The data warnings (数据提示) that read a figure this write changed, on the figures as it left them: soft plausibility rules
    /// and consistency checks, as the form shows beside the fields (hard rules refuse the write instead).
    /// </summary>
    public IReadOnlyList<DataWarning> Warnings { get; init; } = [];
}

/// <summary>
/// Writes figure and text changes with their audit entries through the guarded path (<see cref="ContentWriter"/>). A change
/// based on a version that is no longer current is a conflict: then nothing at all is written and the conflicts are
/// returned, so that the user decides (decision 0007).
/// Answers done with what was stored, a conflict naming each moved value (<see cref="Messages.FiguresMoved"/>), or the
/// refusal of the rules or the database.
/// </summary>
public sealed class FigureWriter(ContentWriter content, TimeProvider clock, Notifications.Inbox inbox)
{
    /// <summary>
    /// The version of an evaluation's figures as a whole (the API's ETag, issue 29): the sum of its figure rows' versions. Every
    /// write that changes a figure raises the version of each figure it changes by one, and rows are never deleted (a cleared
    /// figure keeps its row), so the sum grows with every change and never comes back to a value it had.
    /// </summary>
    public static long FiguresVersion(IEnumerable<FigureValue> rows) => rows.Sum(r => (long)r.Version);

    public Task<Outcome<FiguresWritten>> WriteAsync(
        Workspace workspace, Actor actor, IReadOnlyList<FigureChange> figures, NarrativeChange? narrative, AuditSource source,
        CancellationToken cancellationToken) =>
        WriteAsync(workspace, actor, figures, narrative, source, expectedVersion: null, cancellationToken);

    /// <param name="expectedVersion">
    /// The <see cref="FiguresVersion"/> the caller's change is based on (an API's If-Match), or null. Compared inside the claim,
    /// on the figures as stored then: when it is not the current one nothing at all is written and the answer is a conflict
    /// with <see cref="Messages.FiguresVersionStale"/> (412 in the API), so of many writes based on one version exactly one is made.
    /// </param>
    public async Task<Outcome<FiguresWritten>> WriteAsync(
        Workspace workspace, Actor actor, IReadOnlyList<FigureChange> figures, NarrativeChange? narrative, AuditSource source,
        long? expectedVersion, CancellationToken cancellationToken)
    {
        // A department user writes its own fields (issue 30): the claim is its action's, and each field is decided inside it.
        var action = actor.IsDepartmentUser ? EvaluationAction.DepartmentEdit : EvaluationAction.Edit;
        var write = await content.WriteAsync(action, workspace, actor, source,
            (scope, ct) => ApplyAsync(scope, workspace, figures, narrative, expectedVersion, inbox, ct), cancellationToken);
        return write.Status switch
        {
            ContentWriteStatus.Written or ContentWriteStatus.NotWritten => write.Value!,
            // A version token moved under the save (logged by the writer): report it as a conflict, never lose it.
            ContentWriteStatus.Conflict => Outcome.Conflict(Messages.FiguresMoved(1), [new Conflict("*", null, "其他用户", clock.GetUtcNow().UtcDateTime, 0)]),
            _ => Outcome.Refused(write.Reason!),
        };
    }

    private static async Task<(Outcome<FiguresWritten>, bool)> ApplyAsync(
        ContentScope scope, Workspace workspace, IReadOnlyList<FigureChange> figures, NarrativeChange? narrative, long? expectedVersion, Notifications.Inbox inbox,
        CancellationToken cancellationToken)
    {
        var db = scope.Db;
        var scheme = workspace.Scheme;
        if (await FieldRefusalAsync(scope, workspace, figures, narrative, cancellationToken) is { } refusal) return (Outcome.Refused(refusal), false);
        // Every figure of the evaluation, read once inside the claim: the rows to change, the figures the plausibility rules
        // judge, and the summary's input (ContentWriter stages it from FiguresAfter without reading them again). Read untracked:
        // only the rows this write changes are attached (below), so the save compares and writes those alone (issue 28).
        var rows = (await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == scope.EvaluationId).ToListAsync(cancellationToken))
            .ToDictionary(f => f.FieldCode, StringComparer.Ordinal);
        // The caller's condition on the whole, decided on what is stored inside the claim: nothing is staged yet.
        if (expectedVersion is { } expected && FiguresVersion(rows.Values) is var stored && stored != expected)
            return (Outcome.Conflict(Messages.FiguresVersionStale(ETagOf(expected), ETagOf(stored))), false);
        var text = narrative is null
            ? null
            : await db.AreaNarratives.SingleOrDefaultAsync(n => n.EvaluationId == scope.EvaluationId && n.AreaKey == narrative.AreaKey, cancellationToken);

        var conflicts = new List<(string Target, string? Value, string? UserId, DateTime At, int Version)>();
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var saved = 0;
        var written = new List<string>();
        foreach (var change in figures)
        {
            var row = rows.GetValueOrDefault(change.Code);
            var current = row?.ToValue()?.ToInvariantString();
            var wanted = change.NewValue?.ToInvariantString();
            versions[change.Code] = row?.Version ?? 0;
            if (wanted == current) continue; // already so: nothing to write, nothing to fight over
            var version = row?.Version ?? 0;
            if (version != change.BasedOnVersion)
            {
                conflicts.Add((change.Code, current, row?.UpdatedByUserId, row?.UpdatedAtUtc ?? scope.NowUtc, version));
                continue;
            }

            if (row is null)
            {
                row = rows[change.Code] = new FigureValue { EvaluationId = scope.EvaluationId, FieldCode = change.Code };
                db.FigureValues.Add(row);
            }
            else
            {
                // Tracked from its values as read: the UPDATE sets the columns changed below, where the version read is still the
                // stored one (the concurrency token), exactly as a tracked read did.
                db.FigureValues.Attach(row);
            }

            row.Assign(change.NewValue);
            row.CarriedFromEvaluationId = null; // changed by someone this year: no longer last year's value
            row.Version = versions[change.Code] = version + 1;
            row.UpdatedAtUtc = scope.NowUtc;
            row.UpdatedByUserId = scope.Actor.Id;
            scope.Audit(AuditKind.Figure, change.Code, current, wanted);
            written.Add(change.Code);
            saved++;
        }

        if (narrative is not null) versions[narrative.AreaKey] = text?.Version ?? 0;
        if (narrative is not null && text?.Text != narrative.Text)
        {
            var version = text?.Version ?? 0;
            if (version != narrative.BasedOnVersion)
            {
                conflicts.Add((narrative.AreaKey, text?.Text, text?.UpdatedByUserId, text?.UpdatedAtUtc ?? scope.NowUtc, version));
            }
            else
            {
                var old = text?.Text;
                if (text is null)
                {
                    text = new AreaNarrative { EvaluationId = scope.EvaluationId, AreaKey = narrative.AreaKey, Text = narrative.Text };
                    db.AreaNarratives.Add(text);
                }

                text.Text = narrative.Text;
                text.Version = versions[narrative.AreaKey] = version + 1;
                text.UpdatedAtUtc = scope.NowUtc;
                text.UpdatedByUserId = scope.Actor.Id;
                scope.Audit(AuditKind.Narrative, narrative.AreaKey, old, narrative.Text);
                saved++;
            }
        }

        if (conflicts.Count > 0) return (Outcome.Conflict(Messages.FiguresMoved(conflicts.Count), await NameAsync(scope, conflicts, cancellationToken)), false);
        var after = rows.Values.ToValues();
        // The rules run once on the figures as they will be: the same result decides the refusals and makes the summary.
        var result = RuleEngine.For(scheme).Evaluate(after);
        if (Refusals(scheme, result, figures) is { Count: > 0 } refused) return (Outcome.Invalid(refused), false);
        scope.FiguresAfter = after;
        scope.ResultAfter = result;
        // The county changed a department's accepted figure (issue 30): the department is told in the same transaction.
        if (!scope.Actor.IsDepartmentUser && written.Count > 0) await Departments.AcceptedChanges.TellAsync(scope, workspace, written, inbox, cancellationToken);
        var changed = figures.Select(f => f.Code).ToList();
        return (Outcome.Done(new FiguresWritten(saved, saved > 0 ? scope.NowUtc : null)
        {
            Versions = versions,
            FiguresVersion = FiguresVersion(rows.Values),
            Warnings = changed.Count == 0 ? [] : result.OpenWarningsAbout(changed).Where(w => !w.IsHard).ToList(),
        }), saved > 0);
    }

    /// <summary>
    /// The per-field rule (issue 30) for a department user's write, decided inside the claim on the owners stored now: every
    /// changed field must be its department's and with it (<see cref="EvaluationPolicy.EditField"/>); an area's text is never a
    /// department's. The first refusal names its field; nothing is written. A county user's write is decided by the claim, but for
    /// the fields a satisfaction survey fills (issue 31), which nobody changes.
    /// </summary>
    private static async Task<Message?> FieldRefusalAsync(
        ContentScope scope, Workspace workspace, IReadOnlyList<FigureChange> figures, NarrativeChange? narrative, CancellationToken cancellationToken)
    {
        if (!scope.Actor.IsDepartmentUser)
        {
            // A county user may change any field but those a satisfaction survey fills (issue 31): one small statement.
            // A change that leaves such a field as stored (a whole form or workbook sent back) is no change and passes.
            if (figures.Count == 0) return null;
            var fromSurvey = await Surveys.SurveyFedFields.LoadAsync(scope.Db, workspace.Id, workspace.CountyId, workspace.Scheme.Code, cancellationToken);
            var touched = figures.Where(f => fromSurvey.Contains(f.Code)).ToList();
            if (touched.Count == 0) return null;
            var codes = touched.Select(f => f.Code).ToList();
            var stored = (await scope.Db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == workspace.Id && codes.Contains(f.FieldCode)).ToListAsync(cancellationToken))
                .ToDictionary(f => f.FieldCode, f => f.ToValue()?.ToInvariantString(), StringComparer.Ordinal);
            return touched.FirstOrDefault(f => f.NewValue?.ToInvariantString() != stored.GetValueOrDefault(f.Code)) is { } fed
                ? EvaluationPolicy.EditField(workspace.Facts, workspace.Viewer, FieldOwner.Education(fed.Code) with { FromSurvey = true }).Refusal
                : null;
        }

        if (narrative is not null) return Messages.DepartmentUseOwnPage;
        var owners = await FieldOwners.LoadAsync(scope.Db, workspace.Id, workspace.CountyId, workspace.Scheme, cancellationToken);
        foreach (var change in figures)
        {
            var owner = owners.GetValueOrDefault(change.Code) ?? FieldOwner.Education(change.Code);
            var permission = EvaluationPolicy.EditField(workspace.Facts, workspace.Viewer, owner);
            if (!permission.Allowed) return permission.Refusal;
        }

        return null;
    }

    /// <summary>The strong ETag of a <see cref="FiguresVersion"/>: <c>"f42"</c> (quotes included).</summary>
    public static string ETagOf(long figuresVersion) => $"\"f{figuresVersion}\"";

    /// <summary>The figures version an ETag names, or null when it is not one this portal gives (a weak or a list of several).</summary>
    public static long? VersionOf(string? etag) =>
        etag is ['"', 'f', .. var digits, '"'] && digits.Length is > 0 and <= 18 && digits.All(char.IsAsciiDigit) && long.TryParse(digits, out var v) ? v : null;

    /// <summary>
    /// The scheme's hard plausibility rules (<see cref="Plausibility"/>) on the figures as they will be once this write commits —
    /// what is stored now, inside the claim, with these changes — that fail and read a figure this write changes: then nothing
    /// is written. Decided here, on the claimed row's figures, so two saves that each pass alone (one office's 6 schools, the
    /// other's 6) cannot together store what neither could. A rule broken only by figures this write leaves alone (stored
    /// before the rule existed) does not block it: it shows as a data warning until corrected.
    /// </summary>
    public static IReadOnlyList<PlausibilityFinding> Refusals(Scheme scheme, IReadOnlyDictionary<string, FieldValue> after, IReadOnlyCollection<string> changed) =>
        Refusals(RuleEngine.For(scheme).Evaluate(after), changed);

    private static IReadOnlyList<PlausibilityFinding> Refusals(EvaluationResult after, IReadOnlyCollection<string> changed) =>
        after.Refusals.Where(f => f.Involves(changed)).ToList();

    // The rows hold this write's changes already (a cleared figure has no value): the result is of the figures as they will be.
    private static IReadOnlyList<FieldProblem> Refusals(Scheme scheme, EvaluationResult after, IReadOnlyList<FigureChange> figures)
    {
        if (scheme.Plausibility.Count == 0 || figures.Count == 0) return [];
        return Refusals(after, figures.Select(f => f.Code).ToList()).Select(f => new FieldProblem(f.Field, f.Text)).ToList();
    }

    private static async Task<IReadOnlyList<Conflict>> NameAsync(
        ContentScope scope, List<(string Target, string? Value, string? UserId, DateTime At, int Version)> conflicts, CancellationToken cancellationToken)
    {
        var ids = conflicts.Select(c => c.UserId).OfType<string>().Distinct().ToList();
        var names = await scope.Db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return conflicts
            .Select(c => new Conflict(c.Target, c.Value, c.UserId is not null && names.TryGetValue(c.UserId, out var n) ? n : "其他用户", c.At, c.Version))
            .ToList();
    }
}
