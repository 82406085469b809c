using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Application.Excel;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Admin.Audit;

public sealed class IndexModel(AdminAudit audit, CurrentUser user) : PageModel
{
    public Paged<AdminAuditLine> Entries { get; private set; } = new([], 0, 1, AdminAudit.PageSize);

    public async Task OnGetAsync(int p = 1, CancellationToken cancellationToken = default) => Entries = await audit.PageAsync(user.Actor, p, cancellationToken);

    /// <summary>The whole admin audit of the admin's region, as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken) =>
        File(await audit.CsvAsync(user.Actor, cancellationToken), "text/csv; charset=utf-8", $"{user.RegionName}-管理记录.csv");

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken cancellationToken) =>
        File(await audit.XlsxAsync(user.Actor, cancellationToken), CountyWorkbookDownload.MediaType, $"{user.RegionName}-管理记录.xlsx");
}
