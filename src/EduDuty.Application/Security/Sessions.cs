using System.Security.Cryptography;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Security;

/// <summary>
/// Server-side sessions (ASVS V7.4): the portal's cookie holds only a random key; the ticket is here. Ending a session deletes
/// its row, so sign-out takes effect on the next request, on every instance. Every sign-in, and every change of what a session
/// may do (a password change, two-factor sign-in turned on), starts a session under a new key and ends the one the browser
/// came with (<see cref="StartAsync"/>), so a key copied before can never become another user's or a stronger session. Each
/// session keeps the user's security stamp from its start, and <see cref="FindAsync"/> reads it only while the user is active
/// and still has that stamp: a password change or reset, a new role or region, or a disabled account ends every session at
/// once, on every instance, without a validation interval. The tickets arrive already protected by the portal.
/// </summary>
public sealed class Sessions(EduDutyDbContext db, Writes.WriteExecutor executor, TimeProvider clock, Caching.InstanceCache cache, Caching.CacheChangeInterceptor changes)
{
    /// <summary>
    /// However active, a session ends this long after sign-in (ASVS V7.3.2): a working day and a bit. The inactivity timeout
    /// (30 minutes, sliding) is the cookie's.
    /// </summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    /// <summary>Starts a session under a new random key, ending <paramref name="replacing"/> in the same write.</summary>
    /// <param name="securityStamp">The user's security stamp the ticket was made with.</param>
    /// <param name="replacing">The key of the session the browser came with (a sign-in or a privilege change ends it).</param>
    /// <param name="keepSignInTime">
    /// True for a privilege change within one sign-in (a password change): the new session keeps the old one's start, so the
    /// absolute lifetime is not extended. A sign-in starts the clock afresh.
    /// </param>
    public async Task<string> StartAsync(
        string userId, string securityStamp, byte[] ticket, DateTimeOffset? expires, string? replacing = null, bool keepSignInTime = false,
        CancellationToken cancellationToken = default)
    {
        var stored = await executor.ExecuteAsync("start a session", async (_, ct) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var signedInAt = now;
            if (replacing is not null)
            {
                if (keepSignInTime)
                {
                    signedInAt = await db.UserSessions.Where(s => s.Id == replacing && s.UserId == userId)
                        .Select(s => (DateTime?)s.CreatedAtUtc).SingleOrDefaultAsync(ct) ?? now;
                }

                await db.UserSessions.TagWith(Caching.CacheChangeInterceptor.PublishedTag).Where(s => s.Id == replacing).ExecuteDeleteAsync(ct);
            }

            // Each new session of a user also clears that user's expired ones, so the table does not grow without bound.
            await db.UserSessions.TagWith(Caching.CacheChangeInterceptor.PublishedTag).Where(s => s.UserId == userId && s.ExpiresAtUtc < now).ExecuteDeleteAsync(ct);
            var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            db.UserSessions.Add(new UserSession
            {
                Id = key, UserId = userId, SecurityStamp = securityStamp, Ticket = ticket, CreatedAtUtc = signedInAt, ExpiresAtUtc = expires?.UtcDateTime,
            });
            return Outcome.Done(key);
        }, cancellationToken);
        if (stored.IsDone && replacing is not null) await cache.PublishAsync(Caching.CacheChange.Session(replacing), cancellationToken);
        // No session without its row: the sign-in fails (the executor logged why) rather than hand out a key that finds nothing.
        return stored.Value ?? throw new InvalidOperationException($"The session was not stored ({stored.Reason?.Code}).");
    }

    /// <returns>
    /// The protected ticket, or null when the session was ended or has expired, or its user is disabled, gone, or no longer
    /// has the security stamp the session began with. One query, by primary keys — or none, when this instance has found the
    /// session valid before and nothing that could change that has happened since, here or on any other instance
    /// (<see cref="Caching.InstanceCache"/>, decision 0046): its expiry and absolute lifetime are still checked against the clock.
    /// </returns>
    public async Task<byte[]?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var signedInAfter = now - AbsoluteLifetime;
        if (cache.TryGetSession(key, out var cached))
        {
            return (cached!.ExpiresAtUtc == null || cached.ExpiresAtUtc > now) && cached.CreatedAtUtc > signedInAfter ? cached.Ticket : null;
        }

        var token = cache.Begin();
        var found = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == key && (s.ExpiresAtUtc == null || s.ExpiresAtUtc > now) && s.CreatedAtUtc > signedInAfter)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.Ticket, s.SecurityStamp, Current = u.SecurityStamp, u.IsActive, s.UserId, s.CreatedAtUtc, s.ExpiresAtUtc })
            .Where(x => x.IsActive && x.SecurityStamp == x.Current)
            .Select(x => new { x.Ticket, x.UserId, x.CreatedAtUtc, x.ExpiresAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null) return null;
        cache.PutSession(token, key, new Caching.CachedSession(found.UserId, found.Ticket, found.CreatedAtUtc, found.ExpiresAtUtc));
        return found.Ticket;
    }

    /// <summary>
    /// Stores the renewed ticket of a going session (sliding expiration). Only the session's own user's ticket: a ticket of
    /// another user never lands under this key.
    /// </summary>
    public async Task RenewAsync(string key, string userId, byte[] ticket, DateTimeOffset? expires, CancellationToken cancellationToken = default)
    {
        await db.UserSessions.TagWith(Caching.CacheChangeInterceptor.PublishedTag).Where(s => s.Id == key && s.UserId == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ticket, ticket).SetProperty(s => s.ExpiresAtUtc, expires == null ? null : expires.Value.UtcDateTime), cancellationToken);
        await cache.PublishAsync(Caching.CacheChange.Session(key), cancellationToken);
    }

    public async Task EndAsync(string key, CancellationToken cancellationToken = default)
    {
        await db.UserSessions.TagWith(Caching.CacheChangeInterceptor.PublishedTag).Where(s => s.Id == key).ExecuteDeleteAsync(cancellationToken);
        await cache.PublishAsync(Caching.CacheChange.Session(key), cancellationToken);
    }

    /// <summary>Ends every session of the user (password reset, user disabled or given another role or region).</summary>
    public Task<int> EndAllAsync(string userId, CancellationToken cancellationToken = default) =>
        EndedAsync(db.UserSessions.TagWith(Caching.CacheChangeInterceptor.PublishedTag).Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken), Caching.CacheChange.User(userId), cancellationToken);

    /// <summary>Ends every other session of the user: after a password change, only the browser that changed it stays signed in.</summary>
    public Task<int> EndOthersAsync(string userId, string? keepKey, CancellationToken cancellationToken = default) =>
        EndedAsync(db.UserSessions.TagWith(Caching.CacheChangeInterceptor.PublishedTag).Where(s => s.UserId == userId && s.Id != keepKey).ExecuteDeleteAsync(cancellationToken), Caching.CacheChange.User(userId), cancellationToken);

    /// <summary>Ends every session of every user: after a restore, no session of the backup's time comes back.</summary>
    public Task<int> EndEveryoneAsync(CancellationToken cancellationToken = default) =>
        EndedAsync(db.UserSessions.TagWith(Caching.CacheChangeInterceptor.PublishedTag).ExecuteDeleteAsync(cancellationToken), Caching.CacheChange.All, cancellationToken);

    // Every instance drops what it kept of the ended sessions once the delete is committed: at once outside a write, at the
    // write's commit inside one (a password reset, a disable), never after its rollback.
    private async Task<int> EndedAsync(Task<int> ending, Caching.CacheChange change, CancellationToken cancellationToken)
    {
        var ended = await ending;
        await changes.AfterCommitAsync(db, change, cancellationToken);
        return ended;
    }
}
