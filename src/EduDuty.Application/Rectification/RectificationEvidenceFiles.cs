using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Evidence;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Evidence;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Rectification;

/// <summary>A file attached to a task, as the board lists it.</summary>
public sealed record TaskEvidenceRow(int Id, string Title, string FileName, long Length, EvidenceKind Kind, string UploadedBy, DateTime UploadedAtUtc);

/// <summary>
/// Evidence of rectification (整改佐证): the county attaches files to its tasks through the year, after the evaluation itself is
/// approved and locked, so this path writes the task's files, not the evaluation's content. The checks are the evidence
/// feature's (<see cref="EvidenceInspection"/>, the evaluation's quota) and so is the storage (<see cref="EvidenceStore"/>); each
/// file attached or removed is audited on the evaluation (kind 整改) with its hash, in the same transaction on the
/// <see cref="WriteExecutor"/>. Supervisors in the region read them.
/// </summary>
public sealed class RectificationEvidenceFiles(EduDutyDbContext db, EvidenceStore store, EvidenceInspection inspection, WriteExecutor executor, TimeProvider clock)
{
    /// <summary>
    /// Attaches one file to a task. Not done (not found, refused, invalid, a full quota, a failed save): why, for this one file
    /// (the page names the file before it), and nothing is stored.
    /// </summary>
    public async Task<Outcome<Unit>> AttachAsync(Actor actor, int taskId, EvidenceUpload upload, string? title, CancellationToken cancellationToken)
    {
        var name = EvidenceFileName.Clean(upload.FileName);
        var task = await TaskAccess.FindAsync(db, actor, taskId, cancellationToken);
        if (task is null) return Outcome.NotFound(Messages.TaskNotFound);
        if (TaskAccess.RefusalFor(actor, task) is { } notYours) return Outcome.Refused(notYours);
        if (Core.Text.PlainText.Check(title, "材料标题") is { } bad) return Outcome.Invalid("title", bad.Text);
        var shown = AttachEvidence.TitleOf(name, title);
        if (shown.Length > AttachEvidence.MaxTitleLength) return Outcome.Invalid("title", $"标题过长：最多 {AttachEvidence.MaxTitleLength} 个字，当前 {shown.Length} 个。");
        var inspected = await inspection.InspectAsync(upload, cancellationToken);
        if (inspected.Value is not { } checkedFile) return EvidenceInspection.Why(inspected);
        var hash = await EvidenceStore.HashAsync(upload.Content, cancellationToken);
        var length = upload.Content.Length;

        // A save the database refuses (most likely the same new content uploaded at the same moment elsewhere) answers
        // SaveFailed from the executor: the transaction kept nothing of this upload.
        return await executor.ExecuteAsync<Unit>($"evidence for rectification task {taskId} by {actor.Id}", async (run, ct) =>
        {
            // The quota is the evaluation's, shared with its own evidence: counted while its row is held, so uploads at the same
            // moment (here or on the evaluation) are counted one after the other.
            await EvaluationClaim.HoldAsync(db, task.EvaluationId, ct);
            if (await store.QuotaRefusalAsync(task.EvaluationId, hash, length, ct) is { } full) return Outcome.Refused(full);
            var now = clock.GetUtcNow().UtcDateTime;
            await store.StoreAsync(hash, upload.Content, now, run.FlushAsync, ct);
            var file = new RectificationEvidence
            {
                TaskId = task.Id, Title = shown, FileName = name, ContentHash = hash, Length = length, Kind = checkedFile.Kind,
                UploadedByUserId = actor.Id, UploadedByName = actor.DisplayName, UploadedAtUtc = now,
            };
            db.RectificationEvidence.Add(file);
            TaskAccess.Audit(db, task, actor, now, null, $"佐证材料：{Describe(file)}");
            return Outcome.Done();
        }, cancellationToken);
    }

    /// <summary>Removes a file from a task (its content too when nothing else uses it), audited; a file already gone is a conflict.</summary>
    public Task<Outcome<Unit>> RemoveAsync(Actor actor, int taskId, int fileId, CancellationToken cancellationToken) =>
        executor.ExecuteAsync<Unit>($"removal of evidence {fileId} of rectification task {taskId} by {actor.Id}", async (run, ct) =>
        {
            var task = await TaskAccess.FindAsync(db, actor, taskId, ct);
            if (task is null) return Outcome.NotFound(Messages.TaskNotFound);
            if (TaskAccess.RefusalFor(actor, task) is { } notYours) return Outcome.Refused(notYours);
            var file = await db.RectificationEvidence.SingleOrDefaultAsync(f => f.Id == fileId && f.TaskId == taskId, ct);
            if (file is null) return Outcome.Conflict(Messages.TaskEvidenceGone);

            db.RectificationEvidence.Remove(file);
            TaskAccess.Audit(db, task, actor, clock.GetUtcNow().UtcDateTime, $"佐证材料：{Describe(file)}", null);
            await run.FlushAsync(ct); // the row goes first: its content may not go while a row still names it
            await store.ReleaseAsync(file.ContentHash, ct);
            return Outcome.Done();
        }, cancellationToken);

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
