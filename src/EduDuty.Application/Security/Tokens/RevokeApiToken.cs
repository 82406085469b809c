using EduDuty.Application.Administration;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Security.Tokens;

/// <summary>
/// Revokes a token: the owner their own; an admin any token of a user under their region (a service account's, or a user's
/// whose token leaked); the command line any. It takes effect at the token's next call: every call reads the token's row
/// (<see cref="AuthenticateApiToken"/>), so once this write has committed no call is let in with it. A token already revoked
/// stays as it was. Recorded in the admin audit (撤销令牌).
/// </summary>
public sealed class RevokeApiToken(EduDutyDbContext db, AdminAuditLog audit, WriteExecutor executor, TimeProvider clock)
{
    public Task<Outcome<Unit>> HandleAsync(int tokenId, Actor actor, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync<Unit>($"revoke API token {tokenId} by {actor.Id}", async (scope, ct) =>
        {
            var found = await (from t in db.ApiTokens
                               join u in db.Users on t.UserId equals u.Id
                               where t.Id == tokenId
                               select new { Token = t, u.UserName, RegionPath = u.Region.Path }).SingleOrDefaultAsync(ct);
            if (found is null) return Outcome.NotFound(Messages.ApiTokenNotFound);
            var token = found.Token;
            var mayRevoke = (token.UserId == actor.Id && token.Kind == ApiTokenKind.Personal)
                            || (actor.IsInRole(Roles.Admin) && actor.Covers(found.RegionPath));
            if (!mayRevoke) return Outcome.NotFound(Messages.ApiTokenNotFound);
            if (token.RevokedAtUtc is not null)
            {
                scope.Discard();
                return Outcome.DoneSaying($"令牌“{token.Name}”已于此前撤销。");
            }

            token.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            token.RevokedById = actor.Id;
            token.RevokedByName = actor.RecordedName;
            audit.Add(actor, AdminAction.RevokeToken, $"{found.UserName}：{token.Name}（{token.Prefix}…）", "有效", "已撤销", found.RegionPath);
            return Outcome.DoneSaying($"令牌“{token.Name}”已撤销，使用它的调用从下一次起被拒绝。");
        }, cancellationToken);
}
