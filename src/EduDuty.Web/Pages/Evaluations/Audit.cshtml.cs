using EduDuty.Application.Excel;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Audit;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations;

public sealed class AuditModel(WorkspaceLoader loader, AuditTimeline timeline, CurrentUser user) : EvaluationPageModel(loader, user)
{
    public const int PageSize = 50;

    public IReadOnlyList<TimelineEntry> Entries { get; private set; } = [];

    public int PageNumber { get; private set; }

    public int TotalCount { get; private set; }

    public int PageCount => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(int id, int p = 1, CancellationToken cancellationToken = default)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var all = await timeline.LoadAsync(Workspace, cancellationToken);
        TotalCount = all.Count;
        PageNumber = Math.Clamp(p, 1, PageCount);
        Entries = all.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var csv = AuditTimeline.ToCsv(await timeline.LoadAsync(Workspace, cancellationToken));
        return File(csv, "text/csv; charset=utf-8", $"{Workspace.County}-{Workspace.Year}-修改记录.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var xlsx = AuditTimeline.ToXlsx(await timeline.LoadAsync(Workspace, cancellationToken));
        return File(xlsx, CountyWorkbookDownload.MediaType, $"{Workspace.County}-{Workspace.Year}-修改记录.xlsx");
    }
}
