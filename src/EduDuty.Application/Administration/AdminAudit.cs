using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>The admin audit as the admin pages list it: newest first.</summary>
public sealed class AdminAudit(EduDutyDbContext db)
{
    public const int Shown = 500;

    public async Task<IReadOnlyList<AdminAuditEntry>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.AdminAuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Take(Shown).ToListAsync(cancellationToken);
}
