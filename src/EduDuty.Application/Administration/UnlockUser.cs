using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Administration;

/// <summary>Lifts the lockout of a user under the admin's region (after too many failed sign-ins). Audited.</summary>
public sealed class UnlockUser(ManagedUsers managed, AdminAuditLog audit, WriteExecutor executor)
{
    public Task<Outcome<Unit>> HandleAsync(string? userId, Actor actor, CancellationToken cancellationToken) =>
        executor.ExecuteAsync<Unit>($"unlock user {userId} by {actor.Id}", async (_, ct) =>
        {
            if (await managed.FindAsync(userId, actor, ct) is not { } user) return Outcome.NotFound(Messages.UserNotFound);
            await managed.Users.SetLockoutEndDateAsync(user, null);
            await managed.Users.ResetAccessFailedCountAsync(user);
            audit.Add(actor, AdminAction.UnlockUser, user.UserName!, "锁定", "正常", await managed.RegionPathOfAsync(user, ct));
            return Outcome.DoneSaying($"{user.UserName}：已解除锁定。");
        }, cancellationToken);
}
