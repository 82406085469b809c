using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Oversight.Surveys;

/// <summary>满意度调查: the rounds of the user's region, each county's counted and suspect sheets and indexes (issue 31).</summary>
public sealed class IndexModel(SurveyOverview overview, CurrentUser user) : PageModel
{
    public IReadOnlyList<RoundResults> Rounds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rounds = await overview.LoadAsync(new SurveyViewer(user.Roles.ToList(), user.RegionPath), cancellationToken);
}
