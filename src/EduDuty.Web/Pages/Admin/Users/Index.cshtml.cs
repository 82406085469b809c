using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Core.Administration;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Admin.Users;

/// <summary>Users of the admin's region: list with filters, create (one at a time or from a CSV), disable, enable, reassign, reset, unlock.</summary>
public sealed class IndexModel(UserAdministration admin, RegionSearch regionSearch, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Active { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty] public string? NewUserName { get; set; }
    [BindProperty] public string? NewDisplayName { get; set; }
    [BindProperty] public string? NewRole { get; set; }
    [BindProperty] public string? NewRegion { get; set; }
    [BindProperty] public string? NewEmail { get; set; }
    [BindProperty] public IFormFile? Csv { get; set; }
    [BindProperty] public string? UserId { get; set; }
    [BindProperty] public string? AssignRole { get; set; }
    [BindProperty] public string? AssignRegion { get; set; }

    public Paged<UserListItem> Users { get; private set; } = new([], 0, 1, UserAdministration.PageSize);
    /// <summary>The first region suggestions (the admin's region and the levels below); the rest come as the admin types.</summary>
    public IReadOnlyList<RegionOption> Regions { get; private set; } = [];
    public IReadOnlyList<CreatedUser> Created { get; private set; } = [];
    /// <summary>Problems of the single-user form, by field (shown next to it; the typed values stay).</summary>
    public IReadOnlyDictionary<UserField, string> FieldErrors { get; private set; } = new Dictionary<UserField, string>();

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var (created, problems) = await admin.CreateOneAsync(NewUserName, NewDisplayName, NewRole, NewRegion, NewEmail, Actor, cancellationToken);
        if (created is null)
        {
            FieldErrors = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => string.Join("；", g.Select(p => p.Message)));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await RenderAsync(cancellationToken);
        }

        Created = [created];
        Message = $"已创建用户 {created.UserName}。一次性密码只显示这一次，请转告本人，登录后须修改。";
        NewUserName = NewDisplayName = NewEmail = null;
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostBulkAsync(CancellationToken cancellationToken)
    {
        if (Csv is null || Csv.Length is 0 or > 1024 * 1024) return await FailAsync(["请选择 1 MB 以内的 CSV 文件（UTF-8 编码）。"], cancellationToken);
        var text = await Uploads.ReadUtf8Async(Csv, cancellationToken);
        if (text is null) return await FailAsync(["文件不是 UTF-8 编码，请在 Excel 中另存为“CSV UTF-8”后重试。"], cancellationToken);
        var (created, errors) = await admin.ImportAsync(text, Actor, cancellationToken);
        if (errors.Count > 0) return await FailAsync(errors, cancellationToken);
        Created = created;
        Message = $"已创建 {created.Count} 个用户。一次性密码只显示这一次，请转告本人，登录后须修改。";
        return await RenderAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) => ActAsync(id => admin.SetActiveAsync(id, false, Actor, cancellationToken), "已停用，该用户的登录将在几分钟内失效。", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) => ActAsync(id => admin.SetActiveAsync(id, true, Actor, cancellationToken), "已启用。", cancellationToken);

    public Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) => ActAsync(id => admin.UnlockAsync(id, Actor, cancellationToken), "已解除锁定。", cancellationToken);

    public async Task<IActionResult> OnPostReassignAsync(CancellationToken cancellationToken)
    {
        if (await InScopeAsync(UserId, cancellationToken) is not { } target) return NotFound();
        var result = await admin.ReassignAsync(target.Id, (AssignRole ?? string.Empty).Trim(), (AssignRegion ?? string.Empty).Trim(), Actor, cancellationToken);
        if (!result.Ok) return await FailAsync(result.Errors, cancellationToken);
        Message = $"{target.UserName}：角色和地区已变更。该用户的登录将在几分钟内失效，重新登录后按新的角色和地区使用。";
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostResetAsync(CancellationToken cancellationToken)
    {
        if (await InScopeAsync(UserId, cancellationToken) is not { } target) return NotFound();
        var (password, result) = await admin.ResetPasswordAsync(target.Id, Actor, cancellationToken);
        if (!result.Ok) return await FailAsync(result.Errors, cancellationToken);
        Created = [new CreatedUser(target.UserName!, target.DisplayName, string.Empty, string.Empty, password!)];
        Message = "密码已重置。一次性密码只显示这一次，请转告本人，登录后须修改。";
        return await RenderAsync(cancellationToken);
    }

    private async Task<IActionResult> ActAsync(Func<string, Task<AdminResult>> act, string done, CancellationToken cancellationToken)
    {
        if (await InScopeAsync(UserId, cancellationToken) is not { } target) return NotFound();
        var result = await act(target.Id);
        if (!result.Ok) return await FailAsync(result.Errors, cancellationToken);
        Message = $"{target.UserName}：{done}";
        return await RenderAsync(cancellationToken);
    }

    private Task<Data.Entities.AppUser?> InScopeAsync(string? id, CancellationToken cancellationToken) =>
        admin.FindInScopeAsync(id, Actor, cancellationToken);

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        Regions = await regionSearch.FindAsync(Actor, null, cancellationToken);
        Users = await admin.ListAsync(Actor, new UserFilter(Region, Role, Active switch { "true" => true, "false" => false, _ => null }, Q), PageNumber, cancellationToken);
        return Page();
    }

    /// <summary>This list at another page, with the same filters.</summary>
    public string PageUrl(int page) =>
        $"/Admin/Users?Region={Uri.EscapeDataString(Region ?? "")}&Role={Uri.EscapeDataString(Role ?? "")}&Active={Active}&Q={Uri.EscapeDataString(Q ?? "")}&p={page}";
}
