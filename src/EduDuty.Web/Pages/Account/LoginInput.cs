using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace EduDuty.Web.Pages.Account;

public sealed class LoginInput
{
    [Display(Name = "用户名")]
    public string? UserName { get; set; }

    [DataType(DataType.Password)]
    public string? Password { get; set; }
}

internal sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator()
    {
        RuleFor(x => x.UserName)
            .NotEmpty().WithMessage("请输入用户名。")
            .MaximumLength(64).WithMessage("用户名不能超过 64 个字符，请检查是否输入有误。");
        RuleFor(x => x.Password)
            .NotEmpty().WithMessage("请输入密码。")
            .MaximumLength(128).WithMessage("密码不能超过 128 个字符，请检查是否输入有误。");
    }
}
