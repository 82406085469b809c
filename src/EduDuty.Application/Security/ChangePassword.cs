using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Security;

/// <summary>What a user types to change their password.</summary>
public sealed record PasswordChange(string? Current, string? NewPassword, string? Confirm);

/// <summary>
/// A user changes their own password (the first sign-in's one-time password, or any time): checked against the password
/// rules, the one-time mark cleared, and every other session of the user ended (another browser, a stolen cookie). The
/// caller refreshes the sign-in of the session that asked, which goes on under a new key.
/// Guessing the current password here is no easier than on the sign-in page: attempts are limited per user and minute
/// (<see cref="SignInLimits.PasswordChangesPerUser"/>, counted in the database), a wrong current password counts toward the
/// account's lockout like a wrong sign-in, and a locked account cannot change its password until the lockout ends, even
/// with the right one.
/// </summary>
public sealed class ChangePassword(
    EduDutyUserManager users, Sessions sessions, AttemptLimits limits, SignInLimits settings, ILogger<ChangePassword> logger)
{
    /// <param name="keepSession">The key of the session that asked (null: none to keep).</param>
    /// <returns>
    /// Done with the user (to refresh the sign-in); invalid naming the field (Current, NewPassword, Confirm); refused with
    /// <see cref="Messages.TooManyAttempts"/> or <see cref="Messages.PasswordChangeLockedOut"/>.
    /// </returns>
    public async Task<Outcome<AppUser>> HandleAsync(string userId, PasswordChange change, string? keepSession, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrEmpty(change.Current)) problems.Add(new(nameof(change.Current), "请输入当前密码（管理员给您的一次性密码）。"));
        if (string.IsNullOrEmpty(change.NewPassword)) problems.Add(new(nameof(change.NewPassword), "请输入新密码。"));
        else if (change.NewPassword != change.Confirm) problems.Add(new(nameof(change.Confirm), "两次输入的新密码不一致，请重新输入。"));
        else if (change.NewPassword == change.Current) problems.Add(new(nameof(change.NewPassword), "新密码不能与当前密码相同。"));
        if (problems.Count > 0) return Outcome.Invalid(problems);

        var user = await users.FindByIdAsync(userId);
        if (user is null) return Outcome.NotFound();
        // A new password the rules refuse is said before anything is counted or hashed: the user guessed nothing (five of them
        // in a row used to lock the page for a minute, from the new-user walk), and it tells nothing about the current one.
        var weak = new List<FieldProblem>();
        foreach (var validator in users.PasswordValidators)
        {
            var checkedRules = await validator.ValidateAsync(users, user, change.NewPassword!);
            weak.AddRange(checkedRules.Errors.Select(e => new FieldProblem(nameof(change.NewPassword), e.Description)));
        }

        if (weak.Count > 0) return Outcome.Invalid(weak);

        if (await limits.TryAttemptAsync(SignInLimits.PasswordChangeKey(user.Id), settings.PasswordChangesPerUser, SignInLimits.Window, cancellationToken) is { } wait)
        {
            logger.LogWarning("Password changes of user {User} throttled", user.Id);
            return Outcome.Refused(Messages.TooManyAttempts(wait));
        }

        if (await users.LockoutMinutesLeftAsync(user) is > 0 and var locked) return Outcome.Refused(Messages.PasswordChangeLockedOut(locked));
        var result = await users.ChangePasswordAsync(user, change.Current!, change.NewPassword!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "PasswordMismatch"))
            {
                await users.AccessFailedAsync(user);
                logger.LogWarning("Wrong current password in a password change of user {User}", user.Id);
                if (await users.LockoutMinutesLeftAsync(user) is > 0 and var minutes) return Outcome.Refused(Messages.PasswordChangeLockedOut(minutes));
            }

            return Outcome.Invalid(result.Errors
                .Select(e => new FieldProblem(e.Code == "PasswordMismatch" ? nameof(change.Current) : nameof(change.NewPassword), e.Description)).ToList());
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await users.ResetAccessFailedCountAsync(user);
        await sessions.EndOthersAsync(user.Id, keepSession, cancellationToken);
        logger.LogInformation("User {User} changed their password; other sessions ended", user.Id);
        return Outcome.Done(user);
    }
}
