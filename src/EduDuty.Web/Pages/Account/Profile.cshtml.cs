using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Security;
using EduDuty.Application.Security.Tokens;
using EduDuty.Data.Entities;
using EduDuty.Core.Text;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Account;

/// <summary>
/// 个人信息: the user's own name and e-mail address for messages (<see cref="UserProfile"/>), and their API access tokens
/// (访问令牌, issue 29): made with a name, scopes and an expiry (<see cref="CreateApiToken"/>), the secret shown once after the
/// redirect (it travels in the protected TempData cookie, read once), listed without it, revoked (<see cref="RevokeApiToken"/>).
/// </summary>
public sealed class ProfileModel(UserProfile profile, CurrentUser current, SignInManager<AppUser> signIn, ApiTokenQueries tokens) : PageModel
{
    /// <summary>The days a new token lasts unless the user picks otherwise.</summary>
    public const int DefaultTokenDays = 90;

    [BindProperty]
    [Display(Name = "令牌名称")]
    public string? TokenName { get; set; }

    [BindProperty]
    [Display(Name = "权限范围")]
    public List<string> TokenScopes { get; set; } = [];

    [BindProperty]
    [Display(Name = "有效期（天）")]
    public int? TokenDays { get; set; } = DefaultTokenDays;

    /// <summary>The scopes this user's role may give a token (the rest are not offered).</summary>
    public IReadOnlyList<string> OfferedScopes => Core.Security.ApiScopes.AllowedFor(current.Roles);

    public IReadOnlyList<ApiTokenLine> Tokens { get; private set; } = [];

    /// <summary>The secret of the token just made: shown this once.</summary>
    public string? NewSecret { get; private set; }

    public string? TokenSaved { get; private set; }

    public string? TokenRefusal { get; private set; }

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
        NewSecret = TempData["TokenSecret"] as string;
        TokenSaved = TempData["TokenSaved"] as string;
        if (TokenScopes.Count == 0) TokenScopes = [Core.Security.ApiScopes.Read];
        Tokens = await tokens.MineAsync(current.Actor);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync([FromServices] CreateApiToken create, CancellationToken cancellationToken)
    {
        var outcome = await create.ForSelfAsync(new ApiTokenRequest(TokenName, TokenScopes, TokenDays), current.Actor, cancellationToken);
        if (!outcome.IsDone) return await TokenRefusedAsync(outcome, cancellationToken);
        TempData["TokenSecret"] = outcome.Value!.Secret;
        TempData["TokenSaved"] = $"令牌“{outcome.Value.Token.Name}”已创建，有效至 {ChinaTime.DayOf(outcome.Value.Token.ExpiresAtUtc)}。";
        return Redirect(Url.Page("/Account/Profile") + "#tokens");
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(int tokenId, [FromServices] RevokeApiToken revoke, CancellationToken cancellationToken)
    {
        var outcome = await revoke.HandleAsync(tokenId, current.Actor, cancellationToken);
        if (!outcome.IsDone) return await TokenRefusedAsync(outcome, cancellationToken);
        TempData["TokenSaved"] = outcome.Note;
        return Redirect(Url.Page("/Account/Profile") + "#tokens");
    }

    // A refused token form: the page again with what was typed, each problem at its field, the status of the refusal.
    private async Task<IActionResult> TokenRefusedAsync<T>(Outcome<T> outcome, CancellationToken cancellationToken)
    {
        var mine = await profile.GetAsync(current.Id);
        if (!mine.IsDone) return RedirectToPage("/Account/Login");
        (UserName, DisplayName, Email) = (mine.Value!.UserName, mine.Value.DisplayName, mine.Value.Email);
        ModelState.Clear(); // the profile's own fields were not posted: no errors of theirs
        foreach (var problem in outcome.Problems)
        {
            ModelState.AddModelError(problem.Field switch { "Name" => nameof(TokenName), "Scopes" => nameof(TokenScopes), "ExpiresInDays" => nameof(TokenDays), _ => string.Empty }, problem.Text);
        }

        TokenRefusal = this.Answer(outcome);
        if (outcome.Reason is null && outcome.Problems.Count > 1) // "…同步”。；请至少…" read as a typo: one full stop, at the end
            TokenRefusal = string.Join("；", outcome.Problems.Select(p => p.Text.TrimEnd('。')));
        Tokens = await tokens.MineAsync(current.Actor, cancellationToken);
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
            Tokens = await tokens.MineAsync(current.Actor, cancellationToken);
            return Page();
        }

        await signIn.RefreshSignInAsync(outcome.Value!);
        TempData["Saved"] = outcome.Note;
        return RedirectToPage();
    }
}
