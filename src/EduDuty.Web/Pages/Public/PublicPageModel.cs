using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EduDuty.Web.Pages.Public;

/// <summary>
/// A page anyone may read without signing in (decision 0033): anonymous, under the public rate limit, cacheable with an
/// ETag (<see cref="PublicSurface"/>), and when there is nothing to show, a 404 with the catalogue's sentence saying what to do.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicSurface.RateLimitPolicy)]
public abstract class PublicPageModel : PageModel
{
    /// <summary>Why there is nothing to show (the page answers 404 with it); null when there is.</summary>
    public string? Missing { get; protected set; }

    /// <summary>Cacheable under <paramref name="etag"/>; true when the client has it already (answer <see cref="NotModified"/>).</summary>
    protected bool ClientHas(string etag) => PublicSurface.Cacheable(HttpContext, etag);

    protected Microsoft.AspNetCore.Mvc.StatusCodeResult NotModified() => StatusCode(StatusCodes.Status304NotModified);
}
