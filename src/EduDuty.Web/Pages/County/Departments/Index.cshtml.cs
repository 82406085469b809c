using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Application.Departments.Accounts;
using EduDuty.Core.Administration;
using EduDuty.Core.Security;
using EduDuty.Web.Infrastructure;
using EduDuty.Web.Pages.Admin;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.County.Departments;

/// <summary>
/// 部门管理 (issue 30): the county lead's own county's departments and their accounts. Create a department; create an account
/// for one (a one-time password shown once); disable, enable or reset an account; disable or enable a department. Every
/// account action calls the admin's own handler (<see cref="CreateUsers"/>, <see cref="SetUserActive"/>,
/// <see cref="ResetUserPassword"/>), whose rules limit a lead to its county's department users. The page has the admin
/// pages' shape (<see cref="AdminPageModel"/>: a message, the problems, the status an outcome maps to).
/// </summary>
public sealed class IndexModel(CountyDepartments departments, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty] [Display(Name = "部门名称")] public string? DepartmentName { get; set; }
    [BindProperty] [Display(Name = "部门")] public int DepartmentId { get; set; }
    [BindProperty] [Display(Name = "所属部门")] public string? NewDepartment { get; set; }
    [BindProperty] [Display(Name = "用户名")] public string? NewUserName { get; set; }
    [BindProperty] [Display(Name = "姓名")] public string? NewDisplayName { get; set; }
    [BindProperty] [Display(Name = "电子邮箱")] public string? NewEmail { get; set; }
    [BindProperty] [Display(Name = "用户")] public string? UserId { get; set; }
    /// <summary>Set by the confirmation step of 停用 and 重置密码 (a page section without script, a dialog with it).</summary>
    [BindProperty] public bool Confirmed { get; set; }

    public CountyDepartmentsView? View { get; private set; }

    /// <summary>Why the page has nothing to show (the actor leads no county).</summary>
    public string? Refusal { get; private set; }

    public IReadOnlyList<CreatedUser> Created { get; private set; } = [];

    /// <summary>Problems of the forms, by field (shown next to it; the typed values stay).</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; private set; } = new Dictionary<string, string>();

    /// <summary>The account a 停用 or 重置密码 waits to be confirmed for, and which of the two ("Disable", "Reset").</summary>
    public (DepartmentAccount Account, string Department, string Handler)? Confirming { get; private set; }

    public async Task<IActionResult> OnPostCreateDepartmentAsync([FromServices] CreateDepartment create, CancellationToken cancellationToken)
    {
        var outcome = await create.HandleAsync(DepartmentName, Actor, cancellationToken);
        if (!outcome.IsDone) return await NotDoneBesideAsync(outcome, cancellationToken);
        Message = outcome.Note;
        DepartmentName = null;
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableDepartmentAsync([FromServices] SetDepartmentActive setActive, CancellationToken cancellationToken) =>
        await ShowAsync(await setActive.HandleAsync(DepartmentId, false, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostEnableDepartmentAsync([FromServices] SetDepartmentActive setActive, CancellationToken cancellationToken) =>
        await ShowAsync(await setActive.HandleAsync(DepartmentId, true, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostCreateUserAsync([FromServices] CreateUsers create, CancellationToken cancellationToken)
    {
        // The county is the lead's own: its code is what the handler checks the lead's scope and the role's level against.
        var county = (await departments.HandleAsync(Actor, cancellationToken)).Value?.CountyCode;
        var outcome = await create.HandleAsync(NewUserName, NewDisplayName, Roles.DepartmentOfficial, county, NewEmail, Actor, cancellationToken, department: NewDepartment);
        if (outcome is not { IsDone: true, Value: { } created }) return await NotDoneBesideAsync(outcome, cancellationToken);
        Created = [created];
        Message = $"已创建账号 {created.UserName}（{NewDepartment}）。一次性密码只显示这一次，请转告本人，登录后须修改。";
        NewUserName = NewDisplayName = NewEmail = null;
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync([FromServices] SetUserActive setActive, CancellationToken cancellationToken) =>
        Confirmed ? await ShowAsync(await setActive.HandleAsync(UserId, false, Actor, cancellationToken), cancellationToken)
            : await ConfirmAsync("Disable", cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync([FromServices] SetUserActive setActive, CancellationToken cancellationToken) =>
        await ShowAsync(await setActive.HandleAsync(UserId, true, Actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostResetAsync([FromServices] ResetUserPassword reset, CancellationToken cancellationToken)
    {
        if (!Confirmed) return await ConfirmAsync("Reset", cancellationToken);
        var outcome = await reset.HandleAsync(UserId, Actor, cancellationToken);
        if (outcome is { IsDone: true, Value: { } password }) Created = [password];
        return await ShowAsync(outcome, cancellationToken);
    }

    // Problems of a form's fields are shown next to them; anything else (a refusal, a failed save) above the forms.
    private async Task<IActionResult> NotDoneBesideAsync<T>(Outcome<T> outcome, CancellationToken cancellationToken)
    {
        static string Name(string field) => Enum.TryParse<UserField>(field, out var f) ? f switch
        {
            UserField.UserName => nameof(NewUserName),
            UserField.DisplayName => nameof(NewDisplayName),
            UserField.Email => nameof(NewEmail),
            UserField.Department => nameof(NewDepartment),
            _ => field,
        } : field;
        string[] beside = [nameof(DepartmentName), nameof(NewUserName), nameof(NewDisplayName), nameof(NewEmail), nameof(NewDepartment)];
        FieldErrors = outcome.Problems.GroupBy(p => Name(p.Field)).Where(g => beside.Contains(g.Key))
            .ToDictionary(g => g.Key, g => string.Join("；", g.Select(p => p.Text)));
        return await NotDoneAsync(outcome, cancellationToken, shownBeside: p => beside.Contains(Name(p.Field)));
    }

    // The step before a 停用 or 重置密码: who and what, nothing changed yet; an account not the county's is not found.
    private async Task<IActionResult> ConfirmAsync(string handler, CancellationToken cancellationToken)
    {
        var view = (await departments.HandleAsync(Actor, cancellationToken)).Value;
        var found = view?.Departments.SelectMany(d => d.Users.Select(u => (Account: u, Department: d.Name))).FirstOrDefault(u => u.Account.Id == UserId);
        if (found is not { Account: { } account, Department: var department })
            return await NotDoneAsync<Unit>(Outcome.NotFound(EduDuty.Core.Messaging.Messages.UserNotFound), cancellationToken);
        Confirming = (account, department, handler);
        return await RenderAsync(cancellationToken);
    }

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        var outcome = await departments.HandleAsync(Actor, cancellationToken);
        if (!outcome.IsDone) Refusal = this.Answer(outcome); // not a lead of a county: the page says why, with nothing to manage
        View = outcome.Value;
        return Page();
    }
}
