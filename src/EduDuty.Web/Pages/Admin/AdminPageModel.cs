using EduDuty.Application;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Admin;

/// <summary>
/// What every admin page shares: the acting admin, a success message, and the answer that was not done: the page again, with
/// what to correct (each problem of an invalid input, or the reason of a refusal or a not found) and the status the outcome
/// maps to (<see cref="OutcomeResponses"/>: invalid 422, refused 403 or 409, not found 404), having changed nothing.
/// </summary>
public abstract class AdminPageModel(CurrentUser user) : PageModel
{
    /// <summary>The signed-in admin; the pages work within the admin's region.</summary>
    protected CurrentUser CurrentAdmin { get; } = user;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Message { get; protected set; }

    protected Actor Actor => CurrentAdmin.Actor;

    /// <summary>
    /// This response shows a refused post of the named handler: its form shows what was typed, not what is stored (issue 27).
    /// </summary>
    public bool Refused(string handler) =>
        Errors.Count > 0 && string.Equals(Request.Query["handler"], handler, StringComparison.OrdinalIgnoreCase);

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => RenderAsync(cancellationToken);

    /// <summary>The page again with a not-done outcome's problems (or its reason) listed, at the status it maps to.</summary>
    /// <param name="shownBeside">Problems the page shows next to their form field instead of in the list.</param>
    protected async Task<IActionResult> NotDoneAsync<T>(Outcome<T> outcome, CancellationToken cancellationToken, Func<FieldProblem, bool>? shownBeside = null)
    {
        var text = this.Answer(outcome);
        Errors = outcome.Problems.Count > 0
            ? outcome.Problems.Where(p => shownBeside?.Invoke(p) != true).Select(p => p.Text).ToList()
            : text is null ? [] : [text];
        return await RenderAsync(cancellationToken);
    }

    /// <summary>The page again: with the use case's note when it was done, else as <see cref="NotDoneAsync{T}"/>.</summary>
    protected async Task<IActionResult> ShowAsync<T>(Outcome<T> outcome, CancellationToken cancellationToken)
    {
        if (!outcome.IsDone) return await NotDoneAsync(outcome, cancellationToken);
        Message = outcome.Note;
        return await RenderAsync(cancellationToken);
    }

    /// <summary>An input the page itself finds invalid (no file chosen, a file that is not UTF-8): the page again, at 422.</summary>
    protected Task<IActionResult> InvalidAsync(string field, string text, CancellationToken cancellationToken) =>
        NotDoneAsync<Unit>(Outcome.Invalid(field, text), cancellationToken);

    protected abstract Task<IActionResult> RenderAsync(CancellationToken cancellationToken);
}
