using EduDuty.Core.Messaging;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// The portal's answer to <see cref="Messages.TooManyAttempts"/>: 429 with Retry-After (the refusal's own status would be
/// 409), so that browsers, proxies and scripts read it as the limit it is.
/// </summary>
internal static class TooManyAttempts
{
    public static void Apply(HttpResponse response, Message? reason)
    {
        if (reason?.Code != Messages.TooManyAttemptsCode) return;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = reason.Args.GetValueOrDefault("seconds") ?? "60";
    }

    public static void Apply(HttpResponse response, TimeSpan wait)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
