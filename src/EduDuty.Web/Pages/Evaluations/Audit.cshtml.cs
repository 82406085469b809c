using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Web.Pages.Evaluations.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Evaluations;

public sealed class AuditModel(WorkspaceLoader loader, EduDutyDbContext db, Review.ReviewHandler review) : PageModel
{
    public const int PageSize = 50;

    public Workspace.Workspace Workspace { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public IReadOnlyList<EvaluationTransition> Transitions { get; private set; } = [];

    public int PageNumber { get; private set; }

    public int TotalCount { get; private set; }

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(int id, int p = 1, CancellationToken cancellationToken = default)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace is null) return NotFound();
        Workspace = workspace;

        var query = db.AuditEntries.AsNoTracking().Where(a => a.EvaluationId == id);
        TotalCount = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(p, 1, PageCount);
        Transitions = await review.TransitionsAsync(id, cancellationToken);
        Entries = await query.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return Page();
    }
}
