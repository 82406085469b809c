using Microsoft.AspNetCore.Identity;

namespace EduDuty.Application.Security;

/// <summary>Identity's messages in Chinese, each saying what to do next.</summary>
public sealed class ChineseIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 个字符，请设置更长的密码（可以使用一句好记的话）。" };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = EduDuty.Core.Messaging.Messages.NameUnavailable("用户名", userName).Text };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = $"用户名 “{userName}” 无效：只能使用字母、数字和 . _ - @。" };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "当前密码不正确，请重新输入。" };

    public override IdentityError UserLockoutNotEnabled() =>
        new() { Code = nameof(UserLockoutNotEnabled), Description = "该账户未启用锁定功能。" };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = "操作未能完成，请重试；如仍失败，请联系管理员。" };
}
