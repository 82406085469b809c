using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Security;

/// <summary>What a user types to change their password.</summary>
public sealed record PasswordChange(string? Current, string? NewPassword, string? Confirm);

/// <summary>
/// A user changes their own password (the first sign-in's one-time password, or any time): checked against the password
/// rules, the one-time mark cleared, and every other session of the user ended (another browser, a stolen cookie). The
/// caller refreshes the sign-in of the session that asked, which goes on.
/// </summary>
public sealed class ChangePassword(UserManager<AppUser> users, Sessions sessions, ILogger<ChangePassword> logger)
{
    /// <param name="keepSession">The key of the session that asked (null: none to keep).</param>
    /// <returns>Done with the user (to refresh the sign-in); invalid naming the field (Current, NewPassword, Confirm).</returns>
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
        var result = await users.ChangePasswordAsync(user, change.Current!, change.NewPassword!);
        if (!result.Succeeded)
        {
            return Outcome.Invalid(result.Errors
                .Select(e => new FieldProblem(e.Code == "PasswordMismatch" ? nameof(change.Current) : nameof(change.NewPassword), e.Description)).ToList());
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await sessions.EndOthersAsync(user.Id, keepSession, cancellationToken);
        logger.LogInformation("User {User} changed their password; other sessions ended", user.Id);
        return Outcome.Done(user);
    }
}
