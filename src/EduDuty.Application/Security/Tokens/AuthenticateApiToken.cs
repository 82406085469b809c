using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Security;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Security.Tokens;

/// <summary>
/// Who a presented token is (decision 0049): the secret is hashed and its row found by the hash (one query with its user,
/// region and roles), the hashes compared again in constant time; refused when unknown, expired, revoked, or its user is
/// disabled or locked out. Read on every call — no cache — so a revoke, a disabled user or a new role counts from the next call
/// on, on every instance. The last use is written at most once a minute per token (a conditional update), never per call.
/// </summary>
public sealed class AuthenticateApiToken(EduDutyDbContext db, WriteExecutor executor, TimeProvider clock)
{
    /// <summary>How often the last use of a token is written at most.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<Outcome<ApiTokenIdentity>> HandleAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presented)) return Outcome.Refused(Messages.ApiTokenMissing);
        if (!ApiTokenSecrets.IsWellFormed(presented)) return Outcome.Refused(Messages.ApiTokenInvalid);
        var hash = ApiTokenSecrets.HashOf(presented);
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

        var now = clock.GetUtcNow();
        if (row.RevokedAtUtc is not null) return Outcome.Refused(Messages.ApiTokenRevoked);
        if (row.ExpiresAtUtc <= now.UtcDateTime) return Outcome.Refused(Messages.ApiTokenExpired);
        if (!row.IsActive || (row.LockoutEnabled && row.LockoutEnd is { } end && end >= now)) return Outcome.Refused(Messages.ApiTokenUserInactive);

        if (row.LastUsedAtUtc is not { } last || now.UtcDateTime - last >= LastUseResolution) await NoteUseAsync(row.Id, now.UtcDateTime, cancellationToken);
        var roles = row.Roles.OfType<string>().Where(Roles.All.Contains).ToList();
        return Outcome.Done(new ApiTokenIdentity(row.Id, row.Name, ApiScopes.Split(row.Scopes), row.UserId, row.UserName ?? row.UserId, row.DisplayName,
            roles, row.RegionId, row.RegionPath, row.RegionName));
    }

    // Only when no other call of the same minute has written it already (the condition is in the UPDATE): at most one write a
    // minute per token, however many calls run at once. A failure to note the use does not refuse the call.
    private Task NoteUseAsync(int tokenId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var before = nowUtc - LastUseResolution;
        return executor.ExecuteAsync($"note the use of API token {tokenId}", (scope, ct) =>
            scope.Db.ApiTokens.Where(t => t.Id == tokenId && (t.LastUsedAtUtc == null || t.LastUsedAtUtc <= before))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, nowUtc), ct), cancellationToken);
    }
}
