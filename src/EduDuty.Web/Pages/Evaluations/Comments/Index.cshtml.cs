using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Comments;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations.Comments;

public sealed class IndexModel(WorkspaceLoader loader, CommentThreads threads, CurrentUser user) : EvaluationPageModel(loader, user)
{
    public IReadOnlyList<CommentThread> Threads { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool CountySide => Viewer.IsCountyUser;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "意见针对的指标或领域")]
    public string? Target { get; set; }

    [BindProperty]
    [Display(Name = "意见")] [DataType(DataType.MultilineText)]
    public string? Text { get; set; }

    [BindProperty]
    public long ThreadId { get; set; }

    /// <summary>Where a comment started on an area page goes back to (a local path only).</summary>
    [BindProperty]
    [Display(Name = "返回地址")]
    public string? ReturnUrl { get; set; }

    /// <summary>The threads shown: all, or those about <see cref="Target"/> when the page was opened from an indicator.</summary>
    public IReadOnlyList<CommentThread> Shown => string.IsNullOrEmpty(Target) ? Threads : Threads.Where(t => t.Root.Target == Target).ToList();

    /// <summary>The area page and row a thread is about, or null for the evaluation as a whole.</summary>
    public string? PlaceOf(string? target)
    {
        if (string.IsNullOrEmpty(target)) return null;
        if (Workspace.Scheme.FindArea(target) is { } area) return $"/Evaluations/{Workspace.Id}/Areas/{area.Key}";
        return Workspace.Scheme.FindField(target) is { } field ? $"/Evaluations/{Workspace.Id}/Areas/{field.AreaKey}#row-f-{field.Code.Replace('.', '-')}" : null;
    }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => RenderAsync(id, null, cancellationToken);

    public Task<IActionResult> OnPostOpenAsync(int id, [FromServices] OpenThread open, CancellationToken cancellationToken) =>
        ActAsync(id, () => open.HandleAsync(Workspace, Actor, Target, Text, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReplyAsync(int id, [FromServices] ReplyToThread reply, CancellationToken cancellationToken) =>
        ActAsync(id, () => reply.HandleAsync(Workspace, Actor, ThreadId, Text, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(int id, [FromServices] SetThreadResolved state, CancellationToken cancellationToken) =>
        ActAsync(id, () => state.HandleAsync(Workspace, Actor, ThreadId, true, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(int id, [FromServices] SetThreadResolved state, CancellationToken cancellationToken) =>
        ActAsync(id, () => state.HandleAsync(Workspace, Actor, ThreadId, false, cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync(int id, Func<Task<Outcome<Unit>>> act, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var outcome = await act();
        if (outcome.IsDone) return Infrastructure.ReturnUrls.IsLocalPath(ReturnUrl) ? LocalRedirect(ReturnUrl!) : RedirectToPage(new { id });
        return await RenderAsync(id, this.Answer(outcome), cancellationToken);
    }

    private async Task<IActionResult> RenderAsync(int id, string? problem, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        Threads = await threads.ListAsync(id, cancellationToken);
        Problem = problem;
        return Page();
    }
}
