using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Evaluations;

/// <summary>
/// What every page of one evaluation shares: the evaluation loaded for the signed-in user (404 outside their region),
/// and how a refused change is answered — 409 with the reason for the county, whose evaluation is locked or late; 403
/// for every other role, who may not change county content at all.
/// </summary>
public abstract class EvaluationPageModel(WorkspaceLoader loader, CurrentUser user) : PageModel
{
    public Workspace Workspace { get; private set; } = null!;

    public CurrentUser Viewer => user;

    protected Actor Actor => user.Actor;

    /// <summary>The workspace a page GET read with its own loader (<see cref="WorkspacePageLoader"/>).</summary>
    protected void Use(Workspace workspace) => Workspace = workspace;

    /// <summary>Loads the evaluation; false when the user may not see it (answer <see cref="PageModel.NotFound()"/>).</summary>
    protected async Task<bool> LoadWorkspaceAsync(int id, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(id, Actor, cancellationToken);
        if (workspace is null) return false;
        Workspace = workspace;
        return true;
    }
}
