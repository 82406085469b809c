using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Security;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Security.Tokens;

/// <summary>
/// Who a presented token is (decision 0049): the secret is hashed and its row found by the hash (one query with its user,
/// region and roles), the hashes compared again in constant time; refused when unknown, expired, revoked, or its user is
/// disabled or locked out. A token found valid is kept by this instance (<see cref="Caching.InstanceCache"/>, as the sessions
/// behind cookies are, decisions 0046 and 0049) until anything that could change the answer happens — the token revoked, its
/// user disabled, locked, given another role, region or name — here or on any other instance, which drops it before the
/// change's use case returns; its expiry and the user's lockout are still checked against the clock on every call. The last
/// use is written at most once a minute per token (a conditional update), never per call.
/// </summary>
public sealed class AuthenticateApiToken(EduDutyDbContext db, WriteExecutor executor, TimeProvider clock, Caching.InstanceCache cache)
{
    /// <summary>How often the last use of a token is written at most.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<Outcome<ApiTokenIdentity>> HandleAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presented)) return Outcome.Refused(Messages.ApiTokenMissing);
        if (!ApiTokenSecrets.IsWellFormed(presented)) return Outcome.Refused(Messages.ApiTokenInvalid);
        var hash = ApiTokenSecrets.HashOf(presented);
        var now = clock.GetUtcNow();
        if (cache.TryGetApiToken(hash, out var cached)) return await StillValidAsync(cached!, now, cancellationToken);

        var generation = cache.Begin();
        var row = await (from t in db.ApiTokens.AsNoTracking()
                         join u in db.Users on t.UserId equals u.Id
                         where t.SecretHash == hash
                         select new
                         {
                             t.Id, t.Name, t.Scopes, t.SecretHash, t.ExpiresAtUtc, t.RevokedAtUtc, t.LastUsedAtUtc,
                             u.UserName, u.DisplayName, u.IsActive, u.LockoutEnabled, u.LockoutEnd, u.RegionId, RegionPath = u.Region.Path, RegionName = u.Region.Name,
                             UserId = u.Id,
                             Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToList(),
                         }).SingleOrDefaultAsync(cancellationToken);
        if (row is null || !ApiTokenSecrets.SameHash(row.SecretHash, hash)) return Outcome.Refused(Messages.ApiTokenInvalid);

        if (row.RevokedAtUtc is not null) return Outcome.Refused(Messages.ApiTokenRevoked);
        if (!row.IsActive) return Outcome.Refused(Messages.ApiTokenUserInactive);
        var roles = row.Roles.OfType<string>().Where(Roles.All.Contains).ToList();
        var found = new Caching.CachedApiToken(
            new ApiTokenIdentity(row.Id, row.Name, ApiScopes.Split(row.Scopes), row.UserId, row.UserName ?? row.UserId, row.DisplayName,
                roles, row.RegionId, row.RegionPath, row.RegionName),
            row.ExpiresAtUtc, row.LockoutEnabled, row.LockoutEnd) { LastUsedAtUtc = row.LastUsedAtUtc };
        cache.PutApiToken(generation, hash, found);
        return await StillValidAsync(found, now, cancellationToken);
    }

    // What changes with the clock alone (never cached as an answer): expiry and lockout; then the use noted.
    private async Task<Outcome<ApiTokenIdentity>> StillValidAsync(Caching.CachedApiToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (token.ExpiresAtUtc <= now.UtcDateTime) return Outcome.Refused(Messages.ApiTokenExpired);
        if (token.LockoutEnabled && token.LockoutEnd is { } end && end >= now) return Outcome.Refused(Messages.ApiTokenUserInactive);
        if (token.LastUsedAtUtc is not { } last || now.UtcDateTime - last >= LastUseResolution)
        {
            token.LastUsedAtUtc = now.UtcDateTime; // this instance's other calls of the minute skip the write
            await NoteUseAsync(token.Identity.TokenId, now.UtcDateTime, cancellationToken);
        }

        return Outcome.Done(token.Identity);
    }

    // Only when no other call of the same minute has written it already (the condition is in the UPDATE): at most one write a
    // minute per token, however many calls run at once. A failure to note the use does not refuse the call.
    private Task NoteUseAsync(int tokenId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var before = nowUtc - LastUseResolution;
        return executor.ExecuteAsync($"note the use of API token {tokenId}", (scope, ct) =>
            // Tagged: the last use is not what any cache keeps, so the statement drops nothing (CacheChangeInterceptor).
            scope.Db.ApiTokens.TagWith(Caching.CacheChangeInterceptor.PublishedTag).Where(t => t.Id == tokenId && (t.LastUsedAtUtc == null || t.LastUsedAtUtc <= before))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, nowUtc), ct), cancellationToken);
    }
}
