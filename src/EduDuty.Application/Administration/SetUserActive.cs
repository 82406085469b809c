using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Administration;

/// <summary>
/// Disables or enables a user under the admin's region. A disabled user's sessions end everywhere at once. Admins cannot
/// disable themselves, and the last active admin can never be disabled. Audited.
/// </summary>
public sealed class SetUserActive(ManagedUsers managed, AdminAuditLog audit, WriteExecutor executor)
{
    public Task<Outcome<Unit>> HandleAsync(string? userId, bool active, Actor actor, CancellationToken cancellationToken) =>
        executor.ExecuteAsync<Unit>($"{(active ? "enable" : "disable")} user {userId} by {actor.Id}", async (scope, ct) =>
        {
            if (await managed.FindAsync(userId, actor, ct) is not { } user) return Outcome.NotFound(Messages.UserNotFound);
            var done = active ? $"{user.UserName}：已启用。" : $"{user.UserName}：已停用，该用户的登录已全部结束。";
            if (user.IsActive == active)
            {
                scope.Discard(); // already so: nothing to change, nothing to record
                return Outcome.DoneSaying(done);
            }

            if (!active && user.Id == actor.Id) return Outcome.Refused(Messages.CannotDisableSelf);
            if (!active && await managed.IsLastActiveAdminAsync(user)) return Outcome.Refused(Messages.LastActiveAdmin("停用"));

            user.IsActive = active;
            await managed.Users.UpdateAsync(user);
            await managed.Users.UpdateSecurityStampAsync(user);
            if (!active) await managed.RevokeAccessAsync(user.Id, ct); // signed out everywhere, at once
            audit.Add(actor, active ? AdminAction.EnableUser : AdminAction.DisableUser, user.UserName!, active ? "停用" : "启用", active ? "启用" : "停用",
                await managed.RegionPathOfAsync(user, ct));
            return Outcome.DoneSaying(done);
        }, cancellationToken);
}
