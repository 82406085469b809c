using EduDuty.Application.Security;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Account;

public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, Sessions sessions) : PageModel
{
    [BindProperty]
    public string? Current { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public bool Required => User.HasClaim(Infrastructure.EduDutyClaims.MustChangePassword, "true");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Current)) ModelState.AddModelError(nameof(Current), "请输入当前密码（管理员给您的一次性密码）。");
        if (string.IsNullOrEmpty(NewPassword)) ModelState.AddModelError(nameof(NewPassword), "请输入新密码。");
        else if (NewPassword != Confirm) ModelState.AddModelError(nameof(Confirm), "两次输入的新密码不一致，请重新输入。");
        else if (NewPassword == Current) ModelState.AddModelError(nameof(NewPassword), "新密码不能与当前密码相同。");
        if (!ModelState.IsValid) return Page();

        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("/Account/Login");
        var result = await users.ChangePasswordAsync(user, Current!, NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(Current) : nameof(NewPassword), error.Description);
            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // Every other session of this user (another browser, a stolen cookie) ends now; this one goes on with fresh claims.
        await sessions.EndOthersAsync(user.Id, Infrastructure.DatabaseTicketStore.KeyOf(HttpContext));
        await signIn.RefreshSignInAsync(user);
        return LocalRedirect("/");
    }
}
