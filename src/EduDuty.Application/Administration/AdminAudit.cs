using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>The admin audit as an admin may read it: the entries concerning their own region and below, newest first.</summary>
public sealed class AdminAudit(EduDutyDbContext db)
{
    public const int Shown = 500;

    public async Task<IReadOnlyList<AdminAuditEntry>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        await db.AdminAuditEntries.AsNoTracking().Where(a => a.RegionPath.StartsWith(actor.RegionPath))
            .OrderByDescending(a => a.Id).Take(Shown).ToListAsync(cancellationToken);
}
