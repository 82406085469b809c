using System.Globalization;
using System.Security.Cryptography;
using EduDuty.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Security;

/// <summary>
/// Browsers a user has signed in from before ("device cookies", OWASP's answer to lockout abuse). Five wrong passwords lock
/// an account for 15 minutes against every other browser, so a stranger who types an official's user name five times does
/// not shut the official out: from a browser the official has used, the password is still checked and sign-in still works.
/// Guessing from such a browser is bounded too: after <see cref="MaxFailures"/> wrong passwords from it, it is no longer
/// trusted. The trust is kept here, on the server (as Identity user tokens), so replaying an old cookie does not restore it.
/// </summary>
public sealed class TrustedDevices(EduDutyDbContext db, Writes.WriteExecutor executor, TimeProvider clock)
{
    public const string Provider = "EduDuty.TrustedDevice";
    public const int MaxFailures = 5;
    public const int MaxPerUser = 10;
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    public async Task<bool> IsTrustedAsync(string userId, string deviceId, CancellationToken cancellationToken = default) =>
        await FindAsync(userId, deviceId, cancellationToken) is { } token && Parse(token.Value).Since > clock.GetUtcNow() - Lifetime;

    /// <summary>After a successful sign-in: trusts this browser (a new id, or the known one with its failures cleared).</summary>
    /// <returns>The browser's device id for the user.</returns>
    public async Task<string> RememberAsync(string userId, string? deviceId, CancellationToken cancellationToken = default)
    {
        var remembered = await executor.ExecuteAsync("remember a browser", async (_, ct) =>
        {
            var now = clock.GetUtcNow();
            var known = deviceId is null ? null : await FindAsync(userId, deviceId, ct);
            if (known is not null)
            {
                known.Value = Format(0, Parse(known.Value).Since);
                return Outcome.Done(deviceId!);
            }

            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = Provider, Name = id, Value = Format(0, now) });
            // Only the most recent browsers are kept: an official's office and home computers, not every browser ever used.
            var all = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ToListAsync(ct);
            foreach (var old in all.OrderByDescending(t => Parse(t.Value).Since).Skip(MaxPerUser - 1)) db.UserTokens.Remove(old);
            return Outcome.Done(id);
        }, cancellationToken);
        return remembered.Value ?? throw new InvalidOperationException($"The browser was not remembered ({remembered.Reason?.Code}).");
    }

    /// <summary>A wrong password from a trusted browser: counted, and the trust is withdrawn at <see cref="MaxFailures"/>.</summary>
    public async Task RecordFailureAsync(string userId, string deviceId, CancellationToken cancellationToken = default)
    {
        await executor.ExecuteAsync("count a failed sign-in from a trusted browser", async (_, ct) =>
        {
            if (await FindAsync(userId, deviceId, ct) is not { } token) return;
            var (failures, since) = Parse(token.Value);
            if (failures + 1 >= MaxFailures) db.UserTokens.Remove(token);
            else token.Value = Format(failures + 1, since);
        }, cancellationToken);
    }

    /// <summary>Forgets every browser of the user: a password reset, a disabled or reassigned account starts afresh.</summary>
    public Task<int> ForgetAllAsync(string userId, CancellationToken cancellationToken = default) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == Provider).ExecuteDeleteAsync(cancellationToken);

    private Task<IdentityUserToken<string>?> FindAsync(string userId, string deviceId, CancellationToken cancellationToken) =>
        db.UserTokens.SingleOrDefaultAsync(t => t.UserId == userId && t.LoginProvider == Provider && t.Name == deviceId, cancellationToken);

    // "failures;since" with since in ISO 8601 UTC: Identity keeps a token's value as text.
    private static string Format(int failures, DateTimeOffset since) =>
        failures.ToString(CultureInfo.InvariantCulture) + ";" + since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static (int Failures, DateTimeOffset Since) Parse(string? value)
    {
        var parts = (value ?? string.Empty).Split(';');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var failures)
            && DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            ? (failures, since)
            : (MaxFailures, DateTimeOffset.MinValue);
    }
}
