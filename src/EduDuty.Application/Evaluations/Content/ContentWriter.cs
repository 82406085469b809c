using EduDuty.Core.Messaging;
using EduDuty.Application.Writes;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Evaluations.Content;

public enum ContentWriteStatus
{
    /// <summary>The changes are stored with their audit entries.</summary>
    Written,

    /// <summary>The write found nothing to store, or a reason not to (a version that moved, a full quota): nothing changed.</summary>
    NotWritten,

    /// <summary>The rules refuse the change now (locked, late, not this user's): nothing changed; <see cref="ContentWrite{T}.Refusal"/> says why.</summary>
    Refused,

    /// <summary>A row's version moved under the save although the claim serialises writes: nothing changed; logged.</summary>
    Conflict,

    /// <summary>The database refused the save (a constraint, a lock not granted in time): nothing changed; logged with its cause.</summary>
    Failed,
}

public sealed record ContentWrite<T>(ContentWriteStatus Status, T? Value, Message? Reason)
{
    /// <summary>The refusal as the user reads it.</summary>
    public string? Refusal => Reason?.Text;
}

/// <summary>What a write may do inside the claimed transaction: change tracked rows and record each change.</summary>
/// <param name="run">The executor's scope of the write (null for the writes staged in a caller's batch, which never flush).</param>
public sealed class ContentScope(EduDutyDbContext db, int evaluationId, Actor actor, AuditSource source, DateTimeOffset now, WriteScope? run = null)
{
    public EduDutyDbContext Db { get; } = db;

    public int EvaluationId { get; } = evaluationId;

    public Actor Actor { get; } = actor;

    /// <summary>The time of this write, read once the claim was held (so writes to one evaluation are timed in the order they were applied).</summary>
    public DateTime NowUtc { get; } = now.UtcDateTime;

    /// <summary>
    /// Every figure of the evaluation as this write leaves it, when the write read them all (a save of figures): the summary is
    /// staged from them, without a flush and without reading them again.
    /// </summary>
    public IReadOnlyDictionary<string, Core.Figures.FieldValue>? FiguresAfter { get; set; }

    /// <summary>The rules' result on <see cref="FiguresAfter"/> when the write judged them already: the summary is made from it.</summary>
    public Core.Rules.EvaluationResult? ResultAfter { get; set; }

    /// <summary>Records one change for the audit, written in the same transaction as the change itself.</summary>
    public void Audit(AuditKind kind, string target, string? oldValue, string? newValue) =>
        Db.AuditEntries.Add(AuditEntry.Of(EvaluationId, kind, target, oldValue, newValue, Actor.Id, Actor.RecordedName, NowUtc, source));

    /// <summary>
    /// Stores what is staged so far inside the claimed transaction (<see cref="WriteScope.FlushAsync"/>): a piece of evidence's
    /// content before its row, a row deleted before the content it named. Rolled back with the rest when the write fails.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        (run ?? throw new InvalidOperationException("A batch written within a caller's transaction is saved by that caller; it does not flush."))
            .FlushAsync(cancellationToken);
}

/// <summary>
/// The one write path for an evaluation's content and its review (figures, texts, report settings, imports, evidence, bonus
/// applications; a supervisor's verdicts and score decisions; last year's figures carried into a new draft): decide with Core
/// whether the actor may do this now (<see cref="EvaluationPolicy.Decide"/>), claim the evaluation inside the transaction
/// with the same rule in SQL (<see cref="EvaluationClaim"/>), let the caller write and audit, refresh the summary when what
/// it is made of changed, commit. A refusal at either step changes nothing and says the real cause; a database error is
/// logged with its cause and changes nothing.
/// </summary>
public sealed class ContentWriter(EduDutyDbContext db, WriteExecutor executor, TimeProvider clock, ILogger<ContentWriter> logger)
{
    /// <summary>A county user's change of the content (<see cref="EvaluationAction.Edit"/>).</summary>
    /// <param name="source">How the change came in, as the audit shows it: 表单, 导入, 演示数据…</param>
    /// <param name="write">Makes the changes on tracked entities and audits them; returns its result and whether to commit.</param>
    public Task<ContentWrite<T>> WriteAsync<T>(
        Workspace workspace, Actor actor, AuditSource source, Func<ContentScope, CancellationToken, Task<(T Value, bool Commit)>> write,
        CancellationToken cancellationToken) =>
        WriteAsync(EvaluationAction.Edit, workspace, actor, source, write, cancellationToken);

    /// <summary>A write to the evaluation that <paramref name="action"/>'s rule decides (a county user's edit, a supervisor's review).</summary>
    public async Task<ContentWrite<T>> WriteAsync<T>(
        EvaluationAction action, Workspace workspace, Actor actor, AuditSource source,
        Func<ContentScope, CancellationToken, Task<(T Value, bool Commit)>> write, CancellationToken cancellationToken)
    {
        var permission = EvaluationPolicy.Decide(action, workspace.Facts, workspace.Viewer);
        if (!permission.Allowed) return Refuse<T>(action, workspace.Id, workspace.Status, actor, permission.Refusal!);

        var notWritten = false;
        var outcome = await executor.ExecuteAsync<T>($"{action} of evaluation {workspace.Id} by {actor.Id}", async (run, ct) =>
        {
            if (await ClaimAsync(action, workspace.Id, actor, source, run, ct) is not { } scope)
            {
                // The claim failed although the page allowed it: the evaluation moved meanwhile (submitted, approved, past its
                // deadline, the user reassigned). Ask the rules again on what is stored now, so the message names that cause.
                var now = await EvaluationClaim.RefusalNowAsync(db, action, workspace.Id, workspace.Viewer, ChinaTime.Today(clock), ct);
                return Outcome.Refused(now ?? Messages.ChangedMeanwhile);
            }

            var (value, commit) = await write(scope, ct);
            if (!commit)
            {
                notWritten = true;
                run.Discard();
                return Outcome.Done(value);
            }

            if (scope.FiguresAfter is { } after)
                await Summaries.StageAsync(db, scope.EvaluationId, scope.ResultAfter ?? RuleEngine.For(workspace.Scheme).Evaluate(after), workspace.SchemeHash, scope.NowUtc, ct);
            else
                await StageSummaryAsync(run, [scope.EvaluationId], scope.NowUtc, workspace.Scheme, workspace.SchemeHash, ct);
            return Outcome.Done(value);
        }, cancellationToken);

        return outcome.Kind switch
        {
            OutcomeKind.Done => new ContentWrite<T>(notWritten ? ContentWriteStatus.NotWritten : ContentWriteStatus.Written, outcome.Value, null),
            OutcomeKind.Conflict => new ContentWrite<T>(ContentWriteStatus.Conflict, default, null),
            _ when outcome.Reason == Messages.SaveFailed => new ContentWrite<T>(ContentWriteStatus.Failed, default, Messages.SaveFailed),
            _ => Refuse<T>(action, workspace.Id, workspace.Status, actor, outcome.Reason ?? Messages.ChangedMeanwhile),
        };
    }

    /// <summary>
    /// Writes to evaluations in the caller's transaction (last year's figures into the drafts the caller opened), a batch at a
    /// time: the same claim (one statement for the batch), audit and summary as
    /// <see cref="WriteAsync{T}(EvaluationAction, Workspace, Actor, AuditSource, Func{ContentScope, CancellationToken, Task{ValueTuple{T, bool}}}, CancellationToken)"/>,
    /// saved together. <paramref name="write"/> is called with the scope of each evaluation claimed. A database error goes to
    /// the caller, whose whole step rolls back.
    /// </summary>
    /// <returns>The evaluations written; those the rule refuses were not touched.</returns>
    public async Task<IReadOnlyCollection<int>> WriteWithinAsync(
        EvaluationAction action, IReadOnlyCollection<int> evaluationIds, Scheme scheme, string schemeHash, Actor actor, AuditSource source,
        Action<ContentScope> write, CancellationToken cancellationToken)
    {
        var held = await EvaluationClaim.ClaimAllAsync(db, action, evaluationIds, actor, clock.GetUtcNow(), cancellationToken);
        if (held.Count == 0) return held;
        var now = clock.GetUtcNow();
        foreach (var id in held) write(new ContentScope(db, id, actor, source, now));
        await executor.ExecuteAsync($"{action} of {held.Count} evaluations by {actor.Id}",
            (run, ct) => StageSummaryAsync(run, held, now.UtcDateTime, scheme, schemeHash, ct), cancellationToken);
        return held;
    }

    private async Task<ContentScope?> ClaimAsync(
        EvaluationAction action, int evaluationId, Actor actor, AuditSource source, WriteScope run, CancellationToken cancellationToken)
    {
        if (!await EvaluationClaim.ClaimAsync(db, action, evaluationId, actor, clock.GetUtcNow(), cancellationToken)) return null;
        // The write's time is read once the claim is held: a write that waited for another (or for a transition) is timed after it.
        return new ContentScope(db, evaluationId, actor, source, clock.GetUtcNow(), run);
    }

    // Figures, bonus claims and adjustments are what a summary is made of (its judgments, its self-score and verified score):
    // the summary lists read follows them in the same transaction, never a list that disagrees with the page. Texts, report
    // settings and evidence leave it as it is. The executor saves what is staged.
    private static async Task StageSummaryAsync(
        WriteScope run, IReadOnlyCollection<int> evaluationIds, DateTime nowUtc, Scheme scheme, string schemeHash, CancellationToken cancellationToken)
    {
        var scored = run.Db.ChangeTracker.Entries().Any(e => e.State != EntityState.Unchanged && e.Entity is FigureValue or BonusClaim or PointsAdjustment);
        if (!scored) return;
        await run.FlushAsync(cancellationToken);
        await Summaries.RefreshAsync(run.Db, evaluationIds, scheme, schemeHash, nowUtc, cancellationToken);
    }

    private ContentWrite<T> Refuse<T>(EvaluationAction action, int evaluationId, EvaluationStatus status, Actor actor, Message reason)
    {
        logger.LogWarning("Refused {Action} of evaluation {Id} ({Status}) by {User}: {Reason}", action, evaluationId, status, actor.Id, reason.Code);
        return new ContentWrite<T>(ContentWriteStatus.Refused, default, reason);
    }
}
