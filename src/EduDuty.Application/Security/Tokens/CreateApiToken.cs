using EduDuty.Application.Administration;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Security;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Security.Tokens;

/// <summary>
/// Makes an API token and answers its secret, the only time it is ever shown (decision 0049). A user makes their own personal
/// tokens (个人信息); an admin makes service tokens for the service accounts of their region; the command line makes either.
/// The name is one line of 1–50 characters; the expiry is required, 1–365 days; the scopes are known ones that the owner's
/// role can use (<see cref="ApiScopes.AllowedFor"/>): a county official's token never carries review or admin. The owner must
/// be active. Only the SHA-256 of the secret is stored. Recorded in the admin audit (创建令牌) where the owner's admins see it.
/// </summary>
public sealed class CreateApiToken(EduDutyDbContext db, AdminAuditLog audit, WriteExecutor executor, TimeProvider clock)
{
    public const int MaxDays = 365;

    public const int MaxNameLength = 30; // recorded with the user's name in 50 characters (Actor.RecordedName)

    /// <summary>A personal token for the actor.</summary>
    public Task<Outcome<CreatedApiToken>> ForSelfAsync(ApiTokenRequest request, Actor actor, CancellationToken cancellationToken = default) =>
        HandleAsync(actor.Id, request, actor, cancellationToken);

    /// <param name="ownerId">The user the token acts as: the actor (a personal token) or a service account under the admin's region.</param>
    public Task<Outcome<CreatedApiToken>> HandleAsync(string ownerId, ApiTokenRequest request, Actor actor, CancellationToken cancellationToken = default)
    {
        var name = (request.Name ?? string.Empty).Trim();
        var problems = new List<FieldProblem>();
        if (name.Length is 0 or > MaxNameLength || !PlainText.IsSingleLine(name)) problems.Add(new FieldProblem(nameof(request.Name), Messages.ApiTokenNameInvalid.Text));
        var (scopes, scopeError) = ApiScopes.Parse(string.Join(' ', request.Scopes ?? []));
        if (scopeError is not null) problems.Add(new FieldProblem(nameof(request.Scopes), scopeError.Text));
        if (request.ExpiresInDays is not (>= 1 and <= MaxDays)) problems.Add(new FieldProblem(nameof(request.ExpiresInDays), Messages.ApiTokenExpiryInvalid(MaxDays).Text));
        if (problems.Count > 0) return Task.FromResult<Outcome<CreatedApiToken>>(Outcome.Invalid(problems));

        return executor.ExecuteAsync<CreatedApiToken>($"create API token for {ownerId} by {actor.Id}", async (scope, ct) =>
        {
            var owner = await db.Users.AsNoTracking().Where(u => u.Id == ownerId)
                .Select(u => new { u.Id, u.UserName, u.DisplayName, u.IsActive, u.IsServiceAccount, RegionPath = u.Region.Path, RegionName = u.Region.Name })
                .SingleOrDefaultAsync(ct);
            if (owner is null) return Outcome.NotFound(Messages.UserNotFound);

            // Whose token the actor may make: their own; an admin (or the command line) a service account's under their region.
            var kind = owner.IsServiceAccount ? ApiTokenKind.Service : ApiTokenKind.Personal;
            var allowed = owner.Id == actor.Id && !owner.IsServiceAccount
                          || (actor.IsInRole(Roles.Admin) && actor.Covers(owner.RegionPath) && (owner.IsServiceAccount || actor.IsCommandLine));
            if (!allowed) return owner.IsServiceAccount || actor.Covers(owner.RegionPath) ? Outcome.Refused(Messages.ApiServiceAccountNeeded) : Outcome.NotFound(Messages.UserNotFound);
            if (!owner.IsActive) return Outcome.Refused(Messages.ApiTokenUserInactive);

            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == owner.Id select r.Name!).ToListAsync(ct);
            var permitted = ApiScopes.AllowedFor(roles);
            if (scopes.FirstOrDefault(s => !permitted.Contains(s)) is { } refused)
            {
                var message = Messages.ApiScopeNotForRole(refused, string.Join("、", roles.Select(Roles.DisplayName)));
                return Outcome.Invalid([new FieldProblem(nameof(request.Scopes), message.Text)]);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var (secret, hash, prefix) = ApiTokenSecrets.New();
            var token = new ApiToken
            {
                Name = name, UserId = owner.Id, Kind = kind, Scopes = ApiScopes.Join(scopes), SecretHash = hash, Prefix = prefix,
                CreatedAtUtc = now, CreatedById = actor.Id, CreatedByName = actor.DisplayName, ExpiresAtUtc = now.AddDays(request.ExpiresInDays!.Value),
            };
            db.ApiTokens.Add(token);
            audit.Add(actor, AdminAction.CreateToken, $"{owner.UserName}：{name}（{prefix}…）", null,
                $"{(kind == ApiTokenKind.Service ? "服务令牌" : "个人令牌")}；权限范围：{token.Scopes}；有效至 {ChinaTime.IsoTimestamp(token.ExpiresAtUtc)}", owner.RegionPath);
            await scope.FlushAsync(ct); // the id, for the answer
            var line = new ApiTokenLine(token.Id, name, kind, prefix, scopes, owner.UserName!, owner.DisplayName, owner.RegionName, now, actor.DisplayName,
                token.ExpiresAtUtc, null, null, null, ApiTokenState.Active);
            return Outcome.Done(new CreatedApiToken(line, secret));
        }, cancellationToken);
    }
}
