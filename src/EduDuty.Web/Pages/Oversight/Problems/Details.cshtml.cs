using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Surveys.Problems;
using EduDuty.Core.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Oversight.Problems;

/// <summary>
/// A problem report (issue 31, decision 0060): what was reported, when, where, the contact (or that none was left, or when it
/// was purged), the supervisors' notes; the form for the next step from the version shown. Outside the region: 404.
/// </summary>
public sealed class DetailsModel(ProblemReportsQuery query, CurrentUser user) : PageModel
{
    public ProblemDetail Report { get; private set; } = null!;

    [BindProperty]
    [Display(Name = "新的状态")]
    public ProblemStatus NewStatus { get; set; }

    [BindProperty]
    [Display(Name = "处理意见")]
    [DataType(DataType.MultilineText)]
    public string? Note { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [TempData]
    public string? Message { get; set; }

    public string? Refusal { get; private set; }

    public string? NoteError { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await query.DetailAsync(user.Actor, id, cancellationToken);
        if (!outcome.IsDone) return StatusCode(OutcomeResponses.StatusOf(outcome));
        Report = outcome.Value!;
        NewStatus = Report.Status;
        Version = Report.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, [FromServices] StepProblemReport step, CancellationToken cancellationToken)
    {
        var outcome = await step.HandleAsync(new ProblemStepInput(id, NewStatus, Note, Version), user.Actor, cancellationToken);
        if (outcome.IsDone)
        {
            Message = outcome.Note;
            return Redirect($"/Oversight/Problems/{id}");
        }

        if (outcome.Kind is OutcomeKind.NotFound || outcome.Reason?.Kind == Core.Messaging.RefusalKind.Forbidden) return StatusCode(OutcomeResponses.StatusOf(outcome));
        var shown = await query.DetailAsync(user.Actor, id, cancellationToken);
        if (!shown.IsDone) return StatusCode(OutcomeResponses.StatusOf(shown));
        Report = shown.Value!;
        var status = OutcomeResponses.StatusOf(outcome);
        if (outcome.Kind == OutcomeKind.Invalid && outcome.Problems.FirstOrDefault(p => p.Field == "Note") is { } problem) NoteError = problem.Text;
        else Refusal = outcome.Refusal;
        // A conflict shows the newest state and version (the form is based on them now); the typed note stays.
        if (outcome.Kind == OutcomeKind.Conflict) Version = Report.Version;
        ModelState.Clear();
        Response.StatusCode = status;
        return Page();
    }
}
