using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Account;

/// <summary>
/// The session as the page's script sees it (issue 27): GET says how many seconds are left without renewing the session
/// (<see cref="SessionIdle"/>); POST (继续, with the antiforgery token) renews it and says the same. Signed-in users only,
/// like every page outside the sign-in pages: an ended session is answered 401 to the script's requests.
/// </summary>
public sealed class SessionModel(TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        var ticket = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var left = ticket.Properties?.ExpiresUtc is { } expires ? expires - clock.GetUtcNow() : SessionIdle.Limit;
        return Answer(left);
    }

    public IActionResult OnPost() => Answer(SessionIdle.Limit);

    private JsonResult Answer(TimeSpan left)
    {
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            remainingSeconds = (int)Math.Max(0, Math.Floor(left.TotalSeconds)),
            noticeSeconds = (int)SessionIdle.NoticeBefore.TotalSeconds,
        });
    }
}
