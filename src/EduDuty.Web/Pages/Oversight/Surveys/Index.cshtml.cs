using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Oversight.Surveys;

/// <summary>满意度调查: the rounds of the user's region, each county's counted and suspect sheets and indexes (issue 31).</summary>
public sealed class IndexModel(SurveyOverview overview, SurveyResultsExport resultsExport, SurveyAnswersExport answersExport, CurrentUser user) : PageModel
{
    public IReadOnlyList<RoundResults> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rounds = await overview.LoadAsync(new SurveyViewer(user.Roles.ToList(), user.RegionPath), cancellationToken);

    /// <summary>A round's results, every county the user may read, as a workbook: <c>?handler=Results&amp;round={id}</c>.</summary>
    public Task<IActionResult> OnGetResultsAsync([FromQuery] int round, CancellationToken cancellationToken) =>
        SurveyDownloads.ResultsAsync(this, resultsExport, Viewer, round, null, cancellationToken);

    /// <summary>A round's anonymised answer sheets as a workbook: <c>?handler=Answers&amp;round={id}</c> (supervisors and admins only).</summary>
    public Task<IActionResult> OnGetAnswersAsync([FromQuery] int round, CancellationToken cancellationToken) =>
        SurveyDownloads.AnswersAsync(this, answersExport, Viewer, round, null, cancellationToken);

    private SurveyViewer Viewer => new(user.Roles.ToList(), user.RegionPath);
}
