using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Surveys.Problems;
using EduDuty.Core.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace EduDuty.Web.Pages.Public;

/// <summary>
/// /public/problems/{token}: a county's problem-report form (问题线索, issue 31, decision 0060), phone first and without script.
/// The report goes to the supervising office, never to the county. A POST stores it (<see cref="SubmitProblemReport"/>) and
/// answers with the thank-you and the reference in the same response (not cached, not in an address).
/// Antiforgery: none, on purpose. The page has no session and sets no cookie (a token would need one); a forged cross-site
/// POST could only file a report from the victim's browser — which anyone may file anyway — and show the receipt to that
/// browser alone. What protects the form is the body bound (<see cref="ProblemReportSurface.BodyLimit"/>, before reading),
/// the rate limit per address and minute, the daily limit per address, the honeypot field and the CSP's form-action 'self'.
/// </summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting(ProblemReportSurface.RateLimitPolicy)]
[PublicFormLimit(ProblemReportSurface.BodyLimit)]
public sealed class ProblemsModel : PublicPageModel
{
    [BindProperty]
    [Display(Name = "问题类别")]
    public string? Category { get; set; }

    [BindProperty]
    [Display(Name = "问题描述")]
    [DataType(DataType.MultilineText)]
    public string? Text { get; set; }

    [BindProperty]
    [Display(Name = "联系人")]
    public string? ContactName { get; set; }

    [BindProperty]
    [Display(Name = "联系电话")]
    [DataType(DataType.PhoneNumber)]
    public string? ContactPhone { get; set; }

    /// <summary>The honeypot: hidden from people, filled by robots (a filled one is answered as received and not stored).</summary>
    [BindProperty]
    [Display(Name = "网址（请勿填写）")]
    public string? Website { get; set; }

    public ProblemDoor? Door { get; private set; }

    /// <summary>The door's round is not open: its phase and period (no form).</summary>
    public string? Closed { get; private set; }

    public ProblemReceipt? Receipt { get; private set; }

    /// <summary>Why the report was not stored (the limit of the day, a round closed meanwhile).</summary>
    public string? Refusal { get; private set; }

    /// <summary>The wrong fields, by name, with what to do.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync([FromServices] ProblemForm form, CancellationToken cancellationToken)
    {
        var token = Token;
        ViewData["Robots"] = "noindex, nofollow";
        var outcome = await form.LoadAsync(token, cancellationToken);
        if (!outcome.IsDone)
        {
            Missing = this.Answer(outcome);
            return Page();
        }

        Door = outcome.Value!;
        Closed = ProblemForm.Closed(Door)?.Text;
        return ClientHas(PublicSurface.Tag($"\"problems-{Door.Phase}\"", token + Door.Period + Application.Reports.Editions.ReportEditions.SoftwareVersion)) ? NotModified() : Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] ProblemForm form, [FromServices] SubmitProblemReport submit, CancellationToken cancellationToken)
    {
        var token = Token;
        ViewData["Robots"] = "noindex, nofollow";
        PublicSurface.NotCacheable(HttpContext);
        var door = await form.LoadAsync(token, cancellationToken);
        if (!door.IsDone)
        {
            Missing = this.Answer(door);
            return Page();
        }

        Door = door.Value!;
        var outcome = await submit.HandleAsync(new ProblemReportInput(token, Category, Text, ContactName, ContactPhone, Website,
            HttpContext.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        if (outcome.IsDone)
        {
            Receipt = outcome.Value!;
            return Page();
        }

        Response.StatusCode = OutcomeResponses.StatusOf(outcome);
        if (outcome.Kind == OutcomeKind.Invalid) Errors = outcome.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Text);
        else if (outcome.Reason?.Code == "problem-round-not-open") Closed = outcome.Refusal;
        else Refusal = outcome.Refusal;
        return Page();
    }

    // The link's token from the route only (never a form field of the same name), not a bound input.
    private string Token => RouteData.Values["token"] as string ?? string.Empty;

    public string? ErrorOf(string field) => Errors.GetValueOrDefault(field);

    public static IReadOnlyList<string> Categories => ProblemReports.Categories;
}
