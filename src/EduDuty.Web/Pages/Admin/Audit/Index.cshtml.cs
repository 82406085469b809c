using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Admin.Audit;

public sealed class IndexModel(EduDutyDbContext db) : PageModel
{
    public IReadOnlyList<AdminAuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Entries = await db.AdminAuditEntries.AsNoTracking().OrderByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken);
}
