using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Application.Security.Tokens;
using EduDuty.Core.Text;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Admin.ServiceAccounts;

/// <summary>
/// 服务账号 (issue 29): accounts for the systems of the admin's region (a provincial platform, a monitoring institution, a county's
/// own system) and their service tokens. An account is made by the user administration's own use case
/// (<see cref="CreateUsers"/>, as a service account: no password, never signs in); its tokens by <see cref="CreateApiToken"/>,
/// revoked by <see cref="RevokeApiToken"/>. Every post redirects back (the new secret shown once from TempData); a refused
/// form comes back with what was typed.
/// </summary>
public sealed class IndexModel(ApiTokenQueries queries, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty] [Display(Name = "用户名")] public string? NewUserName { get; set; }
    [BindProperty] [Display(Name = "名称")] public string? NewDisplayName { get; set; }
    [BindProperty] [Display(Name = "角色")] public string? NewRole { get; set; }
    [BindProperty] [Display(Name = "所属地区")] public string? NewRegion { get; set; }

    [BindProperty] [Display(Name = "服务账号")] public string? AccountId { get; set; }
    [BindProperty] [Display(Name = "令牌名称")] public string? TokenName { get; set; }
    [BindProperty] [Display(Name = "权限范围")] public List<string> TokenScopes { get; set; } = [];
    [BindProperty] [Display(Name = "有效期（天）")] public int? TokenDays { get; set; } = 90;

    public IReadOnlyList<ServiceAccountLine> Accounts { get; private set; } = [];

    public IReadOnlyList<ApiTokenLine> Tokens { get; private set; } = [];

    public string? NewSecret { get; private set; }

    /// <summary>Problems of a form's fields, shown next to them (the typed values stay).</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnPostCreateAccountAsync([FromServices] CreateUsers create, CancellationToken cancellationToken)
    {
        var outcome = await create.HandleAsync(NewUserName, NewDisplayName, NewRole, NewRegion, null, Actor, cancellationToken, serviceAccount: true);
        if (!outcome.IsDone) return await RefusedAsync(outcome, cancellationToken);
        TempData["Message"] = $"已创建服务账号 {outcome.Value!.UserName}。它不能用密码登录；请在下方为它创建服务令牌。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync([FromServices] CreateApiToken create, CancellationToken cancellationToken)
    {
        var outcome = await create.HandleAsync(AccountId ?? string.Empty, new ApiTokenRequest(TokenName, TokenScopes, TokenDays), Actor, cancellationToken);
        if (!outcome.IsDone) return await RefusedAsync(outcome, cancellationToken);
        TempData["TokenSecret"] = outcome.Value!.Secret;
        TempData["Message"] = $"已为 {outcome.Value.Token.OwnerUserName} 创建令牌“{outcome.Value.Token.Name}”，有效至 {ChinaTime.DayOf(outcome.Value.Token.ExpiresAtUtc)}。";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(int tokenId, [FromServices] RevokeApiToken revoke, CancellationToken cancellationToken)
    {
        var outcome = await revoke.HandleAsync(tokenId, Actor, cancellationToken);
        if (!outcome.IsDone) return await RefusedAsync(outcome, cancellationToken);
        TempData["Message"] = outcome.Note;
        return RedirectToPage();
    }

    private Task<IActionResult> RefusedAsync<T>(Outcome<T> outcome, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>
        {
            ["UserName"] = nameof(NewUserName), ["DisplayName"] = nameof(NewDisplayName), ["Role"] = nameof(NewRole), ["Region"] = nameof(NewRegion),
            ["Name"] = nameof(TokenName), ["Scopes"] = nameof(TokenScopes), ["ExpiresInDays"] = nameof(TokenDays),
        };
        FieldErrors = outcome.Problems.Where(p => fields.ContainsKey(p.Field)).GroupBy(p => fields[p.Field]).ToDictionary(g => g.Key, g => string.Join("；", g.Select(p => p.Text)));
        return NotDoneAsync(outcome, cancellationToken, shownBeside: p => fields.ContainsKey(p.Field));
    }

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        Message ??= TempData["Message"] as string;
        NewSecret = TempData["TokenSecret"] as string;
        Accounts = await queries.ServiceAccountsAsync(Actor, cancellationToken);
        Tokens = await queries.ManagedAsync(Actor, cancellationToken: cancellationToken);
        if (TokenScopes.Count == 0) TokenScopes = [Core.Security.ApiScopes.Read];
        return Page();
    }
}
