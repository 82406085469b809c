using EduDuty.Application;
using EduDuty.Core.Messaging;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// The one place where a use case's answer becomes an HTTP status (decision 0022): done 200 (or the page's redirect), invalid
/// 422, conflict 409, refused 403 when the user may never do it here, 409 when not in this state and 503 when the server will
/// not do it now (busy, out of time), not found 404. The API's conditions on a version (issue 29): a stale one 412, a missing
/// one 428 (<see cref="RefusalKind.Stale"/>, <see cref="RefusalKind.ConditionRequired"/>).
/// </summary>
public static class OutcomeResponses
{
    public static int StatusOf(OutcomeKind kind, Message? reason) => kind switch
    {
        OutcomeKind.Done => StatusCodes.Status200OK,
        OutcomeKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        OutcomeKind.Conflict when reason?.Kind == RefusalKind.Stale => StatusCodes.Status412PreconditionFailed,
        OutcomeKind.Conflict => StatusCodes.Status409Conflict,
        OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        _ => reason?.Kind switch
        {
            RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
            RefusalKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
            RefusalKind.Stale => StatusCodes.Status412PreconditionFailed,
            RefusalKind.ConditionRequired => StatusCodes.Status428PreconditionRequired,
            _ => StatusCodes.Status409Conflict,
        },
    };

    public static int StatusOf<T>(Outcome<T> outcome) => StatusOf(outcome.Kind, outcome.Reason);

    /// <summary>
    /// For a page that shows a not-done answer again: sets the response's status from the outcome and returns the text to
    /// show (the reason, else the problems).
    /// </summary>
    public static string? Answer<T>(this PageModel page, Outcome<T> outcome)
    {
        page.Response.StatusCode = StatusOf(outcome);
        return outcome.Refusal;
    }
}
