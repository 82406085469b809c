using EduDuty.Application.Notifications;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.ViewComponents;

/// <summary>The navigation bar's 消息 link with the number of unread messages (one indexed count per page).</summary>
public sealed class UnreadNotificationsViewComponent(Inbox inbox, CurrentUser user) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View(await inbox.UnreadCountAsync(user.Id, HttpContext.RequestAborted));
}
