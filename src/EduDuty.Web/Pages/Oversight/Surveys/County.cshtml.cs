using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Oversight.Surveys;

/// <summary>One county's results in a round: per group, theme and question (issue 31).</summary>
public sealed class CountyModel(SurveyResultsQuery results, CurrentUser user) : PageModel
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
}
