using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Security;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Account;

/// <summary>The user's own password change (<see cref="ChangePassword"/>); this session goes on with fresh claims.</summary>
public sealed class ChangePasswordModel(ChangePassword change, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    [DataType(DataType.Password)]
    public string? Current { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? NewPassword { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? Confirm { get; set; }

    /// <summary>Why the change was refused (too many attempts, account locked), when it was.</summary>
    public string? Refusal { get; private set; }

    public bool Required => User.HasClaim(Infrastructure.EduDutyClaims.MustChangePassword, "true");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (users.GetUserId(User) is not { } userId) return RedirectToPage("/Account/Login");
        var outcome = await change.HandleAsync(
            userId, new PasswordChange(Current, NewPassword, Confirm), Infrastructure.DatabaseTicketStore.KeyOf(HttpContext), cancellationToken);
        if (outcome.Kind == OutcomeKind.NotFound) return RedirectToPage("/Account/Login");
        if (outcome.Kind == OutcomeKind.Refused)
        {
            Refusal = this.Answer(outcome);
            Infrastructure.TooManyAttempts.Apply(Response, outcome.Reason);
            return Page();
        }

        if (!outcome.IsDone)
        {
            foreach (var problem in outcome.Problems) ModelState.AddModelError(problem.Field, problem.Text);
            return Page();
        }

        await signIn.RefreshSignInAsync(outcome.Value!);
        return LocalRedirect("/");
    }
}
