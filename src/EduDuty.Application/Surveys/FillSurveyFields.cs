using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Writes;
using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Surveys;

/// <summary>One scheme field of one county's evaluation, as the fill left it: the value written, or why none was.</summary>
public sealed record FilledField(string County, int EvaluationId, string FieldCode, decimal? Value, string Note);

/// <summary>What filling a round did (or that it had been done before).</summary>
public sealed record SurveyFillReport(int RoundId, bool AlreadyFilled, IReadOnlyList<FilledField> Fields)
{
    public int Written => Fields.Count(f => f.Value is not null && f.Note == FillSurveyFields.WrittenNote);
}

/// <summary>
/// Writes a closed round's results into the scheme fields it fills (issue 31, 来自满意度调查): for each county of the round,
/// its evaluation of the round's year under the survey's scheme gets each mapped field (<see cref="SurveyDefinition.FieldSources"/>,
/// as listed in <see cref="SurveyRound.FieldCodes"/> at opening) set to the index in percent, rounded to the field's precision,
/// marked with the round (<see cref="FigureValue.FromSurveyRoundId"/>) and audited as 满意度调查 — through the guarded write path
/// (<see cref="EvaluationAction.SurveyFill"/>: never an approved evaluation, which is listed instead). An unknown index leaves
/// the field as it is (empty: never 0). Safe to run twice or at once: an equal value is no change and is not audited again,
/// and the round is marked filled (<see cref="SurveyRound.FilledAtUtc"/>) only after every county was written.
/// </summary>
public sealed class FillSurveyFields(
    EduDutyDbContext db, SurveyResultsQuery results, WorkspaceLoader loader, ContentWriter content, WriteExecutor executor, TimeProvider clock,
    ILogger<FillSurveyFields> logger)
{
    public const string WrittenNote = "已填入";

    /// <summary>
    /// Fills every round that has closed and is not yet filled (the worker's round, as the command line: an admin of every
    /// region); returns how many were filled.
    /// </summary>
    public async Task<int> FillDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = Core.Text.ChinaTime.DateOf(now);
        var due = await db.SurveyRounds.AsNoTracking()
            .Where(r => r.FilledAtUtc == null && (r.ClosesOn < today || (r.ClosedEarlyAtUtc != null && r.ClosedEarlyAtUtc <= now.UtcDateTime)))
            .OrderBy(r => r.Id).Select(r => r.Id).Take(20).ToListAsync(cancellationToken);
        var filled = 0;
        foreach (var id in due)
        {
            var outcome = await HandleAsync(id, Actor.CommandLine, cancellationToken);
            if (outcome.IsDone) filled++;
            else logger.LogWarning("Survey round {Round} not filled: {Reason}", id, outcome.Refusal);
        }

        return filled;
    }

    public async Task<Outcome<SurveyFillReport>> HandleAsync(int roundId, Actor actor, CancellationToken cancellationToken)
    {
        var round = await db.SurveyRounds.AsNoTracking().Where(r => r.Id == roundId)
            .Select(r => new { r.Id, r.Year, RegionPath = r.Region.Path, r.OpensOn, r.ClosesOn, r.ClosedEarlyAtUtc, r.FilledAtUtc, r.FieldCodes, r.Definition.SchemeCode })
            .SingleOrDefaultAsync(cancellationToken);
        if (round is null) return Outcome.NotFound(Messages.SurveyRoundNotFound);
        var viewer = new SurveyViewer(actor.Roles, actor.RegionPath);
        if (SurveyPolicy.Manage(viewer, round.RegionPath) is { } refusal) return Outcome.Refused(refusal);
        if (RoundState.Phase(round.OpensOn, round.ClosesOn, round.ClosedEarlyAtUtc, clock.GetUtcNow()) != RoundPhase.Closed)
            return Outcome.Refused(Messages.SurveyRoundStillOpen);
        if (round.FilledAtUtc is not null) return Outcome.Done(new SurveyFillReport(roundId, true, []), "这次调查的结果已填入评价。");

        var fields = new List<FilledField>();
        var codes = SurveyFedFields.Parse([round.FieldCodes]);
        if (codes.Count > 0 && round.SchemeCode is { } schemeCode)
        {
            var loaded = await results.LoadAsync(roundId, null, viewer, cancellationToken);
            if (!loaded.IsDone) return Outcome.Refused(loaded.Reason ?? Messages.SurveyRoundNotFound);
            var sources = loaded.Value!.Definition.FieldSources.Where(s => codes.Contains(s.FieldCode)).ToList();
            var byCounty = loaded.Value.Counties.ToDictionary(c => c.CountyId);
            var countyIds = byCounty.Keys.ToList();
            var evaluations = await db.Evaluations.AsNoTracking()
                .Where(e => e.Year == round.Year && e.Scheme.Code == schemeCode && countyIds.Contains(e.CountyId))
                .OrderBy(e => e.County.Code).Select(e => new { e.Id, e.CountyId }).ToListAsync(cancellationToken);
            foreach (var evaluation in evaluations)
                fields.AddRange(await FillAsync(evaluation.Id, byCounty[evaluation.CountyId], sources, roundId, actor, cancellationToken));
        }

        var marked = await executor.ExecuteAsync<bool>($"survey round {roundId} filled", async (_, ct) =>
        {
            var stored = await db.SurveyRounds.SingleAsync(r => r.Id == roundId, ct);
            if (stored.FilledAtUtc is not null) return Outcome.Done(false);
            stored.FilledAtUtc = clock.GetUtcNow().UtcDateTime;
            stored.Version++;
            return Outcome.Done(true);
        }, cancellationToken);
        if (!marked.IsDone) logger.LogWarning("Survey round {Round} filled but not marked: {Reason}", roundId, marked.Reason?.Code);
        var written = fields.Count(f => f.Note == WrittenNote);
        return Outcome.Done(new SurveyFillReport(roundId, false, fields),
            fields.Count == 0 ? "这次调查没有对应的评价指标，无需填入。" : $"已把调查结果填入 {written} 项指标；{fields.Count - written} 项未填入（见说明）。");
    }

    private async Task<IReadOnlyList<FilledField>> FillAsync(
        int evaluationId, CountySurveyResult county, IReadOnlyList<SurveyFieldSource> sources, int roundId, Actor actor, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(evaluationId, actor, cancellationToken);
        if (workspace is null) return sources.Select(s => new FilledField(county.Name, evaluationId, s.FieldCode, null, "评价不存在")).ToList();
        var wanted = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var notes = new List<FilledField>();
        foreach (var source in sources)
        {
            var field = workspace.Scheme.FindField(source.FieldCode);
            var index = county.Result.IndexOf(source);
            if (field is null) notes.Add(new FilledField(county.Name, evaluationId, source.FieldCode, null, "方案中没有这项指标"));
            else if (index.Percent(field.Precision ?? 1) is not { } percent) notes.Add(new FilledField(county.Name, evaluationId, source.FieldCode, null, "无有效答卷，未填入"));
            else wanted[source.FieldCode] = percent;
        }

        if (wanted.Count == 0) return notes;
        var write = await content.WriteAsync(EvaluationAction.SurveyFill, workspace, actor, AuditSource.Survey, async (scope, ct) =>
        {
            var list = wanted.Keys.ToList();
            var rows = await scope.Db.FigureValues.Where(f => f.EvaluationId == evaluationId && list.Contains(f.FieldCode)).ToDictionaryAsync(f => f.FieldCode, StringComparer.Ordinal, ct);
            var changed = 0;
            foreach (var (code, percent) in wanted)
            {
                var value = FieldValue.Of(percent);
                var row = rows.GetValueOrDefault(code);
                var old = row?.ToValue()?.ToInvariantString();
                if (row is not null && old == value.ToInvariantString() && row.FromSurveyRoundId == roundId) continue;
                if (row is null) scope.Db.FigureValues.Add(row = new FigureValue { EvaluationId = evaluationId, FieldCode = code });
                row.Assign(value);
                row.CarriedFromEvaluationId = null;
                row.FromSurveyRoundId = roundId;
                row.Version++;
                row.UpdatedAtUtc = scope.NowUtc;
                row.UpdatedByUserId = actor.IsCommandLine ? null : actor.Id;
                scope.Audit(AuditKind.Figure, code, old, value.ToInvariantString());
                changed++;
            }

            return (changed, changed > 0);
        }, cancellationToken);
        var note = write.Status switch
        {
            ContentWriteStatus.Written or ContentWriteStatus.NotWritten => WrittenNote,
            ContentWriteStatus.Refused when write.Reason == Messages.ApprovedLock => "评价已审核通过，未改动",
            _ => "未填入：" + (write.Reason?.Text ?? "保存失败，请稍后重试"),
        };
        return [.. notes, .. wanted.Select(w => new FilledField(county.Name, evaluationId, w.Key, note == WrittenNote ? w.Value : null, note))];
    }
}
