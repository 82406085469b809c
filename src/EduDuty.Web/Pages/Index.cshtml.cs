using EduDuty.Web.Pages.Evaluations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages;

public sealed class IndexModel(EvaluationQueries queries) : PageModel
{
    public IReadOnlyList<EvaluationListItem> Evaluations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Evaluations = await queries.ListAsync(cancellationToken);
}
