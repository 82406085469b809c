using EduDuty.Core.Review;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Evaluations.Content;

public enum ContentWriteStatus
{
    /// <summary>The changes are stored with their audit entries.</summary>
    Written,

    /// <summary>The write found nothing to store, or a reason not to (a conflict): nothing changed.</summary>
    NotWritten,

    /// <summary>The rules refuse the change now (locked, late, not this user's): nothing changed; <see cref="ContentWrite{T}.Refusal"/> says why.</summary>
    Refused,
}

public sealed record ContentWrite<T>(ContentWriteStatus Status, T? Value, string? Refusal);

/// <summary>What a write may do inside the claimed transaction: change tracked rows and record each change.</summary>
public sealed class ContentScope(EduDutyDbContext db, int evaluationId, Actor actor, AuditSource source, DateTimeOffset now)
{
    public EduDutyDbContext Db { get; } = db;

    public int EvaluationId { get; } = evaluationId;

    public Actor Actor { get; } = actor;

    public DateTime NowUtc { get; } = now.UtcDateTime;

    /// <summary>Records one change for the audit, written in the same transaction as the change itself.</summary>
    public void Audit(AuditKind kind, string target, string? oldValue, string? newValue) =>
        Db.AuditEntries.Add(AuditEntry.Of(EvaluationId, kind, target, oldValue, newValue, Actor.Id, Actor.DisplayName, NowUtc, source));
}

/// <summary>
/// The one write path for an evaluation's content (figures, texts, report settings, imports, and what later features
/// add): decide with Core whether the actor may change it (<see cref="EvaluationPolicy.Edit"/>), claim the evaluation inside
/// the transaction with the same rule in SQL (<see cref="EditClaim"/>), let the caller write and audit, commit. A refusal
/// at either step changes nothing and says the real cause.
/// </summary>
public sealed class ContentWriter(EduDutyDbContext db, TimeProvider clock, ILogger<ContentWriter> logger)
{
    /// <param name="source">How the change came in, as the audit shows it: 表单, 导入, 演示数据…</param>
    /// <param name="write">Makes the changes on tracked entities and audits them; returns its result and whether to commit.</param>
    public async Task<ContentWrite<T>> WriteAsync<T>(
        Workspace workspace, Actor actor, AuditSource source, Func<ContentScope, CancellationToken, Task<(T Value, bool Commit)>> write,
        CancellationToken cancellationToken)
    {
        var permission = workspace.Edit;
        if (!permission.Allowed) return Refuse<T>(workspace.Id, workspace.Status, actor, permission.Reason!);

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await EditClaim.ClaimAsync(db, workspace.Id, actor, now, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            return Refuse<T>(workspace.Id, workspace.Status, actor, await CurrentRefusalAsync(workspace, cancellationToken));
        }

        var (value, commit) = await write(new ContentScope(db, workspace.Id, actor, source, now), cancellationToken);
        if (!commit)
        {
            db.ChangeTracker.Clear();
            await transaction.RollbackAsync(cancellationToken);
            return new ContentWrite<T>(ContentWriteStatus.NotWritten, value, null);
        }

        // Figures and bonus claims are what a summary is made of (its judgments, its self-score).
        var figuresChanged = db.ChangeTracker.Entries<FigureValue>().Any(e => e.State != EntityState.Unchanged)
                             || db.ChangeTracker.Entries<BonusClaim>().Any(e => e.State != EntityState.Unchanged);
        await db.SaveChangesAsync(cancellationToken);
        if (figuresChanged)
        {
            // The summary lists read follows the figures in the same transaction: never a list that disagrees with the page.
            // Texts, report settings and evidence leave it as it is.
            await Summaries.RefreshAsync(db, workspace.Id, workspace.Scheme, workspace.SchemeHash, now.UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new ContentWrite<T>(ContentWriteStatus.Written, value, null);
    }

    // The claim failed although the page allowed the change: the evaluation moved meanwhile (submitted, past its deadline,
    // the user reassigned). Ask the rules again on what is stored now, so the message names that cause.
    private async Task<string> CurrentRefusalAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var header = await EditClaim.Headers(db).SingleOrDefaultAsync(e => e.Id == workspace.Id, cancellationToken);
        if (header is null) return EvaluationPolicy.OutOfScope;
        var deadline = DeadlineState.Of(header.Status, header.YearDeadline, header.ExtendedTo, Core.Text.ChinaTime.Today(clock));
        return EvaluationPolicy.Edit(new EvaluationFacts(header.Status, deadline), workspace.Viewer).Reason
            ?? "评价刚刚被他人更改，本次没有保存。请刷新页面后重试。";
    }

    private ContentWrite<T> Refuse<T>(int evaluationId, EvaluationStatus status, Actor actor, string reason)
    {
        logger.LogWarning("Refused change of evaluation {Id} ({Status}) by {User}: {Reason}", evaluationId, status, actor.Id, reason);
        return new ContentWrite<T>(ContentWriteStatus.Refused, default, reason);
    }
}
