using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Evaluations;

public sealed class DetailsModel(EvaluationQueries queries) : PageModel
{
    public EvaluationSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var summary = await queries.GetSummaryAsync(id, cancellationToken);
        if (summary is null) return NotFound();
        Summary = summary;
        return Page();
    }
}
