using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Rectification;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Rectification;

/// <summary>
/// A county updates one of its tasks: unit, due date, state (with the reason when it cannot be done) and a progress note. The
/// version the page showed must still be the stored one (someone else's change is never overwritten silently); the change is
/// recorded in the evaluation's audit, in the same transaction, on the <see cref="WriteExecutor"/>.
/// </summary>
public sealed class UpdateRectification(EduDutyDbContext db, WriteExecutor executor, TimeProvider clock)
{
    /// <summary>A due date that is not a date (the page's form and the API, issue 29).</summary>
    public const string DueDateProblem = "完成时限的格式应为 2022-06-30，请重新选择日期。";

    /// <returns>
    /// Done (also when there was nothing to record); not found outside the actor's region; refused for who may not update it;
    /// invalid with the field to correct; a conflict when someone else updated it first. Nothing changes unless done.
    /// </returns>
    public async Task<Outcome<Unit>> HandleAsync(Actor actor, int taskId, int basedOnVersion, TaskUpdate update, CancellationToken cancellationToken)
    {
        var outcome = await executor.ExecuteAsync<Unit>($"update of rectification task {taskId} by {actor.Id}", async (run, ct) =>
        {
            var task = await TaskAccess.FindAsync(db, actor, taskId, ct);
            if (task is null) return Outcome.NotFound(Messages.TaskNotFound);
            if (TaskAccess.RefusalFor(actor, task) is { } notYours) return Outcome.Refused(notYours);
            if (RectificationRules.Check(update) is { } wrong) return Outcome.Invalid("Input", wrong);
            if (task.Version != basedOnVersion) return Outcome.Conflict(Messages.TaskMoved);

            var before = Describe(task.Status, task.ResponsibleUnit, task.DueDate, task.Reason);
            var unit = Blank(update.ResponsibleUnit);
            var reason = update.Status == RectificationStatus.CannotComplete ? Blank(update.Reason) : null;
            var after = Describe(update.Status, unit, update.DueDate, reason);
            var note = Blank(update.Note);
            if (before == after && note is null)
            {
                run.Discard(); // nothing to record
                return Outcome.Done();
            }

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
            return Outcome.Done();
        }, cancellationToken);
        // The version checked above moved under the save (logged by the executor): the same answer as a version seen moved.
        return outcome.Kind == OutcomeKind.Conflict ? Outcome.Conflict(Messages.TaskMoved) : outcome;
    }

    private static string Describe(RectificationStatus status, string? unit, DateOnly? due, string? reason) =>
        $"{status.DisplayName()}{(reason is null ? "" : $"（{reason}）")}；责任单位：{unit ?? "未定"}；完成时限：{(due is { } d ? ChinaTime.Date(d) : "未定")}";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
