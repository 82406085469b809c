using EduDuty.Application.Reports.Editions;
using EduDuty.Application.Reports.Publication;
using EduDuty.Core.Reports;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Public;

/// <summary>
/// /public/{regionCode}/{year}/report: a county's published report — its text as HTML from the frozen edition, the PDF and
/// Word downloads (the stored bytes), the publication date, the edition, both files' SHA-256 and a QR code to the
/// verification page with the PDF's hash; a withdrawn publication says so (date, reason) and serves no files.
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicSurface.OutputCachePolicy)]
public sealed class ReportModel(PublicReports reports) : PublicPageModel
{
    public PublicReport? Report { get; private set; }

    public IReadOnlyList<ReadingBlock> Blocks { get; private set; } = [];

    /// <summary>The verification page with the PDF's hash filled in (relative: the page's own link).</summary>
    public string VerifyPath => $"/public/verify?sha256={Report!.PdfHash}";

    /// <summary>The QR code of <see cref="VerifyPath"/>'s absolute address; null when the portal cannot tell its own address safely.</summary>
    public string? QrCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(string regionCode, string year, CancellationToken cancellationToken)
    {
        var outcome = await reports.ReportAsync(regionCode, year, cancellationToken);
        if (!outcome.IsDone)
        {
            Missing = this.Answer(outcome);
            return Page();
        }

        Report = outcome.Value!;
        var verifyUrl = PublicSurface.AbsoluteUrl(HttpContext, VerifyPath);
        if (ClientHas(PublicSurface.Tag(Report.ETag, verifyUrl))) return NotModified();
        if (Report.IsWithdrawn) return Page(); // the notice only: neither the text nor the files of a withdrawn report
        Blocks = await reports.ReadingAsync(Report, cancellationToken);
        QrCode = verifyUrl is null ? null : PublicSurface.QrCode(verifyUrl);
        return Page();
    }

    public Task<IActionResult> OnGetPdfAsync(string regionCode, string year, CancellationToken cancellationToken) =>
        DownloadAsync(regionCode, year, ReportFormat.Pdf, cancellationToken);

    public Task<IActionResult> OnGetDocxAsync(string regionCode, string year, CancellationToken cancellationToken) =>
        DownloadAsync(regionCode, year, ReportFormat.Docx, cancellationToken);

    // The stored bytes under their own hash as ETag; a withdrawn report's files are gone (404 with the page that says why).
    private async Task<IActionResult> DownloadAsync(string regionCode, string year, ReportFormat format, CancellationToken cancellationToken)
    {
        var report = await reports.ReportAsync(regionCode, year, cancellationToken);
        if (report.IsDone && !report.Value!.IsWithdrawn
            && ClientHas($"\"{(format == ReportFormat.Pdf ? report.Value.PdfHash : report.Value.DocxHash)}\"")) return NotModified();
        Application.Outcome<PublicFile> outcome = report.IsDone ? await reports.FileAsync(report.Value!, format, cancellationToken) : Application.Outcome.NotFound(report.Reason);
        if (outcome.IsDone) return File(outcome.Value!.Bytes, outcome.Value.MediaType, outcome.Value.FileName);
        Response.Headers.Remove("ETag");
        Response.Headers.Remove("Cache-Control");
        Report = report.Value;
        Missing = this.Answer(outcome);
        return Page();
    }
}
