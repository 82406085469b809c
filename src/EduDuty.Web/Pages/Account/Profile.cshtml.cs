using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Security;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Account;

/// <summary>个人信息: the user's own name and e-mail address for messages (<see cref="UserProfile"/>).</summary>
public sealed class ProfileModel(UserProfile profile, CurrentUser current, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    [Display(Name = "姓名")]
    public string? DisplayName { get; set; }

    [BindProperty]
    [Display(Name = "接收消息的电子邮箱")]
    public string? Email { get; set; }

    public string UserName { get; private set; } = string.Empty;

    public string? Saved { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var outcome = await profile.GetAsync(current.Id);
        if (!outcome.IsDone) return RedirectToPage("/Account/Login");
        (UserName, DisplayName, Email) = (outcome.Value!.UserName, outcome.Value.DisplayName, outcome.Value.Email);
        Saved = TempData["Saved"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await profile.SaveAsync(current.Actor, new ProfileChange(DisplayName, Email), cancellationToken);
        if (outcome.Kind == OutcomeKind.NotFound) return RedirectToPage("/Account/Login");
        if (!outcome.IsDone)
        {
            // What was typed stays in the boxes (the bound properties); the page says what to change.
            UserName = (await profile.GetAsync(current.Id)).Value?.UserName ?? string.Empty;
            foreach (var problem in outcome.Problems) ModelState.AddModelError(problem.Field, problem.Text);
            Refusal = this.Answer(outcome);
            return Page();
        }

        await signIn.RefreshSignInAsync(outcome.Value!);
        TempData["Saved"] = outcome.Note;
        return RedirectToPage();
    }
}
