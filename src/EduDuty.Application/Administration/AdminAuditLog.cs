using EduDuty.Data;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Administration;

/// <summary>
/// Adds an entry to the admin audit, to be saved with the change it records (the caller's SaveChanges, which also links it into
/// the audit's hash chain). <c>regionPath</c> is the region the action concerns: admins see the entries of their own region and below.
/// </summary>
public sealed class AdminAuditLog(EduDutyDbContext db, TimeProvider clock)
{
    public void Add(Actor actor, string action, string target, string? before, string? after, string regionPath) =>
        db.AdminAuditEntries.Add(new AdminAuditEntry
        {
            UserId = actor.Id, UserDisplayName = actor.DisplayName, AtUtc = clock.GetUtcNow().UtcDateTime,
            Action = action, Target = target, Before = before, After = after, RegionPath = regionPath,
        });
}
