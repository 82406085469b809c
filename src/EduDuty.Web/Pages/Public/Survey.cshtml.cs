using System.ComponentModel.DataAnnotations;
using System.Globalization;
using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace EduDuty.Web.Pages.Public;

/// <summary>
/// /public/survey/{token}: a county's questionnaire for one group (issue 31, decision 0058), for anyone, without script. The
/// GET is the same page for everyone (public cache, ETag, the server's output cache) and sets no cookie; the device cookie
/// and the start stamp come from the no-store stylesheet it links (<see cref="SurveyStartModel"/>). The POST is one sheet
/// (<see cref="SubmitAnswer"/>): stored → the thank-you page; this device's second sheet → the "counted once" variant;
/// a value to correct → the form again (422) with what was chosen and each problem linked to its question.
/// Antiforgery: there is no session to ride on; a forged cross-site POST carries no device cookie and no start stamp
/// (SameSite=Lax cookies are not sent on a cross-site POST), so it is kept only as a suspect sheet (NoStart) and never counted.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(SurveyDevice.RateLimitPolicy)]
[OutputCache(PolicyName = PublicSurface.OutputCachePolicy)]
public sealed class SurveyModel(SurveyDoors doors) : PageModel
{
    /// <summary>The hidden field a person never sees (honeypot): a program that fills every field fills it.</summary>
    [BindProperty]
    [Display(Name = "个人网站（请勿填写）")]
    [StringLength(200)]
    public string? Website { get; set; }

    public SurveyDoor? Door { get; private set; }

    /// <summary>Why there is nothing to show (404), or why the door takes no answer now (its phase).</summary>
    public string? Missing { get; private set; }

    public string? Closed { get; private set; }

    /// <summary>The values sent (kept on a 422), by question number.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> Values { get; private set; } = new Dictionary<int, IReadOnlyList<string>>();

    /// <summary>The problems of a sheet sent, by field (<c>q3</c>).</summary>
    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var found = await doors.FindAsync(token, cancellationToken);
        if (!found.IsDone)
        {
            Missing = this.Answer(found);
            return Page();
        }

        Door = found.Value;
        Closed = SurveyDoors.Closed(Door!)?.Text;
        return PublicSurface.Cacheable(HttpContext, Door!.ETag) ? StatusCode(StatusCodes.Status304NotModified) : Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SubmitAnswer submit, CancellationToken cancellationToken)
    {
        // The door is the address itself (a route value whose shape is checked before anything is read), not a typed input.
        var token = RouteData.Values["token"] as string ?? string.Empty;
        PublicSurface.NotCacheable(HttpContext);
        // A body that is not a form (JSON, plain text) is read as an empty sheet: refused by question, or 404 for no door.
        var form = Request.HasFormContentType ? await Request.ReadFormAsync(cancellationToken) : Microsoft.AspNetCore.Http.FormCollection.Empty;
        Values = ValuesOf(form);
        var input = new SurveyAnswerInput(token, SurveyDevice.DeviceOf(Request), SurveyDoors.IsWellFormed(token) ? SurveyDevice.StartedAt(HttpContext, token) : null,
            HttpContext.Connection.RemoteIpAddress?.ToString(), form[nameof(Website)].Any(v => !string.IsNullOrWhiteSpace(v)), Values);
        var outcome = await submit.HandleAsync(input, cancellationToken);
        if (outcome.IsDone)
            // The fragment names the thank-you's title: it replaces the form's #survey-problems, which a redirect would carry over.
            return Redirect($"/public/survey/{token}/thanks{(outcome.Value!.CountedOnceAlready ? "/once" : string.Empty)}#thanks-title");

        var found = await doors.FindAsync(token, cancellationToken);
        if (!found.IsDone)
        {
            Missing = this.Answer(found);
            return Page();
        }

        Door = found.Value;
        if (outcome.Kind == OutcomeKind.Invalid) Problems = outcome.Problems;
        else Closed = outcome.Refusal;
        this.Answer(outcome);
        return Page();
    }

    /// <summary>The form's values of fields <c>q1</c> … (the questionnaire has at most <see cref="SurveyLoader.MaxQuestions"/>).</summary>
    private static Dictionary<int, IReadOnlyList<string>> ValuesOf(IFormCollection form)
    {
        var values = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var (key, value) in form)
        {
            if (key.Length is < 2 or > 3 || key[0] != 'q' || !int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) continue;
            if (number is < 1 or > SurveyLoader.MaxQuestions) continue;
            values[number] = value.Where(v => v is not null).Take(SurveyLoader.MaxOptions + 1).Select(v => v!).ToList();
        }

        return values;
    }

    public string? ProblemOf(int number) => Problems.FirstOrDefault(p => p.Field == SheetRules.FieldOf(number))?.Text;

    public bool Chosen(int number, int option) =>
        Values.TryGetValue(number, out var given) && given.Contains(option.ToString(CultureInfo.InvariantCulture));

    public string TextOf(int number) => Values.TryGetValue(number, out var given) ? string.Join("\n", given) : string.Empty;
}
