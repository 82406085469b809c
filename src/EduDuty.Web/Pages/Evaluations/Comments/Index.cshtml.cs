using EduDuty.Web.Infrastructure;
using EduDuty.Web.Pages.Evaluations.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Evaluations.Comments;

public sealed class IndexModel(WorkspaceLoader loader, CommentThreads threads, CurrentUser user) : PageModel
{
    public Workspace.Workspace Workspace { get; private set; } = null!;

    public IReadOnlyList<CommentThread> Threads { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool CountySide => user.IsCountyUser;

    [BindProperty(SupportsGet = true)]
    public string? Target { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public long ThreadId { get; set; }

    public Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => RenderAsync(id, null, cancellationToken);

    public Task<IActionResult> OnPostOpenAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, ws => threads.OpenAsync(ws, Target, Text, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReplyAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, ws => threads.ReplyAsync(ws, ThreadId, Text, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, ws => threads.SetResolvedAsync(ws, ThreadId, true, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, ws => threads.SetResolvedAsync(ws, ThreadId, false, cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync(int id, Func<Workspace.Workspace, Task<string?>> act, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace is null) return NotFound();
        var problem = await act(workspace);
        if (problem is null) return RedirectToPage(new { id });
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await RenderAsync(id, problem, cancellationToken);
    }

    private async Task<IActionResult> RenderAsync(int id, string? problem, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace is null) return NotFound();
        Workspace = workspace;
        Threads = await threads.ListAsync(id, cancellationToken);
        Problem = problem;
        return Page();
    }
}
