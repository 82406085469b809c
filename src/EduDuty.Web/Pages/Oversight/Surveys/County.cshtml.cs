using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Oversight.Surveys;

/// <summary>One county's results in a round: per group, theme and question (issue 31).</summary>
public sealed class CountyModel(SurveyResultsQuery results, SurveyResultsExport resultsExport, SurveyAnswersExport answersExport, CurrentUser user) : PageModel
{
    public RoundResults? Results { get; private set; }

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(int roundId, int countyId, CancellationToken cancellationToken)
    {
        var loaded = await results.LoadAsync(roundId, countyId, new SurveyViewer(user.Roles.ToList(), user.RegionPath), cancellationToken);
        if (loaded.Kind == OutcomeKind.NotFound) return NotFound();
        if (!loaded.IsDone) Refusal = this.Answer(loaded);
        else Results = loaded.Value;
        return Page();
    }

    /// <summary>The county's results as a workbook (counts, shares, indexes).</summary>
    public Task<IActionResult> OnGetResultsAsync(int roundId, int countyId, CancellationToken cancellationToken) =>
        SurveyDownloads.ResultsAsync(this, resultsExport, Viewer, roundId, countyId, cancellationToken);

    /// <summary>The county's anonymised answer sheets as a workbook (supervisors and admins only).</summary>
    public Task<IActionResult> OnGetAnswersAsync(int roundId, int countyId, CancellationToken cancellationToken) =>
        SurveyDownloads.AnswersAsync(this, answersExport, Viewer, roundId, countyId, cancellationToken);

    private SurveyViewer Viewer => new(user.Roles.ToList(), user.RegionPath);
}
