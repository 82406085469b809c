using EduDuty.Application;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Admin;

/// <summary>
/// What every admin page shares: the acting admin, a success message, and the refusal that re-renders the page with the
/// problems listed and status 422, having changed nothing.
/// </summary>
public abstract class AdminPageModel(CurrentUser user) : PageModel
{
    /// <summary>The signed-in admin; the pages work within the admin's region.</summary>
    protected CurrentUser CurrentAdmin { get; } = user;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Message { get; protected set; }

    protected Actor Actor => CurrentAdmin.Actor;

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => RenderAsync(cancellationToken);

    protected async Task<IActionResult> FailAsync(IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await RenderAsync(cancellationToken);
    }

    protected abstract Task<IActionResult> RenderAsync(CancellationToken cancellationToken);
}
