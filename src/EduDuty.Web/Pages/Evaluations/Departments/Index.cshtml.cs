using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Departments.Assignment;
using EduDuty.Application.Evaluations;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations.Departments;

/// <summary>
/// 部门分工 (issue 30): every entered field of the evaluation by area with its department (the scheme's default marked 默认),
/// a select per field and one per area (“整个领域交给…”), and the departments' internal deadline. The county lead changes
/// them while the county may edit; everyone else who sees the evaluation reads them.
/// </summary>
public sealed class IndexModel(WorkspaceLoader loader, AssignmentQuery query, CurrentUser user) : EvaluationPageModel(loader, user)
{
    // Named: a dictionary bound by its property's name alone falls back to the whole form (Stamp would be a field's code).
    [BindProperty(Name = nameof(Owners))] [Display(Name = "数据项的部门")] public Dictionary<string, string?> Owners { get; set; } = [];
    [BindProperty(Name = nameof(Areas))] [Display(Name = "整个领域交给")] public Dictionary<string, string?> Areas { get; set; } = [];
    [BindProperty] [Display(Name = "分工版本")] public string? Stamp { get; set; }
    [BindProperty] [Display(Name = "内部截止日期")] public string? DepartmentDeadline { get; set; }

    public AssignmentView View { get; private set; } = null!;

    public string? Message { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Whether the posted choices are shown (a refused save keeps what was chosen) rather than what is stored.</summary>
    public bool ShowPosted { get; private set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => RenderAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostSaveAsync(int id, [FromServices] SaveAssignment save, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var outcome = await save.HandleAsync(Workspace, Actor, new AssignmentChoices(Owners, Areas, Stamp), cancellationToken);
        return await AnswerAsync(id, outcome, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeadlineAsync(int id, [FromServices] SetDepartmentDeadline set, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var outcome = await set.HandleAsync(Workspace, Actor, DepartmentDeadline, cancellationToken);
        return await AnswerAsync(id, outcome, cancellationToken);
    }

    private async Task<IActionResult> AnswerAsync<T>(int id, Outcome<T> outcome, CancellationToken cancellationToken)
    {
        if (outcome.IsDone)
        {
            TempData["Message"] = outcome.Note;
            return RedirectToPage(new { id });
        }

        var text = this.Answer(outcome);
        Errors = outcome.Problems.Count > 0 ? outcome.Problems.Select(p => p.Text).ToList() : text is null ? [] : [text];
        ShowPosted = true;
        var status = Response.StatusCode;
        var page = await RenderAsync(id, cancellationToken);
        Response.StatusCode = status;
        return page;
    }

    private async Task<IActionResult> RenderAsync(int id, CancellationToken cancellationToken)
    {
        if (Workspace is null && !await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        View = await query.HandleAsync(Workspace!, cancellationToken);
        Message ??= TempData["Message"] as string;
        if (!ShowPosted)
        {
            Stamp = View.Stamp;
            DepartmentDeadline = View.DepartmentDeadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return Page();
    }

    /// <summary>The value a field's select shows: what was posted after a refusal, else the stored owner ("0" for 教育局).</summary>
    public string Chosen(AssignmentRow row) =>
        ShowPosted && Owners.TryGetValue(row.Code, out var posted) && posted is not null ? posted : Value(row.OwnerId);

    public static string Value(int? departmentId) => departmentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "0";
}
