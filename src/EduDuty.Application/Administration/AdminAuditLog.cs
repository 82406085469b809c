using EduDuty.Data;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Administration;

/// <summary>
/// Adds an entry to the admin audit, to be saved with the change it records (by the write's executor, whose save also links it
/// into the audit's hash chain). <c>regionPath</c> is the region the action concerns: admins see the entries of their own
/// region and below.
/// </summary>
public sealed class AdminAuditLog(EduDutyDbContext db, TimeProvider clock)
{
    public void Add(Actor actor, AdminAction action, string target, string? before, string? after, string regionPath) =>
        db.AdminAuditEntries.Add(AdminAuditEntry.Of(action, target, before, after, regionPath, actor.Id, actor.RecordedName, clock.GetUtcNow().UtcDateTime));
}
