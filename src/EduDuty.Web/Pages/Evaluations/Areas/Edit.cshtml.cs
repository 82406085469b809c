using EduDuty.Core.Rules;
using EduDuty.Web.Pages.Evaluations.Workspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Evaluations.Areas;

public sealed class EditModel(WorkspaceLoader loader, AreaSaveHandler handler, Review.ReviewHandler review) : PageModel
{
    [BindProperty]
    public AreaForm Form { get; set; } = new();

    public AreaView View { get; private set; } = null!;

    public IReadOnlyList<Conflict> Conflicts { get; private set; } = [];

    /// <summary>Reasons of the latest return, by field code or area key.</summary>
    public ILookup<string, Data.Entities.ReviewComment> ReturnReasons { get; private set; } = Array.Empty<Data.Entities.ReviewComment>().ToLookup(c => c.Target ?? string.Empty);

    /// <summary>The save was refused because the evaluation is submitted or approved.</summary>
    public bool Locked { get; private set; }

    /// <summary>
    /// The message after a save. Read by GET only: a [TempData] property would be loaded, and so consumed, by the live
    /// preview requests too, which can land between the save's redirect and the page that should show it.
    /// </summary>
    public string? Saved { get; private set; }

    private const string SavedKey = "AreaSaved";

    public async Task<IActionResult> OnGetAsync(int id, string key, CancellationToken cancellationToken)
    {
        var (workspace, area) = await LoadAsync(id, key, cancellationToken);
        if (workspace is null || area is null) return NotFound();
        View = AreaView.Build(workspace, area);
        Saved = TempData[SavedKey] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string key, CancellationToken cancellationToken)
    {
        var (workspace, area) = await LoadAsync(id, key, cancellationToken);
        if (workspace is null || area is null) return NotFound();

        var result = await handler.SaveAsync(workspace, area, Form, cancellationToken);
        switch (result.Status)
        {
            case AreaSaveStatus.Forbidden:
                return StatusCode(StatusCodes.Status403Forbidden);
            case AreaSaveStatus.Locked:
                Locked = true;
                View = AreaView.Build(workspace, area, Form);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case AreaSaveStatus.Saved:
                TempData[SavedKey] = result.Saved == 0 ? "没有需要保存的修改。" : $"已保存 {result.Saved} 项修改。";
                return RedirectToPage(new { id, key });
            case AreaSaveStatus.Invalid:
                foreach (var (code, message) in result.Errors)
                {
                    ModelState.AddModelError(code == AreaSaveHandler.NarrativeKey ? "Form.Narrative" : $"Form.Values[{code}]", message);
                }

                View = AreaView.Build(workspace, area, Form, result.Errors, AreaSaveHandler.Preview(workspace, area, Form).Result);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            default:
                Conflicts = result.Conflicts;
                RebaseOnConflicts(workspace);
                View = AreaView.Build(workspace, area, Form);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
        }
    }

    /// <summary>Recomputes the area with what is typed so far: the page calls this while the user types.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, string key, CancellationToken cancellationToken)
    {
        var (workspace, area) = await LoadAsync(id, key, cancellationToken);
        if (workspace is null || area is null) return NotFound();

        var (result, errors) = AreaSaveHandler.Preview(workspace, area, Form);
        return new JsonResult(new
        {
            results = result.InArea(area.Key).ToDictionary(r => r.Field.Code, r => new
            {
                text = r.HasValue ? FieldDisplay.Value(r) : "—",
                label = r.Status.DisplayName(),
                css = FieldDisplay.BadgeClass(r.Status),
                shown = FieldDisplay.ShowsJudgment(r),
                reason = r.Reason,
            }),
            errors,
        });
    }

    // After a conflict the user's values stay on screen, now based on the current versions: saving again is a
    // deliberate overwrite, leaving the page keeps the other person's values.
    private void RebaseOnConflicts(Workspace.Workspace workspace)
    {
        foreach (var conflict in Conflicts)
        {
            if (workspace.Scheme.FindArea(conflict.Target) is not null)
            {
                Form.NarrativeBase = conflict.TheirValue ?? string.Empty;
                Form.NarrativeVersion = conflict.CurrentVersion;
                continue;
            }

            if (workspace.Scheme.FindField(conflict.Target) is null) continue;
            Form.Base[conflict.Target] = conflict.TheirValue;
            Form.Versions[conflict.Target] = conflict.CurrentVersion;
        }
    }

    private async Task<(Workspace.Workspace?, Core.Schemes.SchemeArea?)> LoadAsync(int id, string key, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace?.Status == Core.Review.EvaluationStatus.Returned)
        {
            ReturnReasons = (await review.OpenReturnReasonsAsync(id, cancellationToken)).ToLookup(c => c.Target ?? string.Empty);
        }

        return (workspace, workspace?.Scheme.FindArea(key));
    }
}
