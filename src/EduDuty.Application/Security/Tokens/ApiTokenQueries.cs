using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Security.Tokens;

/// <summary>
/// The token lists: a user's own tokens (个人信息), the service tokens of the service accounts under an admin's region (服务账号),
/// and for the command line every token. Newest first; never the secret.
/// </summary>
public sealed class ApiTokenQueries(EduDutyDbContext db, TimeProvider clock)
{
    public Task<IReadOnlyList<ApiTokenLine>> MineAsync(Actor actor, CancellationToken cancellationToken = default) =>
        LinesAsync(db.ApiTokens.Where(t => t.UserId == actor.Id && t.Kind == ApiTokenKind.Personal), cancellationToken);

    /// <summary>Service tokens of the accounts under the admin's region; with <paramref name="allKinds"/> (the command line) personal ones too.</summary>
    public Task<IReadOnlyList<ApiTokenLine>> ManagedAsync(Actor actor, bool allKinds = false, CancellationToken cancellationToken = default)
    {
        if (!actor.IsInRole(Roles.Admin)) return Task.FromResult<IReadOnlyList<ApiTokenLine>>([]);
        var users = db.Users.Under(u => u.Region.Path, actor.RegionPath).Select(u => u.Id);
        var tokens = db.ApiTokens.Where(t => users.Contains(t.UserId));
        return LinesAsync(allKinds ? tokens : tokens.Where(t => t.Kind == ApiTokenKind.Service), cancellationToken);
    }

    private async Task<IReadOnlyList<ApiTokenLine>> LinesAsync(IQueryable<ApiToken> tokens, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await (from t in tokens.AsNoTracking()
                          join u in db.Users on t.UserId equals u.Id
                          orderby t.Id descending
                          select new { Token = t, u.UserName, u.DisplayName, RegionName = u.Region.Name }).ToListAsync(cancellationToken);
        return rows.Select(r => new ApiTokenLine(r.Token.Id, r.Token.Name, r.Token.Kind, r.Token.Prefix, ApiScopes.Split(r.Token.Scopes), r.UserName!,
            r.DisplayName, r.RegionName, r.Token.CreatedAtUtc, r.Token.CreatedByName, r.Token.ExpiresAtUtc, r.Token.LastUsedAtUtc, r.Token.RevokedAtUtc,
            r.Token.RevokedByName, StateOf(r.Token, now))).ToList();
    }

    public static ApiTokenState StateOf(ApiToken token, DateTime nowUtc) =>
        token.RevokedAtUtc is not null ? ApiTokenState.Revoked : token.ExpiresAtUtc <= nowUtc ? ApiTokenState.Expired : ApiTokenState.Active;
}
