using EduDuty.Core.Evidence;
using Microsoft.Net.Http.Headers;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// How a stored evidence file leaves the portal, wherever it is attached (an evaluation, a rectification task): under its own
/// name cleaned again and with the extension of what the content is (<see cref="EvidenceFileName.ForDownload"/>), as the
/// media type of that kind, as an attachment unless it is an image or a PDF asked to be shown, never sniffed, and never as
/// a page of the portal.
/// </summary>
public static class EvidenceResponse
{
    /// <summary>Sets the response's headers and returns the media type to send the content as.</summary>
    public static string Prepare(HttpResponse response, string fileName, EvidenceKind kind, bool inline)
    {
        var show = inline && kind.IsViewable();
        var disposition = new ContentDispositionHeaderValue(show ? "inline" : "attachment");
        disposition.SetHttpFileName(EvidenceFileName.ForDownload(fileName, kind));
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        // A downloaded or viewed file is never a page of the portal: no scripts, no requests, no forms. Chromium shows a
        // PDF only outside a sandbox, so a viewed PDF gets the same policy without it.
        response.Headers.ContentSecurityPolicy = show && kind == EvidenceKind.Pdf
            ? "default-src 'none'; object-src 'self'; img-src 'self'; style-src 'unsafe-inline'"
            : "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        response.Headers.CacheControl = "private, no-store";
        return kind.MediaType();
    }

    /// <summary>
    /// The line a refused file gets on the upload page: the refusal itself when it names the file already (every refusal of
    /// the inspection does), else the file's name before it (a full quota, a title too long).
    /// </summary>
    public static string RefusalLine<T>(string? sentName, Application.Outcome<T> outcome)
    {
        var name = EvidenceFileName.Clean(sentName);
        return outcome.Reason?.Args.GetValueOrDefault("file") == name ? outcome.Refusal! : $"“{name}”未上传：{outcome.Refusal}";
    }
}
