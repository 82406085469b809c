using EduDuty.Web.Api;
using EduDuty.Web.Infrastructure.Health;

namespace EduDuty.Web.Infrastructure;

internal static class Pipeline
{
    public static void UseEduDuty(this WebApplication app)
    {
        using (var scope = app.Services.CreateScope())
        {
            app.Services.GetRequiredService<DummyPasswordHash>().Prepare(
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<Data.Entities.AppUser>>());
        }

        // A configured signing certificate is read now, so a wrong password is in the log at start (issue 25).
        app.Services.GetRequiredService<Application.Reports.SigningCertificate>().LogStatusAtStart();

        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
            // A health probe inside the network asks over plain HTTP and wants the answer, not a redirect.
            app.UseWhen(context => !context.Request.Path.StartsWithSegments("/healthz"), https => https.UseHttpsRedirection());
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseEduDutyApiGate(); // /api answers problem+json, never the HTML error page (issue 29)
        app.UseMiddleware<BadRequestMiddleware>();
        app.UseRouting();
        app.UseCors(); // only the API names a policy, and only when Api:Cors:Origins is set
        app.UseRateLimiter(); // the public pages' own limit per address (PublicSurface); no other endpoint names a policy
        app.UseOutputCache(); // the public pages' rendered copies (PublicSurface); no other endpoint names a policy
        app.UseMiddleware<SignInAddressLimit>();
        // The public pages are read as nobody: no session is looked up or renewed there, so they never set a cookie.
        app.UseWhen(context => !PublicSurface.IsPublic(context.Request.Path), signedIn => signedIn.UseAuthentication());
        app.UseMiddleware<UploadGate>(); // who may send a body, and how large, before anything reads it
        app.UseMiddleware<PasswordChangeMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<NulCharacterGuard>(); // reads the form: only after the user is known and allowed

        app.MapHealthChecks("/healthz", new()
        {
            ResponseWriter = HealthResponseWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapStaticAssets().AllowAnonymous();
        app.MapEduDutyApi();
        app.MapRazorPages().WithStaticAssets();
    }
}
