namespace EduDuty.Web.Infrastructure;

/// <summary>Security headers for every response (ASVS V3.4); no inline script or style is used anywhere.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    private const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), fullscreen=(self), geolocation=(), gyroscope=(), " +
        "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), usb=(), " +
        "xr-spatial-tracking=(), interest-cohort=()";

    /// <summary>
    /// The site's policy with one response's inline scripts allowed by their nonce (issue 29, decision 0051): only the API
    /// reference page (/api/docs) sets one; every other response keeps <c>script-src 'self'</c> and <c>style-src 'self'</c>.
    /// </summary>
    /// Its styles are the one thing loosened there, for that response only: Scalar's bundle injects &lt;style&gt; elements and style
    /// attributes at run time, which no nonce or hash can allow ('unsafe-hashes' does not cover injected rules); the page holds
    /// no data, and script stays 'self' plus the nonce.
    internal static string WithScriptNonce(string nonce) =>
        ContentSecurityPolicy.Replace("script-src 'self';", $"script-src 'self' 'nonce-{nonce}';", StringComparison.Ordinal)
            .Replace("style-src 'self';", "style-src 'self' 'unsafe-inline';", StringComparison.Ordinal);

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // A response that set its own, stricter policy keeps it (an evidence file: sandboxed, nothing may load); the public
            // pages have their own, stricter still (no script at all).
            if (!headers.ContainsKey("Content-Security-Policy"))
                headers.ContentSecurityPolicy = PublicSurface.IsPublic(context.Request.Path) ? PublicSurface.ContentSecurityPolicy
                    : Api.Documents.ApiDocuments.ScriptNonce(context) is { } nonce ? WithScriptNonce(nonce)
                    : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            // No page needs the camera, microphone, location, payment or the like: say so, so that no injected frame can ask.
            headers["Permissions-Policy"] = PermissionsPolicy;
            if (context.User.Identity?.IsAuthenticated == true && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
