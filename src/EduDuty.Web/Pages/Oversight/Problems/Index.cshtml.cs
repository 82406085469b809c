using System.ComponentModel.DataAnnotations;
using EduDuty.Application.Surveys.Problems;
using EduDuty.Core.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Oversight.Problems;

/// <summary>
/// 问题线索 (issue 31, decision 0060): the problem reports of the supervisor's region (folder policy: supervisors only), by
/// county, state, category, round and a bounded search, with the counts by state; each leads to its detail.
/// </summary>
public sealed class IndexModel(ProblemReportsQuery query, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [Display(Name = "县（市、区）")]
    public int? County { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "状态")]
    public ProblemStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "问题类别")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "调查")]
    public int? Round { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    [Display(Name = "搜索")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public ProblemList List { get; private set; } = null!;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var outcome = await query.ListAsync(user.Actor, new ProblemFilter(County, Status, Category, Round, Search), PageNumber, cancellationToken);
        if (!outcome.IsDone)
        {
            Refusal = this.Answer(outcome);
            return Page();
        }

        List = outcome.Value!;
        return Page();
    }

    /// <summary>This list at a page with a state (null: all), keeping the other filters.</summary>
    public string PageUrl(ProblemStatus? status, int page) =>
        $"/Oversight/Problems?County={County}&Category={Uri.EscapeDataString(Category ?? "")}&Round={Round}&q={Uri.EscapeDataString(Search ?? "")}{(status is { } s ? $"&Status={s}" : "")}&p={page}";
}
