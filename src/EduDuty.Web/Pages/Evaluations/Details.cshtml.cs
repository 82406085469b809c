using System.Text;
using EduDuty.Core.Figures;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using EduDuty.Web.Pages.Evaluations.Review;
using EduDuty.Web.Pages.Evaluations.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Evaluations;

public sealed class DetailsModel(WorkspaceLoader loader, ReviewHandler review, CurrentUser user) : PageModel
{
    public Workspace.Workspace Workspace { get; private set; } = null!;

    public IReadOnlyList<string> MissingRequired { get; private set; } = [];

    public IReadOnlyList<ReviewComment> ReturnReasons { get; private set; } = [];

    public string? Refusal { get; private set; }

    public CurrentUser Viewer => user;

    [TempData]
    public string? Saved { get; set; }

    [BindProperty]
    public List<ReturnReasonInput> Reasons { get; set; } = [];

    [BindProperty]
    public string? ReopenReason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken) =>
        TransitionAsync(id, "评价已提交，等待督导审核。提交后内容已锁定。", ws => review.SubmitAsync(ws, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken cancellationToken) =>
        TransitionAsync(id, "评价已审核通过。", ws => review.ApproveAsync(ws, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken cancellationToken) =>
        TransitionAsync(id, "评价已退回县级修改。", ws => review.ReturnAsync(ws, Reasons.Select(r => new ReturnReason(r.Target ?? string.Empty, r.Text ?? string.Empty)).ToList(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken cancellationToken) =>
        TransitionAsync(id, "评价已重新打开，县级可以修改。", ws => review.ReopenAsync(ws, ReopenReason, cancellationToken), cancellationToken);

    [BindProperty]
    public string? DeadlineDate { get; set; }

    public Task<IActionResult> OnPostDeadlineAsync(int id, CancellationToken cancellationToken) =>
        TransitionAsync(id, "截止日期已设置，适用于本年度所有县。", ws => review.SetDeadlineAsync(ws, ChinaTime.ParseIsoDate(DeadlineDate), null, extend: false, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostExtendAsync(int id, CancellationToken cancellationToken) =>
        TransitionAsync(id, "本县延期已设置。", ws => review.SetDeadlineAsync(ws, null, ChinaTime.ParseIsoDate(DeadlineDate), extend: true, cancellationToken), cancellationToken);

    private async Task<IActionResult> TransitionAsync(int id, string done, Func<Workspace.Workspace, Task<ReviewOutcome>> act, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var outcome = await act(Workspace);
        if (outcome.Done)
        {
            Saved = done;
            return RedirectToPage(new { id });
        }

        Refusal = outcome.Refusal;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace is null) return false;
        Workspace = workspace;
        MissingRequired = ReviewHandler.MissingRequired(workspace);
        ReturnReasons = workspace.Status == Core.Review.EvaluationStatus.Returned ? await review.OpenReturnReasonsAsync(id, cancellationToken) : [];
        return true;
    }

    /// <summary>The county's figures in the exchange format (docs/figures-format.md).</summary>
    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace is null) return NotFound();
        var json = FiguresFile.Write(workspace.Scheme, workspace.County, workspace.Year, workspace.Values);
        return File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", $"{workspace.County}-{workspace.Year}-填报数据.json");
    }
}

public sealed class ReturnReasonInput
{
    /// <summary>Field code or area key.</summary>
    public string? Target { get; set; }

    public string? Text { get; set; }
}
