using System.Security.Cryptography;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Security;

/// <summary>
/// Server-side sessions (ASVS V7.4): the portal's cookie holds only a random key; the ticket is here. Ending a session deletes
/// its row, so sign-out, a password change, disabling or reassigning a user take effect on the next request, on every
/// instance. The tickets arrive already protected by the portal.
/// </summary>
public sealed class Sessions(EduDutyDbContext db, Writes.WriteExecutor executor, TimeProvider clock)
{
    /// <summary>
    /// However active, a session ends this long after sign-in (ASVS V7.3.2): a working day and a bit. The inactivity timeout
    /// (30 minutes, sliding) is the cookie's.
    /// </summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    public async Task<string> StartAsync(string userId, byte[] ticket, DateTimeOffset? expires, CancellationToken cancellationToken = default)
    {
        var stored = await executor.ExecuteAsync("start a session", async (_, ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // Each new session of a user also clears that user's expired ones, so the table does not grow without bound.
            await db.UserSessions.Where(s => s.UserId == userId && s.ExpiresAtUtc < now).ExecuteDeleteAsync(ct);
            var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            db.UserSessions.Add(new UserSession { Id = key, UserId = userId, Ticket = ticket, CreatedAtUtc = now, ExpiresAtUtc = expires?.UtcDateTime });
            return Outcome.Done(key);
        }, cancellationToken);
        // No session without its row: the sign-in fails (the executor logged why) rather than hand out a key that finds nothing.
        return stored.Value ?? throw new InvalidOperationException($"The session was not stored ({stored.Reason?.Code}).");
    }

    /// <returns>The protected ticket, or null when the session was ended or has expired.</returns>
    public async Task<byte[]?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var signedInAfter = now - AbsoluteLifetime;
        return await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == key && (s.ExpiresAtUtc == null || s.ExpiresAtUtc > now) && s.CreatedAtUtc > signedInAfter)
            .Select(s => s.Ticket)
            .SingleOrDefaultAsync(cancellationToken);
    }

    public Task RenewAsync(string key, byte[] ticket, DateTimeOffset? expires, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, ticket).SetProperty(s => s.ExpiresAtUtc, expires == null ? null : expires.Value.UtcDateTime), cancellationToken);

    public Task EndAsync(string key, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Ends every session of the user (password reset, user disabled or given another role or region).</summary>
    public Task<int> EndAllAsync(string userId, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Ends every other session of the user: after a password change, only the browser that changed it stays signed in.</summary>
    public Task<int> EndOthersAsync(string userId, string? keepKey, CancellationToken cancellationToken = default) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id != keepKey).ExecuteDeleteAsync(cancellationToken);
}
