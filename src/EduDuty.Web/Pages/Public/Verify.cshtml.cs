using System.ComponentModel.DataAnnotations;
using EduDuty.Application.Reports.Publication;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Public;

/// <summary>
/// /public/verify: a PDF or Word file (at most 20 MB, bounded before it is read: <see cref="PublicUploadLimitAttribute"/>),
/// or a pasted SHA-256, checked against every edition the portal keeps (<see cref="VerifyReport"/>). Nothing is stored and
/// no session exists, so the form carries no antiforgery token and sets no cookie: a forged cross-site POST could only
/// make someone's browser ask a question and show the answer to them.
/// </summary>
[IgnoreAntiforgeryToken]
[PublicUploadLimit]
public sealed class VerifyModel : PublicPageModel
{
    /// <summary>A pasted SHA-256 (blanks ignored); filled in from the QR code's link.</summary>
    [BindProperty]
    [Display(Name = "SHA-256 值")]
    [DataType(DataType.MultilineText)] // a hash copied from a printed page may come in two lines
    public string? Sha256 { get; set; }

    [BindProperty]
    [Display(Name = "要核验的文件")]
    public IFormFile? Upload { get; set; }

    public Verification? Result { get; private set; }

    /// <summary>Why the input could not be checked (the field to correct).</summary>
    public string? Problem { get; private set; }

    /// <summary>The name of the file checked, as the visitor's browser gave it.</summary>
    public string? UploadName { get; private set; }

    /// <param name="sha256">From the public page's QR code or link: fills in the field; the visitor presses 核验.</param>
    public IActionResult OnGet([FromQuery(Name = "sha256")] string? sha256)
    {
        Sha256 = sha256 is { Length: <= 200 } given ? given : null;
        return ClientHas(PublicSurface.Tag(ETagOfForm, Sha256)) ? NotModified() : Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] VerifyReport verify, CancellationToken cancellationToken)
    {
        PublicSurface.NotCacheable(HttpContext);
        UploadName = Upload is { } file ? Path.GetFileName(file.FileName) : null;
        await using var stream = Upload?.OpenReadStream();
        var outcome = await verify.HandleAsync(stream, Sha256, cancellationToken);
        if (outcome.IsDone) Result = outcome.Value;
        else Problem = this.Answer(outcome);
        return Page();
    }

    // The empty form changes only with a release.
    private static readonly string ETagOfForm = PublicSurface.Tag("\"verify\"", Application.Reports.Editions.ReportEditions.SoftwareVersion);
}
