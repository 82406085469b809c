using System.ComponentModel.DataAnnotations;
using EduDuty.Application.Excel;
using EduDuty.Application.Reports;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace EduDuty.Web.Pages.Oversight;

/// <summary>Every county's figures and judgments of a region and year in one workbook, for supervisors and admins.</summary>
public sealed class ExportModel(CountiesWorkbookExport export, CountyReportsZip zip, ReportPdf pdf, CurrentUser user) : PageModel
{
    public CountiesExportOptions Options { get; private set; } = new([], []);

    /// <summary>"2021:3": the year and the scheme its counties were evaluated by, as the form's choice carries them.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "年度与方案")]
    public string? Choice { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "地区")]
    public string? Region { get; set; }

    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Options = await export.OptionsAsync(user.Actor, cancellationToken);

    /// <summary>The workbook, written to the response while the counties are read (nothing of it is held whole).</summary>
    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        if (await ResolveAsync(cancellationToken) is not { } resolved) return Page();
        StartDownload(resolved.FileName, CountyWorkbookDownload.MediaType);
        return Finish(await export.ExportAsync(resolved, Response.Body, cancellationToken));
    }

    /// <summary>Every county's report PDF in one ZIP, written while the reports are rendered (the browser shows it arriving).</summary>
    public async Task<IActionResult> OnGetReportsAsync(CancellationToken cancellationToken)
    {
        if (await ResolveAsync(cancellationToken) is not { } resolved) return Page();
        if (pdf.Fonts.Problems.Count > 0)
        {
            Refusal = "暂时无法生成 PDF：" + string.Join("；", pdf.Fonts.Problems);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        StartDownload(CountyReportsZip.FileName(resolved), "application/zip");
        return Finish(await zip.WriteAsync(user.Actor, resolved, Response.Body, cancellationToken));
    }

    // A download written to the response: done, it is complete. Refused (busy, out of time) before anything was sent, the page
    // says why (503); after, the connection is cut, so that the browser reports a failed download rather than keeping a part.
    private IActionResult Finish(Application.Outcome<Application.Unit> outcome)
    {
        if (outcome.IsDone) return new EmptyResult();
        if (Response.HasStarted)
        {
            HttpContext.Abort();
            return new EmptyResult();
        }

        Response.Headers.Remove(HeaderNames.ContentDisposition);
        Response.Headers.Remove(HeaderNames.CacheControl);
        Response.ContentType = null;
        Refusal = this.Answer(outcome);
        return Page();
    }

    // The selection asked for, or null with the reason on the page and a 404.
    private async Task<CountiesExport?> ResolveAsync(CancellationToken cancellationToken)
    {
        var (year, schemeId) = ParseChoice(Choice);
        var (resolved, refusal) = await export.ResolveAsync(user.Actor, year, schemeId, Region, cancellationToken);
        Options = await export.OptionsAsync(user.Actor, cancellationToken);
        if (resolved is not null) return resolved;
        Refusal = refusal;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return null;
    }

    private void StartDownload(string fileName, string mediaType)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        Response.ContentType = mediaType;
        Response.Headers.ContentDisposition = disposition.ToString();
        Response.Headers.CacheControl = "private, no-store";
    }

    public static string ChoiceValue(CountiesExportChoice choice) => $"{choice.Year}:{choice.SchemeId}";

    public static (int? Year, int? SchemeId) ParseChoice(string? choice)
    {
        var parts = (choice ?? string.Empty).Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], out var year) && int.TryParse(parts[1], out var scheme) ? (year, scheme) : (null, null);
    }
}
