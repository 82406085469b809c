using System.Security.Claims;
using EduDuty.Application.Security;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// What a signed-in user must do before anything else: a user signed in with a one-time password goes to the password
/// change page; then a user whose role must sign in with two steps (<see cref="TwoFactorSettings"/>) and has not turned it on
/// goes to the two-factor page.
/// </summary>
internal sealed class PasswordChangeMiddleware(RequestDelegate next, TwoFactorSettings twoFactor)
{
    public const string ChangePage = "/Account/ChangePassword";
    public const string TwoFactorPage = "/Account/TwoFactor";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || Exempt(path)) return next(context);
        if (user.HasClaim(EduDutyClaims.MustChangePassword, "true") && !path.StartsWithSegments(ChangePage))
        {
            context.Response.Redirect(ChangePage);
            return Task.CompletedTask;
        }

        if (!user.HasClaim(EduDutyClaims.MustChangePassword, "true") && !user.HasClaim(EduDutyClaims.TwoFactor, "true")
            && twoFactor.Requires(user.FindAll(ClaimTypes.Role).Select(c => c.Value)) && !path.StartsWithSegments(TwoFactorPage))
        {
            context.Response.Redirect(TwoFactorPage);
            return Task.CompletedTask;
        }

        return next(context);
    }

    // The API: a token's user passed these steps when the token was made on their page, and a service account has no
    // password; a redirect is no answer for a program (decision 0049).
    private static bool Exempt(PathString path) =>
        Api.ApiPipeline.IsApi(path) || path.StartsWithSegments("/Account/Logout") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/lib")
        || path.StartsWithSegments("/css") || path.StartsWithSegments("/js");
}
