using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace EduDuty.Web.Pages.Account;

[EnableRateLimiting(ServiceRegistration.LoginRateLimit)]
public sealed class LoginModel(
    SignInManager<AppUser> signInManager, IValidator<LoginInput> validator, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input));
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(Input.UserName!, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Sign-in of {UserName} from {Ip}", Input.UserName, HttpContext.Connection.RemoteIpAddress);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        logger.LogWarning("Failed sign-in of {UserName} from {Ip}: {Outcome}", Input.UserName, HttpContext.Connection.RemoteIpAddress,
            result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong credentials");
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "该账户因连续多次输错密码已被锁定。请 15 分钟后再试，或联系管理员解锁。"
            : result.IsNotAllowed
                ? "该账户目前不能登录，请联系管理员。"
                : "用户名或密码不正确，请检查后重试。连续输错 5 次后账户将被锁定 15 分钟。");
        Input.Password = null;
        return Page();
    }
}
