using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Core.Administration;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Admin.Users;

/// <summary>Users of the admin's region: list with filters, create (one at a time or from a CSV), disable, enable, reassign, reset, unlock.</summary>
public sealed class IndexModel(UserQueries queries, RegionSearch regionSearch, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty(SupportsGet = true)] [Display(Name = "地区")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] [Display(Name = "角色")] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] [Display(Name = "状态")] public string? Active { get; set; }
    [BindProperty(SupportsGet = true)] [Display(Name = "搜索")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    [BindProperty] [Display(Name = "用户名")] public string? NewUserName { get; set; }
    [BindProperty] [Display(Name = "姓名")] public string? NewDisplayName { get; set; }
    [BindProperty] [Display(Name = "角色")] public string? NewRole { get; set; }
    [BindProperty] [Display(Name = "所属地区")] public string? NewRegion { get; set; }
    [BindProperty] [Display(Name = "电子邮箱")] public string? NewEmail { get; set; }
    [BindProperty] [Display(Name = "所属部门")] public string? NewDepartment { get; set; }
    [BindProperty] public IFormFile? Csv { get; set; }
    [BindProperty] [Display(Name = "用户")] public string? UserId { get; set; }
    [BindProperty] [Display(Name = "角色")] public string? AssignRole { get; set; }
    [BindProperty] [Display(Name = "所属地区")] public string? AssignRegion { get; set; }
    /// <summary>Set by the confirmation step of 停用 and 重置密码 (a page section without script, a dialog with it).</summary>
    [BindProperty] public bool Confirmed { get; set; }

    /// <summary>The user a 停用 or 重置密码 waits to be confirmed for, and which of the two ("Disable", "Reset").</summary>
    public (Data.Entities.AppUser User, string Handler)? Confirming { get; private set; }

    public Paged<UserListItem> Users { get; private set; } = new([], 0, 1, UserQueries.PageSize);
    /// <summary>The first region suggestions (the admin's region and the levels below); the rest come as the admin types.</summary>
    public IReadOnlyList<RegionOption> Regions { get; private set; } = [];
    public IReadOnlyList<CreatedUser> Created { get; private set; } = [];
    /// <summary>Problems of the single-user form, by field (shown next to it; the typed values stay).</summary>
    public IReadOnlyDictionary<UserField, string> FieldErrors { get; private set; } = new Dictionary<UserField, string>();

    public async Task<IActionResult> OnPostCreateAsync([FromServices] CreateUsers create, CancellationToken cancellationToken)
    {
        var outcome = await create.HandleAsync(NewUserName, NewDisplayName, NewRole, NewRegion, NewEmail, Actor, cancellationToken, department: NewDepartment);
        if (outcome is not { IsDone: true, Value: { } created })
        {
            // Problems of the form's fields are shown next to them; anything else (a failed save) above the form.
            FieldErrors = outcome.Problems.Where(p => Enum.TryParse<UserField>(p.Field, out _)).GroupBy(p => Enum.Parse<UserField>(p.Field))
                .ToDictionary(g => g.Key, g => string.Join("；", g.Select(p => p.Text)));
            return await NotDoneAsync(outcome, cancellationToken, shownBeside: p => Enum.TryParse<UserField>(p.Field, out _));
        }

        Created = [created];
        Message = $"已创建用户 {created.UserName}。一次性密码只显示这一次，请转告本人，登录后须修改。";
        NewUserName = NewDisplayName = NewEmail = NewDepartment = null;
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostBulkAsync([FromServices] CreateUsers create, CancellationToken cancellationToken)
    {
        if (Csv is null || Csv.Length is 0 or > 1024 * 1024) return await InvalidAsync(nameof(Csv), "请选择 1 MB 以内的 CSV 文件（UTF-8 编码）。", cancellationToken);
        var text = await Uploads.ReadUtf8Async(Csv, cancellationToken);
        if (text is null) return await InvalidAsync(nameof(Csv), EduDuty.Core.Messaging.Messages.CsvEncodingUnknown.Text, cancellationToken);
        var outcome = await create.ImportAsync(text, Actor, cancellationToken);
        if (outcome is not { IsDone: true, Value: { } created }) return await NotDoneAsync(outcome, cancellationToken);
        Created = created;
        Message = $"已创建 {created.Count} 个用户。一次性密码只显示这一次，请转告本人，登录后须修改。";
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync([FromServices] SetUserActive setActive, CancellationToken cancellationToken) =>
        Confirmed ? await ShowAsync(await setActive.HandleAsync(UserId, false, Actor, cancellationToken), cancellationToken)
            : await ConfirmAsync("Disable", cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync([FromServices] SetUserActive setActive, CancellationToken cancellationToken) =>
        await ShowAsync(await setActive.HandleAsync(UserId, true, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostUnlockAsync([FromServices] UnlockUser unlock, CancellationToken cancellationToken) =>
        await ShowAsync(await unlock.HandleAsync(UserId, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostReassignAsync([FromServices] ReassignUser reassign, CancellationToken cancellationToken) =>
        await ShowAsync(await reassign.HandleAsync(UserId, AssignRole, AssignRegion, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostResetAsync([FromServices] ResetUserPassword reset, CancellationToken cancellationToken)
    {
        if (!Confirmed) return await ConfirmAsync("Reset", cancellationToken);
        var outcome = await reset.HandleAsync(UserId, Actor, cancellationToken);
        if (outcome is { IsDone: true, Value: { } password }) Created = [password];
        return await ShowAsync(outcome, cancellationToken);
    }

    // The step before a 停用 or 重置密码 that cannot be taken back by a click: the page with a confirmation of who and what
    // (nothing changed yet); a user outside the admin's region is not found, as the step itself would answer.
    private async Task<IActionResult> ConfirmAsync(string handler, CancellationToken cancellationToken)
    {
        if (await queries.FindInScopeAsync(UserId, Actor, cancellationToken) is not { } found)
            return await NotDoneAsync<Unit>(Outcome.NotFound(EduDuty.Core.Messaging.Messages.UserNotFound), cancellationToken);
        Confirming = (found, handler);
        return await RenderAsync(cancellationToken);
    }

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        Regions = await regionSearch.FindAsync(Actor, null, cancellationToken);
        Users = await queries.ListAsync(Actor, new UserFilter(Region, Role, Active switch { "true" => true, "false" => false, _ => null }, Q), PageNumber, cancellationToken);
        return Page();
    }

    /// <summary>This list at another page, with the same filters.</summary>
    public string PageUrl(int page) =>
        $"/Admin/Users?Region={Uri.EscapeDataString(Region ?? "")}&Role={Uri.EscapeDataString(Role ?? "")}&Active={Active}&Q={Uri.EscapeDataString(Q ?? "")}&p={page}";
}
