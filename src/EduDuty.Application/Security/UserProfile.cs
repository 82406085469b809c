using EduDuty.Application.Administration;
using EduDuty.Application.Writes;
using EduDuty.Core.Administration;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Security;

/// <summary>What the 个人信息 page shows and the user may change: the name others see and the address messages go to.</summary>
public sealed record Profile(string UserName, string DisplayName, string? Email);

/// <summary>What a user types on the 个人信息 page.</summary>
public sealed record ProfileChange(string? DisplayName, string? Email);

/// <summary>
/// A user's own name and e-mail address for messages (issue 27, decision 0042), kept in Identity's user (DisplayName, Email).
/// The values are checked by the same rules as the admin's user form (<see cref="UserCsv.CheckDisplayName"/>,
/// <see cref="UserCsv.CheckEmail"/>); a change is saved through the write executor with an entry in the admin audit
/// (修改个人信息, before and after), which the admins of the user's region read. The caller refreshes the sign-in so the
/// header shows the new name.
/// </summary>
public sealed class UserProfile(EduDutyUserManager users, AdminAuditLog audit, WriteExecutor executor)
{
    public async Task<Outcome<Profile>> GetAsync(string userId) =>
        await users.FindByIdAsync(userId) is { } user ? Outcome.Done(new Profile(user.UserName!, user.DisplayName, user.Email)) : Outcome.NotFound();

    /// <returns>
    /// Done with the user (to refresh the sign-in) and a note; invalid naming the field (DisplayName, Email); not found when the
    /// account is gone.
    /// </returns>
    public Task<Outcome<AppUser>> SaveAsync(Actor actor, ProfileChange change, CancellationToken cancellationToken)
    {
        var name = (change.DisplayName ?? string.Empty).Trim();
        var email = string.IsNullOrWhiteSpace(change.Email) ? null : change.Email.Trim();
        var problems = UserCsv.CheckDisplayName(name).Concat(UserCsv.CheckEmail(email))
            .Select(p => new FieldProblem(p.Field == UserField.Email ? nameof(change.Email) : nameof(change.DisplayName), p.Message))
            .ToList();
        if (problems.Count > 0) return Task.FromResult<Outcome<AppUser>>(Outcome.Invalid(problems));

        return executor.ExecuteAsync<AppUser>($"change profile of user {actor.Id}", async (scope, _) =>
        {
            if (await users.FindByIdAsync(actor.Id) is not { } user) return Outcome.NotFound();
            if (user.DisplayName == name && user.Email == email)
            {
                scope.Discard(); // nothing changed
                return Outcome.Done(user, "个人信息没有变化。");
            }

            var before = Describe(user.DisplayName, user.Email);
            user.DisplayName = name;
            user.Email = email;
            user.NormalizedEmail = users.NormalizeEmail(email);
            var result = await users.UpdateAsync(user);
            if (!result.Succeeded) return Outcome.Invalid(result.Errors.Select(e => new FieldProblem(nameof(change.Email), e.Description)).ToList());
            audit.Add(actor, AdminAction.ChangeProfile, user.UserName!, before, Describe(name, email), actor.RegionPath);
            return Outcome.Done(user, "个人信息已保存。页面顶部和新的消息将使用新的姓名；消息将发送到新的电子邮箱。");
        }, cancellationToken);
    }

    private static string Describe(string name, string? email) => $"姓名：{name}；电子邮箱：{email ?? "未填写"}";
}
