using EduDuty.Core.Rectification;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Rectification;

/// <summary>What a county's update came to: saved, or why not (nothing changed).</summary>
public sealed record TaskUpdateOutcome(bool Saved, string? Refusal, bool Conflict = false);

/// <summary>
/// A county updates one of its tasks: unit, due date, state (with the reason when it cannot be done) and a progress note. The
/// version the page showed must still be the stored one (someone else's change is never overwritten silently); the change is
/// recorded in the evaluation's audit, in the same transaction.
/// </summary>
public sealed class UpdateRectification(EduDutyDbContext db, TimeProvider clock, ILogger<UpdateRectification> logger)
{
    public async Task<TaskUpdateOutcome> HandleAsync(Actor actor, int taskId, int basedOnVersion, TaskUpdate update, CancellationToken cancellationToken)
    {
        var task = await TaskAccess.FindAsync(db, actor, taskId, cancellationToken);
        if (task is null) return new TaskUpdateOutcome(false, TaskAccess.NotFound);
        if (TaskAccess.RefusalFor(actor, task) is { } notYours) return new TaskUpdateOutcome(false, notYours);
        if (RectificationRules.Check(update) is { } wrong) return new TaskUpdateOutcome(false, wrong);
        if (task.Version != basedOnVersion)
            return new TaskUpdateOutcome(false, "这项整改任务刚刚已被他人更新，您的修改没有保存。请刷新页面，查看最新内容后再修改。", Conflict: true);

        var before = Describe(task.Status, task.ResponsibleUnit, task.DueDate, task.Reason);
        var unit = Blank(update.ResponsibleUnit);
        var reason = update.Status == RectificationStatus.CannotComplete ? Blank(update.Reason) : null;
        var after = Describe(update.Status, unit, update.DueDate, reason);
        var note = Blank(update.Note);
        if (before == after && note is null) return new TaskUpdateOutcome(true, null); // nothing to record

        var now = clock.GetUtcNow().UtcDateTime;
        task.ResponsibleUnit = unit;
        task.DueDate = update.DueDate;
        task.Status = update.Status;
        task.Reason = reason;
        task.UpdatedAtUtc = now;
        task.UpdatedByUserId = actor.Id;
        task.Version++;
        if (note is not null) db.RectificationNotes.Add(new RectificationNote { TaskId = task.Id, Text = note, UserId = actor.Id, UserDisplayName = actor.DisplayName, AtUtc = now });
        TaskAccess.Audit(db, task, actor, now, before, note is null ? after : $"{after}；进展：{note}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            db.ChangeTracker.Clear();
            logger.LogWarning(e, "Rectification task {Task} not updated by {User}: changed by someone else meanwhile", taskId, actor.Id);
            return new TaskUpdateOutcome(false, "这项整改任务刚刚已被他人更新，您的修改没有保存。请刷新页面，查看最新内容后再修改。", Conflict: true);
        }

        return new TaskUpdateOutcome(true, null);
    }

    private static string Describe(RectificationStatus status, string? unit, DateOnly? due, string? reason) =>
        $"{status.DisplayName()}{(reason is null ? "" : $"（{reason}）")}；责任单位：{unit ?? "未定"}；完成时限：{(due is { } d ? ChinaTime.Date(d) : "未定")}";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
