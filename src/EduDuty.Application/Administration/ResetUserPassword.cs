using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Administration;

/// <summary>
/// Gives a user under the admin's region a one-time password, shown once (the done value) and to be changed at the next
/// sign-in; the user's sessions end. It also turns off two-factor sign-in and forgets its secret: the reset is how a user who
/// lost the phone gets back in (and is asked to turn it on again where the role requires it). Audited, without the password.
/// </summary>
public sealed class ResetUserPassword(ManagedUsers managed, AdminAuditLog audit, WriteExecutor executor)
{
    /// <returns>Done with the user and the one-time password.</returns>
    public Task<Outcome<CreatedUser>> HandleAsync(string? userId, Actor actor, CancellationToken cancellationToken) =>
        executor.ExecuteAsync<CreatedUser>($"reset password of user {userId} by {actor.Id}", async (_, ct) =>
        {
            if (await managed.FindAsync(userId, actor, ct) is not { } user) return Outcome.NotFound(Messages.UserNotFound);
            if (user.IsServiceAccount) return Outcome.Refused(Messages.ApiServiceAccountNoPassword); // it never signs in (issue 29)
            var password = ManagedUsers.NewOneTimePassword();
            var token = await managed.Users.GeneratePasswordResetTokenAsync(user);
            var result = await managed.Users.ResetPasswordAsync(user, token, password);
            if (!result.Succeeded) return Outcome.Invalid(ManagedUsers.ProblemsOf(result, "Password"));
            user.MustChangePassword = true;
            await managed.Users.UpdateAsync(user);
            if (user.TwoFactorEnabled)
            {
                await managed.Users.SetTwoFactorEnabledAsync(user, false);
                await managed.Users.ResetAuthenticatorKeyAsync(user);
            }

            await managed.RevokeAccessAsync(user.Id, ct);
            audit.Add(actor, AdminAction.ResetPassword, user.UserName!, null, "一次性密码，下次登录须修改", await managed.RegionPathOfAsync(user, ct));
            return Outcome.Done(new CreatedUser(user.UserName!, user.DisplayName, string.Empty, string.Empty, password),
                "密码已重置。一次性密码只显示这一次，请转告本人，登录后须修改。");
        }, cancellationToken);
}
