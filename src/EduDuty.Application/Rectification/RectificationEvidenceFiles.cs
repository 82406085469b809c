using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Evidence;
using EduDuty.Core.Evidence;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Rectification;

/// <summary>A file attached to a task, as the board lists it.</summary>
public sealed record TaskEvidenceRow(int Id, string Title, string FileName, long Length, EvidenceKind Kind, string UploadedBy, DateTime UploadedAtUtc);

/// <summary>
/// Evidence of rectification (整改佐证): the county attaches files to its tasks through the year, after the evaluation itself is
/// approved and locked, so this path writes the task's files, not the evaluation's content. The checks are the evidence
/// feature's (what the content is, the size, the evaluation's quota) and so is the storage (<see cref="EvidenceStore"/>); each
/// file attached or removed is audited on the evaluation (kind 整改) with its hash, in the same transaction. Supervisors in
/// the region read them.
/// </summary>
public sealed class RectificationEvidenceFiles(EduDutyDbContext db, EvidenceStore store, EvidenceOptions options, TimeProvider clock, ILogger<RectificationEvidenceFiles> logger)
{
    /// <summary>Attaches one file to a task; the outcome names the file and the reason when refused, and then nothing is stored.</summary>
    public async Task<TaskUpdateOutcome> AttachAsync(Actor actor, int taskId, EvidenceUpload upload, string? title, CancellationToken cancellationToken)
    {
        var name = EvidenceFileName.Clean(upload.FileName);
        TaskUpdateOutcome Refuse(string reason) => new(false, $"“{name}”未上传：{reason}");

        var task = await TaskAccess.FindAsync(db, actor, taskId, cancellationToken);
        if (task is null) return new TaskUpdateOutcome(false, TaskAccess.NotFound);
        if (TaskAccess.RefusalFor(actor, task) is { } notYours) return Refuse(notYours);
        var shown = AttachEvidence.TitleOf(name, title);
        if (shown.Length > AttachEvidence.MaxTitleLength) return Refuse($"标题过长：最多 {AttachEvidence.MaxTitleLength} 个字，当前 {shown.Length} 个。");
        var check = EvidenceContent.Check(upload.Content, options.MaxFileBytes);
        if (check.Refusal is { } refusal) return Refuse(refusal);
        var hash = await EvidenceStore.HashAsync(upload.Content, cancellationToken);
        var length = upload.Content.Length;

        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // The quota is the evaluation's, shared with its own evidence: counted while its row is held, so uploads at the same
            // moment (here or on the evaluation) are counted one after the other.
            await EvaluationClaim.HoldAsync(db, task.EvaluationId, cancellationToken);
            if (await store.QuotaRefusalAsync(task.EvaluationId, hash, length, cancellationToken) is { } full) return Refuse(full);
            await store.StoreAsync(hash, upload.Content, now, cancellationToken);
            var file = new RectificationEvidence
            {
                TaskId = task.Id, Title = shown, FileName = name, ContentHash = hash, Length = length, Kind = check.Kind!.Value,
                UploadedByUserId = actor.Id, UploadedByName = actor.DisplayName, UploadedAtUtc = now,
            };
            db.RectificationEvidence.Add(file);
            TaskAccess.Audit(db, task, actor, now, null, $"佐证材料：{Describe(file)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new TaskUpdateOutcome(true, null);
        }
        catch (DbUpdateException e)
        {
            // Most likely the same new content uploaded at the same moment elsewhere: the transaction kept nothing of this upload.
            db.ChangeTracker.Clear();
            logger.LogWarning(e, "Evidence for rectification task {Task} not attached by {User}. Cause: {Cause}", taskId, actor.Id, e.InnerException?.Message ?? e.Message);
            return Refuse("同一文件可能正在被同时上传，本次没有保存。请稍后重试；如果一再出现，请联系系统管理员。");
        }
        catch (System.Data.Common.DbException e) when (e.IsTransient)
        {
            db.ChangeTracker.Clear();
            logger.LogWarning(e, "Evidence for rectification task {Task} not attached by {User}: transient database error", taskId, actor.Id);
            return Refuse(Core.Messaging.Messages.SaveFailed.Text);
        }
    }

    /// <summary>Removes a file from a task (its content too when nothing else uses it), audited.</summary>
    public async Task<TaskUpdateOutcome> RemoveAsync(Actor actor, int taskId, int fileId, CancellationToken cancellationToken)
    {
        var task = await TaskAccess.FindAsync(db, actor, taskId, cancellationToken);
        if (task is null) return new TaskUpdateOutcome(false, TaskAccess.NotFound);
        if (TaskAccess.RefusalFor(actor, task) is { } notYours) return new TaskUpdateOutcome(false, notYours);
        var file = await db.RectificationEvidence.SingleOrDefaultAsync(f => f.Id == fileId && f.TaskId == taskId, cancellationToken);
        if (file is null) return new TaskUpdateOutcome(false, "这份佐证材料已被删除。请刷新页面查看最新内容。", Conflict: true);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.RectificationEvidence.Remove(file);
        TaskAccess.Audit(db, task, actor, clock.GetUtcNow().UtcDateTime, $"佐证材料：{Describe(file)}", null);
        await db.SaveChangesAsync(cancellationToken); // the row goes first: its content may not go while a row still names it
        await store.ReleaseAsync(file.ContentHash, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TaskUpdateOutcome(true, null);
    }

    /// <summary>A task's file with its content, when the actor's region covers the task; else null (pages answer 404).</summary>
    public async Task<(TaskEvidenceRow File, Stream Content)?> OpenAsync(Actor actor, int fileId, CancellationToken cancellationToken)
    {
        var file = await db.RectificationEvidence.AsNoTracking()
            .Under(f => f.Task.Evaluation.County.Path, actor.RegionPath).Where(f => f.Id == fileId)
            .Select(f => new { Row = new TaskEvidenceRow(f.Id, f.Title, f.FileName, f.Length, f.Kind, f.UploadedByName, f.UploadedAtUtc), f.ContentHash })
            .SingleOrDefaultAsync(cancellationToken);
        return file is null ? null : (file.Row, store.Open(file.ContentHash, file.Row.Length));
    }

    /// <summary>The files of the listed tasks, oldest first.</summary>
    public async Task<ILookup<int, TaskEvidenceRow>> OfTasksAsync(IReadOnlyCollection<int> taskIds, CancellationToken cancellationToken) =>
        (await db.RectificationEvidence.AsNoTracking().Where(f => taskIds.Contains(f.TaskId)).OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id)
            .Select(f => new { f.TaskId, Row = new TaskEvidenceRow(f.Id, f.Title, f.FileName, f.Length, f.Kind, f.UploadedByName, f.UploadedAtUtc) })
            .ToListAsync(cancellationToken)).ToLookup(f => f.TaskId, f => f.Row);

    private static string Describe(RectificationEvidence file) => AttachEvidence.Describe(file.Title, file.FileName, file.Length, file.ContentHash);
}
