using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// The pages anyone may read without signing in (公示 and verification under <c>/public</c>, decision 0033), in one place:
/// which requests they are; that they are not authenticated at all (no session is read or renewed, so no cookie is ever
/// set on them and a shared cache may keep them); their own strict CSP (no script, nothing from elsewhere, no frames);
/// their own rate limit per client address (<c>Public:RateLimit:*</c>); caching (<c>Public:MaxAgeSeconds</c>, ETag, 304);
/// and the absolute address the QR code points to (<c>Public:BaseUrl</c>).
/// </summary>
public static class PublicSurface
{
    public const string RateLimitPolicy = "public";

    /// <summary>The output cache policy of the public list and report pages and their files; its entries carry <see cref="CacheTag"/>.</summary>
    public const string OutputCachePolicy = "public";

    /// <summary>Evicted on this instance whenever a report is published or withdrawn.</summary>
    public const string CacheTag = "public-pages";

    /// <summary>No script at all, styles and images from the portal (the QR code is a data URI), forms only to the portal, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static bool IsPublic(PathString path) => path.StartsWithSegments("/public", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Per client address (after the known proxies' X-Forwarded-For, <see cref="ForwardedProxies"/>) and per instance, in
    /// memory: pages and downloads <c>Public:RateLimit:PagesPerMinute</c> (default 300), verifications (a POST that reads a
    /// file of up to 20 MB) <c>Public:RateLimit:VerificationsPerMinute</c> (default 20). Over it: 429 with Retry-After.
    /// </summary>
    public static void AddPublicRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var pages = configuration.GetValue("Public:RateLimit:PagesPerMinute", 300);
        var verifications = configuration.GetValue("Public:RateLimit:VerificationsPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                TooManyAttempts.Apply(context.HttpContext.Response, wait);
                return ValueTask.CompletedTask;
            };
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var verification = HttpMethods.IsPost(context.Request.Method);
                return RateLimitPartition.GetFixedWindowLimiter((verification, address), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = verification ? verifications : pages, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
        });
    }

    /// <summary>
    /// The rendered public pages and files kept in memory for <c>Public:ServerCacheSeconds</c> (default 10; 0 turns it off)
    /// per path and <c>handler</c> (other query keys share the entry, and a handler other than none, Pdf or Docx is not kept, so
    /// made-up ones cannot fill the cache), served without
    /// touching the database: only 200 responses without a cookie, and evicted on this instance by every publication and
    /// withdrawal (another instance shows a change within those seconds).
    /// </summary>
    public static void AddPublicOutputCache(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Public:ServerCacheSeconds", 10);
        services.AddOutputCache(o => o.AddPolicy(OutputCachePolicy, policy =>
        {
            if (seconds <= 0) policy.NoCache();
            else policy.Expire(TimeSpan.FromSeconds(seconds)).SetVaryByQuery("handler").Tag(CacheTag)
                .With(context => KeptHandler(context.HttpContext.Request.Query["handler"]));
        }));
    }

    // Only the handlers the pages link to, spelled as linked, are kept: any other value of handler (made up, another spelling,
    // repeated) is answered but not stored, or each one would be an entry of its own and made-up ones could fill the cache.
    private static bool KeptHandler(Microsoft.Extensions.Primitives.StringValues handler) =>
        handler.Count == 0 || (handler.Count == 1 && handler[0] is "Pdf" or "Docx");

    /// <summary>
    /// Marks a public response cacheable by anyone for <c>Public:MaxAgeSeconds</c> (default 300: a withdrawal reaches
    /// caches within five minutes) under <paramref name="etag"/>; true when the client already has it (answer 304).
    /// </summary>
    public static bool Cacheable(HttpContext context, string etag)
    {
        var maxAge = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Public:MaxAgeSeconds", 300);
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={maxAge}");
        // Weak comparison (RFC 9110 13.1.2): a client may send the tag back as W/"…", and "*" matches any.
        return context.Request.Headers.IfNoneMatch.SelectMany(value => (value ?? string.Empty).Split(','))
            .Select(tag => tag.Trim())
            .Any(tag => tag == "*" || tag == etag || tag == "W/" + etag);
    }

    /// <summary>A public response that must not be kept (a verification's answer).</summary>
    public static void NotCacheable(HttpContext context) => context.Response.Headers.CacheControl = "no-store";

    /// <summary>
    /// The absolute address of a path of the portal, for the QR code: from <c>Public:BaseUrl</c> when set (the deployment's
    /// public name); otherwise from the request when its host was checked (AllowedHosts lists the deployment's names, so a
    /// forged Host header got 400 before this) or in Development; otherwise null, and the page shows the relative link only.
    /// </summary>
    public static string? AbsoluteUrl(HttpContext context, string pathAndQuery)
    {
        var services = context.RequestServices;
        var configuration = services.GetRequiredService<IConfiguration>();
        if (configuration["Public:BaseUrl"] is { Length: > 0 } configured) return configured.TrimEnd('/') + pathAndQuery;
        var hosts = configuration["AllowedHosts"];
        var hostChecked = !string.IsNullOrWhiteSpace(hosts) && hosts.Trim() != "*";
        if (!hostChecked && !services.GetRequiredService<IWebHostEnvironment>().IsDevelopment()) return null;
        return $"{context.Request.Scheme}://{context.Request.Host}{pathAndQuery}";
    }

    /// <summary>An ETag that also depends on <paramref name="part"/> (the QR code's address: a new <c>Public:BaseUrl</c> is a new page).</summary>
    public static string Tag(string etag, string? part) =>
        part is null ? etag : $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(etag + "\n" + part)))[..32]}\"";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> QrCodesMade = new(StringComparer.Ordinal);

    /// <summary>The QR code of an address, made once per address (a few hundred published files at most; kept while the portal runs).</summary>
    public static string QrCode(string url)
    {
        if (QrCodesMade.Count > 10_000) QrCodesMade.Clear();
        return QrCodesMade.GetOrAdd(url, u => QrCodes.PngDataUri(u, 4));
    }
}
