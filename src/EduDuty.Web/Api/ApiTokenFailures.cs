using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace EduDuty.Web.Api;

/// <summary>
/// The budget of unknown tokens per address (attacker review of issue 29). The rate limit is partitioned by the presented
/// token's hash before authentication (<see cref="ApiPipeline"/>), so a caller who sends a fresh random well-formed token each
/// call would have a fresh partition each call and an unlimited number of look-ups in the database. Here every refused token
/// (unknown, revoked, expired, its user inactive) uses up one of its address's <see cref="ApiSettings.PerMinute"/> a minute;
/// past that, a token from the address is answered 429 without a look-up — unless this instance has already let it in once
/// (a valid token of a platform that shares the address goes on).
/// </summary>
public sealed class ApiTokenFailures(ApiSettings settings) : IDisposable
{
    /// <summary>How many known-good token hashes are kept at most (far more than a portal issues).</summary>
    public const int KnownCapacity = 100_000;

    private readonly ConcurrentDictionary<string, byte> known = new(StringComparer.Ordinal);

    private readonly PartitionedRateLimiter<string> failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = settings.PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    /// <summary>Whether a token with this hash may be looked up for a caller at this address now.</summary>
    public bool MayLookUp(string hash, string address)
    {
        if (known.ContainsKey(hash)) return true;
        using var lease = failures.AttemptAcquire(address, 0);
        return lease.IsAcquired;
    }

    /// <summary>A token was refused: one of the address's permits is used up.</summary>
    public void Failed(string address) => failures.AttemptAcquire(address, 1).Dispose();

    /// <summary>A token was let in: its hash is not held to its address's budget on this instance any more.</summary>
    public void Succeeded(string hash)
    {
        if (known.Count < KnownCapacity) known.TryAdd(hash, 0);
    }

    public void Dispose() => failures.Dispose();
}
