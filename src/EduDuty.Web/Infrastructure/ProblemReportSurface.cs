using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// The public problem-report form's own limits (decision 0060): its body (<see cref="BodyLimit"/>, refused by
/// <see cref="UploadGate"/> before anything reads it) and its rate limit per client address and instance —
/// <c>Survey:RateLimit:ProblemReportsPerMinute</c> POSTs (default 5) and the public pages' allowance of GETs; over it 429 with
/// Retry-After. The per-address daily limit is counted in the database (<c>Survey:ProblemReportsPerAddressPerDay</c>).
/// </summary>
public static class ProblemReportSurface
{
    public const string RateLimitPolicy = "problem-reports";

    /// <summary>The form's body at most: a 2,000-character text percent-encoded is about 18 KB.</summary>
    public const long BodyLimit = 32 * 1024;

    public static void AddProblemReportRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var posts = configuration.GetValue("Survey:RateLimit:ProblemReportsPerMinute", 5);
        var pages = configuration.GetValue("Public:RateLimit:PagesPerMinute", 300);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimitPolicy, context =>
        {
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var post = HttpMethods.IsPost(context.Request.Method);
            return RateLimitPartition.GetFixedWindowLimiter((RateLimitPolicy, post, address), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = post ? posts : pages, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            });
        }));
    }
}

/// <summary>Marks an anonymous form page whose POST body is bounded below the anonymous default (<see cref="UploadGate"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicFormLimitAttribute(long bytes) : Attribute
{
    public long Bytes { get; } = bytes;
}
