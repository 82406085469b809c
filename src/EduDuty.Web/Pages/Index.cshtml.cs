using EduDuty.Web.Pages.Evaluations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages;

public sealed class IndexModel(EvaluationQueries queries) : PageModel
{
    public HomeView Home { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Home = await queries.HomeAsync(cancellationToken);
}
