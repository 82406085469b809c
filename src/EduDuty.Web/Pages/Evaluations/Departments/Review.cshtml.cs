using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Departments;
using EduDuty.Application.Evaluations;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations.Departments;

/// <summary>
/// 部门报送审核 (issue 30, part C): the county's review of its departments' submitted fields — accept one, the selected or all of
/// a department; return one or the selected with a reason each. The page reads its view with <see cref="DepartmentReviewQuery"/>;
/// each POST calls <see cref="ReviewDepartmentParts"/> (injected into the handler method). Supervisors see it read-only.
/// </summary>
public sealed class ReviewModel(WorkspaceLoader loader, DepartmentReviewQuery query, CurrentUser user) : EvaluationPageModel(loader, user)
{
    public DepartmentReviewView View { get; private set; } = null!;

    /// <summary>The fields ticked in a department's list (采纳所选 / 退回所选).</summary>
    [BindProperty]
    [Display(Name = "选择的数据")]
    public List<string> Selected { get; set; } = [];

    /// <summary>A row's own button: only that field (its 采纳 or 退回).</summary>
    [BindProperty]
    [Display(Name = "审核的数据")]
    public string? Only { get; set; }

    /// <summary>The return reason typed beside each field, by code (at most 500 characters, checked by the handler).</summary>
    [BindProperty]
    [Display(Name = "退回理由")]
    public Dictionary<string, string?> Reasons { get; set; } = [];

    /// <summary>The version of each field's state the page showed, by code: a field sent again since is not decided unseen.</summary>
    [BindProperty]
    [Display(Name = "页面显示的版本")]
    public Dictionary<string, int> Seen { get; set; } = [];

    /// <summary>全部采纳: the department whose submitted fields are all accepted.</summary>
    [BindProperty]
    [Display(Name = "部门")]
    public int? DepartmentId { get; set; }

    [TempData]
    public string? Saved { get; set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await ReadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(int id, [FromServices] ReviewDepartmentParts review, CancellationToken cancellationToken) =>
        DecideAsync(id, () => review.HandleAsync(Workspace, Actor, Chosen().Select(c => new PartDecision(c, true, null, SeenOf(c))).ToList(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(int id, [FromServices] ReviewDepartmentParts review, CancellationToken cancellationToken) =>
        DecideAsync(id, () => review.HandleAsync(Workspace, Actor, Chosen().Select(c => new PartDecision(c, false, Reasons.GetValueOrDefault(c), SeenOf(c))).ToList(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAcceptAllAsync(int id, [FromServices] ReviewDepartmentParts review, CancellationToken cancellationToken) =>
        DecideAsync(id, () => review.AcceptAllAsync(Workspace, Actor, DepartmentId ?? 0, Seen, cancellationToken), cancellationToken);

    /// <summary>The reason typed for a field in a refused post, shown back in its box.</summary>
    public string? TypedReason(string code) => Refusal is null ? null : Reasons.GetValueOrDefault(code);

    private IReadOnlyList<string> Chosen() => Only is { Length: > 0 } one ? [one] : Selected.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().ToList();

    private int? SeenOf(string code) => Seen.TryGetValue(code, out var version) ? version : null;

    // Done goes back to the page with the handler's note (read again by the GET); anything else shows the page with the reason and the outcome's status.
    private async Task<IActionResult> DecideAsync(int id, Func<Task<Outcome<PartsReviewed>>> act, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var outcome = await act();
        if (outcome.IsDone)
        {
            Saved = outcome.Note;
            return RedirectToPage(new { id });
        }

        Refusal = this.Answer(outcome);
        var status = Response.StatusCode;
        if (!await ReadAsync(id, cancellationToken)) return NotFound();
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> ReadAsync(int id, CancellationToken cancellationToken)
    {
        if (await query.PageAsync(id, Actor, cancellationToken) is not var (workspace, view)) return false;
        Use(workspace);
        View = view;
        return true;
    }
}
