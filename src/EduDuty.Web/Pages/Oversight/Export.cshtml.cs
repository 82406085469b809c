using EduDuty.Application.Excel;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace EduDuty.Web.Pages.Oversight;

/// <summary>Every county's figures and judgments of a region and year in one workbook, for supervisors and admins.</summary>
public sealed class ExportModel(CountiesWorkbookExport export, CurrentUser user) : PageModel
{
    public CountiesExportOptions Options { get; private set; } = new([], []);

    /// <summary>"2021:3": the year and the scheme its counties were evaluated by, as the form's choice carries them.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Choice { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Region { get; set; }

    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Options = await export.OptionsAsync(user.Actor, cancellationToken);

    /// <summary>The workbook, written to the response while the counties are read (nothing of it is held whole).</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        var (year, schemeId) = ParseChoice(Choice);
        var (resolved, refusal) = await export.ResolveAsync(user.Actor, year, schemeId, Region, cancellationToken);
        if (resolved is null)
        {
            Refusal = refusal;
            Options = await export.OptionsAsync(user.Actor, cancellationToken);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(resolved.FileName);
        Response.ContentType = CountyWorkbookDownload.MediaType;
        Response.Headers.ContentDisposition = disposition.ToString();
        Response.Headers.CacheControl = "private, no-store";
        await export.WriteAsync(resolved, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    public static string ChoiceValue(CountiesExportChoice choice) => $"{choice.Year}:{choice.SchemeId}";

    public static (int? Year, int? SchemeId) ParseChoice(string? choice)
    {
        var parts = (choice ?? string.Empty).Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], out var year) && int.TryParse(parts[1], out var scheme) ? (year, scheme) : (null, null);
    }
}
