using EduDuty.Application.Notifications;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Notifications;

/// <summary>The user's messages, newest first; opening one marks it read and goes where it leads.</summary>
public sealed class IndexModel(Inbox inbox, CurrentUser user) : PageModel
{
    public IReadOnlyList<NotificationItem> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Items = await inbox.ListAsync(user.Id, cancellationToken);

    public async Task<IActionResult> OnGetOpenAsync(long id, CancellationToken cancellationToken)
    {
        var url = await inbox.OpenAsync(id, user.Id, cancellationToken);
        return Infrastructure.ReturnUrls.IsLocalPath(url) ? LocalRedirect(url!) : NotFound();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        await inbox.MarkAllReadAsync(user.Id, cancellationToken);
        return RedirectToPage();
    }
}
