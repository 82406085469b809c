using EduDuty.Core.Rectification;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Rectification;

/// <summary>
/// The county's change to one of its tasks — an update, a file attached or removed — starts here: the task within the
/// actor's region (any other is "not found", never "not yours"), who may change it, and the audit entry on its evaluation,
/// staged in the write's transaction.
/// </summary>
internal static class TaskAccess
{
    /// <summary>The task, tracked with its evaluation and county, when the actor's region covers it; else null.</summary>
    public static Task<RectificationTask?> FindAsync(EduDutyDbContext db, Actor actor, int taskId, CancellationToken cancellationToken) =>
        db.RectificationTasks.Include(t => t.Evaluation).ThenInclude(e => e.County)
            .Under(t => t.Evaluation.County.Path, actor.RegionPath).Where(t => t.Id == taskId)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>Why the actor may not change the task (only its county's users may), or null.</summary>
    public static Core.Messaging.Message? RefusalFor(Actor actor, RectificationTask task) =>
        RectificationRules.MayUpdate(actor.ViewerOf(task.Evaluation.County.Path));

    /// <summary>Records a change of the task in its evaluation's audit (kind 整改), saved with the change.</summary>
    public static void Audit(EduDutyDbContext db, RectificationTask task, Actor actor, DateTime nowUtc, string? oldValue, string? newValue) =>
        db.AuditEntries.Add(AuditEntry.Of(
            task.EvaluationId, AuditKind.Rectification, $"整改任务 {task.Number}", oldValue, newValue, actor.Id, actor.RecordedName, nowUtc, AuditSource.Rectification));
}
