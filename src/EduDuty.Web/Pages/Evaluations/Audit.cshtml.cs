using EduDuty.Application;
using EduDuty.Application.Excel;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Audit;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations;

public sealed class AuditModel(WorkspaceLoader loader, AuditTimeline timeline, CurrentUser user) : EvaluationPageModel(loader, user)
{
    public Paged<TimelineEntry> Entries { get; private set; } = new([], 0, 1, AuditTimeline.PageSize);

    public async Task<IActionResult> OnGetAsync(int id, int p = 1, CancellationToken cancellationToken = default)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        Entries = await timeline.PageAsync(Workspace, p, cancellationToken);
        return Page();
    }

    public string PageUrl(int page) => $"/Evaluations/{Workspace.Id}/Audit?p={page}";

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
