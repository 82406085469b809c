using System.ComponentModel.DataAnnotations;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signInManager, LoginThrottle throttle, DeviceCookie deviceCookie, ILogger<LoginModel> logger) : PageModel
{
    /// <summary>
    /// The one answer to every failed sign-in: a wrong password, an unknown, disabled or locked account all read alike, so
    /// that the page does not tell which accounts exist or are locked.
    /// </summary>
    public const string Failure = "用户名或密码不正确，或账户暂时不能登录。请检查后重试；连续输错 5 次后账户将锁定 15 分钟，需要帮助请联系本地区的管理员。";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    [Display(Name = "返回地址")]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<LoginInput> validator)
    {
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddTo(ModelState, nameof(Input));
            return Page();
        }

        if (await throttle.TryAttemptAsync(Input.UserName, deviceCookie.DeviceForName(HttpContext, Input.UserName), HttpContext.RequestAborted) is { } wait)
        {
            logger.LogWarning("Sign-in attempts for {UserName} throttled from {Ip}", Input.UserName, HttpContext.Connection.RemoteIpAddress);
            TooManyAttempts.Apply(Response, wait);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var result = await signInManager.PasswordSignInAsync(Input.UserName!, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Sign-in of {UserName} from {Ip}", Input.UserName, HttpContext.Connection.RemoteIpAddress);
            return LocalRedirect(ReturnUrls.LocalOrHome(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWithCode", new { ReturnUrl = ReturnUrls.LocalOrHome(ReturnUrl) });
        }

        logger.LogWarning("Failed sign-in of {UserName} from {Ip}: {Outcome}", Input.UserName, HttpContext.Connection.RemoteIpAddress,
            result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong credentials");
        ModelState.AddModelError(string.Empty, Failure);
        Input.Password = null;
        return Page();
    }
}
