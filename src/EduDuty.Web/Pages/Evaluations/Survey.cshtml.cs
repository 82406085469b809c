using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations;

/// <summary>The county's own survey results in the evaluation's year: aggregates only, never answers or open texts (issue 31).</summary>
public sealed class SurveyModel(WorkspaceLoader loader, SurveyOverview overview, CurrentUser user) : EvaluationPageModel(loader, user)
{
    public RoundResults? Results { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var loaded = await overview.ForCountyAsync(Workspace.CountyId, Workspace.Year, new SurveyViewer(Viewer.Roles.ToList(), Viewer.RegionPath), cancellationToken);
        if (loaded.IsDone) Results = loaded.Value;
        else if (loaded.Kind == OutcomeKind.NotFound) Refusal = loaded.Reason?.Text;
        else Refusal = this.Answer(loaded);
        return Page();
    }
}
