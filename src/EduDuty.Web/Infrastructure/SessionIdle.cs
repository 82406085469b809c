using Microsoft.AspNetCore.Authentication.Cookies;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// The inactivity limit of a session and what the pages know of it (issue 27, decision 0039). A session ends
/// <see cref="Limit"/> after its last request. The sign-in cookie is renewed by any request once <see cref="RenewAfter"/> has
/// passed since its last renewal (not only past half its life, the cookie handler's default), so after every request the
/// session has between 29 and 30 minutes left and the page's script can tell the user in time. Two requests of the script are
/// the exception: asking how long is left (<c>GET /Account/Session</c>) never renews — not even when the security stamp is
/// checked — so an open page does not keep an idle session alive; 继续 (<c>POST /Account/Session</c>) always renews.
/// </summary>
public static class SessionIdle
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(30);

    public static readonly TimeSpan RenewAfter = TimeSpan.FromMinutes(1);

    /// <summary>How long before the end the page shows its notice with 继续.</summary>
    public static readonly TimeSpan NoticeBefore = TimeSpan.FromMinutes(5);

    public const string Path = "/Account/Session";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.ExpireTimeSpan = Limit;
        options.SlidingExpiration = true;
        var validate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            await validate(context);
            if (IsStatus(context.Request)) context.ShouldRenew = false;
        };
        options.Events.OnCheckSlidingExpiration = context =>
        {
            context.ShouldRenew = IsExtend(context.Request) || (!IsStatus(context.Request) && context.ElapsedTime >= RenewAfter);
            return Task.CompletedTask;
        };
    }

    private static bool IsStatus(HttpRequest request) => HttpMethods.IsGet(request.Method) && request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);

    private static bool IsExtend(HttpRequest request) => HttpMethods.IsPost(request.Method) && request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);
}
