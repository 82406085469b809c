using EduDuty.Web.Pages.Evaluations.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Evaluations;

public sealed class AuditModel(WorkspaceLoader loader, AuditTimeline timeline) : PageModel
{
    public const int PageSize = 50;

    public Workspace.Workspace Workspace { get; private set; } = null!;

    public IReadOnlyList<TimelineEntry> Entries { get; private set; } = [];

    public int PageNumber { get; private set; }

    public int TotalCount { get; private set; }

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(int id, int p = 1, CancellationToken cancellationToken = default)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace is null) return NotFound();
        Workspace = workspace;
        var all = await timeline.LoadAsync(workspace, cancellationToken);
        TotalCount = all.Count;
        PageNumber = Math.Clamp(p, 1, PageCount);
        Entries = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace is null) return NotFound();
        var csv = AuditTimeline.ToCsv(await timeline.LoadAsync(workspace, cancellationToken));
        return File(csv, "text/csv; charset=utf-8", $"{workspace.County}-{workspace.Year}-修改记录.csv");
    }
}
