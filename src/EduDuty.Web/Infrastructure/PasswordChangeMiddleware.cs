namespace EduDuty.Web.Infrastructure;

/// <summary>A user signed in with a one-time password goes to the password change page before anything else.</summary>
internal sealed class PasswordChangeMiddleware(RequestDelegate next)
{
    public const string ChangePage = "/Account/ChangePassword";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(EduDutyClaims.MustChangePassword, "true")
            && !path.StartsWithSegments(ChangePage) && !path.StartsWithSegments("/Account/Logout")
            && !path.StartsWithSegments("/healthz") && !path.StartsWithSegments("/lib") && !path.StartsWithSegments("/css"))
        {
            context.Response.Redirect(ChangePage);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
