using System.Threading.RateLimiting;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Sign-in attempts per account name (whatever the client address): a guesser spread over many addresses still gets only a
/// few tries a minute at one account. The per-address limit is the rate limiter's (see ServiceRegistration). In memory, per
/// instance: several instances multiply the allowance, which the account lockout bounds anyway.
/// A browser the user signed in from before (<see cref="DeviceCookie"/>) has an allowance of its own, so that a stranger
/// using up an official's allowance does not keep the official out.
/// </summary>
public sealed class LoginThrottle(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue("Security:LoginAttemptsPerAccountPerMinute", 10),
            Window = TimeSpan.FromMinutes(1),
        }));

    /// <returns>Null when the attempt may go ahead; otherwise how long to wait.</returns>
    public TimeSpan? TryAttempt(string? userName, string? deviceId)
    {
        using var lease = _limiter.AttemptAcquire(deviceId is null ? Normalize(userName) : Normalize(userName) + "#" + deviceId);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    /// <summary>How a typed user name is compared: Identity's look-up ignores case and the page trims it.</summary>
    public static string Normalize(string? userName) => (userName ?? string.Empty).Trim().ToLowerInvariant();

    public void Dispose() => _limiter.Dispose();
}
