using EduDuty.Application;
using EduDuty.Application.Security;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Account;

/// <summary>
/// A supervisor's or admin's two-factor sign-in (<see cref="TwoFactorSignIn"/>): the secret and its QR code, confirmed with a
/// code from the app; this session goes on under a new key, every other one ends.
/// </summary>
public sealed class TwoFactorModel(TwoFactorSignIn twoFactor, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [System.ComponentModel.DataAnnotations.Display(Name = "验证码")]
    [BindProperty]
    public string? Code { get; set; }

    public TwoFactorSetup? Setup { get; private set; }

    /// <summary>The enrolment address as a QR code (a PNG data URI).</summary>
    public string? QrCode { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (users.GetUserId(User) is not { } userId) return RedirectToPage("/Account/Login");
        var outcome = await twoFactor.ConfirmAsync(userId, Code, cancellationToken);
        if (outcome.Kind == OutcomeKind.NotFound) return RedirectToPage("/Account/Login");
        if (outcome.IsDone)
        {
            await signIn.RefreshSignInAsync(outcome.Value!);
            return RedirectToPage();
        }

        foreach (var problem in outcome.Problems) ModelState.AddModelError(problem.Field, problem.Text);
        var status = OutcomeResponses.StatusOf(outcome);
        await ShowAsync(cancellationToken);
        if (outcome.Kind == OutcomeKind.Refused) Refusal = outcome.Refusal;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (users.GetUserId(User) is not { } userId) return RedirectToPage("/Account/Login");
        var outcome = await twoFactor.BeginAsync(userId, cancellationToken);
        if (outcome.Kind == OutcomeKind.NotFound) return RedirectToPage("/Account/Login");
        if (!outcome.IsDone)
        {
            Refusal = this.Answer(outcome);
            return Page();
        }

        Setup = outcome.Value;
        if (!Setup!.Enabled)
        {
            QrCode = QrCodes.PngDataUri(Setup.EnrolmentUri);
        }

        return Page();
    }
}
