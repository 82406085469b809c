using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Reports.Editions;
using EduDuty.Core.Messaging;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations.Report;

/// <summary>
/// Two editions of an evaluation side by side (issue 25, decision 0034): what differs in figures, texts and evidence between
/// the earlier (<c>from</c>) and the later (<c>to</c>); without numbers, the latest against the one before. Anyone who may see
/// the evaluation may compare its editions.
/// </summary>
public sealed class CompareModel(WorkspaceLoader loader, EditionDifferences differences, CurrentUser user)
    : EvaluationPageModel(loader, user)
{
    public EditionComparisonView? View { get; private set; }

    public string? Refusal { get; private set; }

    [FromQuery(Name = "from")]
    public int? From { get; set; }

    [FromQuery(Name = "to")]
    public int? To { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();

        // A number that is not one ("?from=abc") is said, not taken for "the latest".
        var outcome = ModelState.IsValid
            ? await differences.CompareAsync(Workspace, From, To, cancellationToken)
            : Outcome.Invalid(Messages.EditionCompareBadNumber);
        if (outcome.IsDone)
        {
            View = outcome.Value;
            return Page();
        }

        Refusal = this.Answer(outcome);
        View = (await differences.CompareAsync(Workspace, null, null, cancellationToken)).Value; // the editions to choose from
        return Page();
    }
}
