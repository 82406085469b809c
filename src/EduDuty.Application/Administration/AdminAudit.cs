using EduDuty.Core.Text;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>One admin action as the admin audit page reads it: names and Chinese dates, never paths or ids.</summary>
public sealed record AdminAuditLine(DateTime AtUtc, string Who, string Action, string Target, string? Before, string? After);

/// <summary>The admin audit of the actor's subtree, newest first.</summary>
public sealed class AdminAudit(EduDutyDbContext db)
{
    public const int Shown = 500;

    public async Task<IReadOnlyList<AdminAuditLine>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        (await db.AdminAuditEntries.AsNoTracking().Where(a => a.RegionPath.StartsWith(actor.RegionPath))
            .OrderByDescending(a => a.Id).Take(Shown).ToListAsync(cancellationToken))
        .Select(a => new AdminAuditLine(a.AtUtc, a.UserDisplayName, a.Action, ChinaTime.ReadableDates(a.Target)!,
            ChinaTime.ReadableDates(a.Before), ChinaTime.ReadableDates(a.After)))
        .ToList();
}
