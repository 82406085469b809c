using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Account;

/// <summary>
/// The second step of a two-factor sign-in: the password was right, Identity remembers who in a short-lived cookie, the code
/// from the app finishes the sign-in (under a new session key). Wrong codes count toward the lockout like wrong passwords;
/// the POSTs count toward the sign-in limit per address.
/// </summary>
public sealed class LoginWithCodeModel(SignInManager<AppUser> signInManager, ILogger<LoginWithCodeModel> logger) : PageModel
{
    [System.ComponentModel.DataAnnotations.Display(Name = "验证码")]
    [BindProperty]
    public string? Code { get; set; }

    [System.ComponentModel.DataAnnotations.Display(Name = "登录后返回的页面")]

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("/Account/Login");
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(Code ?? string.Empty, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            logger.LogInformation("Two-factor sign-in of {UserName} from {Ip}", user.UserName, HttpContext.Connection.RemoteIpAddress);
            return LocalRedirect(ReturnUrls.LocalOrHome(ReturnUrl));
        }

        logger.LogWarning("Failed two-factor code of {UserName} from {Ip}", user.UserName, HttpContext.Connection.RemoteIpAddress);
        ModelState.AddModelError(nameof(Code), result.IsLockedOut ? LoginModel.Failure : Messages.TwoFactorCodeWrong.Text);
        Code = null;
        return Page();
    }
}
