using EduDuty.Application.Administration;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Admin.Audit;

public sealed class IndexModel(AdminAudit audit, CurrentUser user) : PageModel
{
    public IReadOnlyList<AdminAuditLine> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Entries = await audit.ListAsync(user.Actor, cancellationToken);
}
