using System.Globalization;
using System.Security.Cryptography;
using System.Threading.RateLimiting;
using EduDuty.Application.Surveys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// What the public questionnaire (issue 31, decision 0058) knows about a device without script and without a session: the
/// device cookie (a random id, one sheet per device and door) and the start stamp (when this device opened this door's
/// questionnaire, protected by Data Protection and good for a day so it can be neither made up nor altered). Both are set only by
/// the no-store stylesheet <c>/public/survey/{token}/start</c> that the cacheable questionnaire links, so the questionnaire
/// itself is the same for everyone and never sets a cookie. Also the answers' own rate limit per address.
/// </summary>
public static class SurveyDevice
{
    public const string RateLimitPolicy = "survey";

    private const string DeviceCookie = "EduDuty.SurveyDevice";
    private const string StartCookie = "EduDuty.SurveyStart";
    private const string Purpose = "EduDuty.Survey.Start.v1";

    /// <summary>How long a start stamp holds: a questionnaire left open longer is sent without one (and counted as suspect).</summary>
    public static readonly TimeSpan StampLifetime = TimeSpan.FromDays(1);

    /// <summary>The device cookie's id when it has the shape this portal gives (22 URL-safe characters), else null.</summary>
    public static string? DeviceOf(HttpRequest request) =>
        request.Cookies[DeviceCookie] is { } id && SurveyDoors.IsWellFormed(id) ? id : null;

    /// <summary>
    /// When this device opened the questionnaire of <paramref name="token"/>, from a valid stamp; null without one. The stamp
    /// names the device it was given to: a stamp sent without that device's cookie (dropped, or another made-up id beside it)
    /// counts as none, or one stamp could carry any number of sheets, each a "new device" (found in the attacker review).
    /// </summary>
    public static DateTimeOffset? StartedAt(HttpContext context, string token) =>
        DeviceOf(context.Request) is { } device ? StartedAt(context, token, device) : null;

    private static DateTimeOffset? StartedAt(HttpContext context, string token, string device)
    {
        if (context.Request.Cookies[StartCookie] is not { Length: > 0 and < 1000 } stamp) return null;
        try
        {
            var text = Protector(context).Unprotect(stamp);
            var parts = text.Split('|');
            if (parts.Length != 3 || parts[0] != token || parts[1] != device
                || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) return null;
            // Its age by the portal's clock (the one the answer's time is read from): an old stamp counts as none.
            var started = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            return now - started > StampLifetime ? null : started;
        }
        catch (CryptographicException)
        {
            return null; // altered, expired, or from other keys
        }
    }

    /// <summary>
    /// Gives the device its id (when it has none) and a start stamp for this door and device (when it has no valid one: a stamp already
    /// there is kept, so reloading the page or coming back to it after an error does not restart the clock).
    /// </summary>
    public static void Start(HttpContext context, string token, bool development)
    {
        var response = context.Response;
        var secure = !development || context.Request.IsHttps;
        var device = DeviceOf(context.Request);
        if (device is null)
        {
            device = OpenSurveyRound.NewToken();
            response.Cookies.Append(DeviceCookie, device, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = secure, Path = "/public/survey", IsEssential = true,
                MaxAge = TimeSpan.FromDays(400),
            });
        }

        if (StartedAt(context, token, device) is null)
        {
            var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var stamp = Protector(context).Protect(string.Create(CultureInfo.InvariantCulture, $"{token}|{device}|{now.ToUnixTimeMilliseconds()}"));
            response.Cookies.Append(StartCookie, stamp, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = secure, Path = "/public/survey/" + token, IsEssential = true,
                MaxAge = StampLifetime,
            });
        }
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);

    /// <summary>
    /// The questionnaire's limit per client address and instance: its pages as the public pages (<c>Public:RateLimit:PagesPerMinute</c>),
    /// its answers <c>Survey:RateLimit:AnswersPerMinute</c> (default 120: a class behind one address answers together). Over
    /// it: 429 with Retry-After and the Chinese page (the public limiter's rejection).
    /// </summary>
    public static void AddSurveyRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var pages = configuration.GetValue("Public:RateLimit:PagesPerMinute", 300);
        var answers = configuration.GetValue("Survey:RateLimit:AnswersPerMinute", 120);
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimitPolicy, context =>
        {
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var answer = HttpMethods.IsPost(context.Request.Method);
            return RateLimitPartition.GetFixedWindowLimiter(("survey", answer, address), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = answer ? answers : pages, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            });
        }));
    }
}
