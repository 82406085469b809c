using EduDuty.Application.Administration;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Help;

/// <summary>The help start page: the four role manuals and the official documents of the schemes the user works under.</summary>
public sealed class IndexModel(SchemeDocuments documents, CurrentUser user) : PageModel
{
    public IReadOnlyList<SchemeDocumentItem> Documents { get; private set; } = [];

    public string RoleName => user.RoleDisplayName;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Documents = await documents.ListAsync(user.Actor, cancellationToken);
}
