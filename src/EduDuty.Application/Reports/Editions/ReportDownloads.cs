using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Core.Review;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Reports.Editions;

/// <summary>A report file to download: its bytes, the name it downloads as, and the edition it is (null: a draft rendered now).</summary>
public sealed record ReportDownload(byte[] Bytes, string FileName, string MediaType, EditionFile? Edition);

/// <summary>
/// What a report download serves (decision 0030): a submitted or approved evaluation's stored edition — the same bytes after a
/// restart, a change of default texts or a new release; an earlier edition when one is asked for by number; a report still in
/// the county's hands rendered now from what is stored, marked 草稿. An evaluation submitted before editions existed is
/// rendered now, as it always was.
/// </summary>
public sealed class ReportDownloads(EditionQueries editions, ReportPage reports, ReportPdf pdf)
{
    public const string PdfType = "application/pdf";
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <param name="number">An edition asked for (?edition=2); null: the current one.</param>
    /// <param name="kind">With <paramref name="number"/>: which of that submission's editions (the submitted or the approved).</param>
    /// <exception cref="Reporting.Layout.ReportFontsMissingException">a report rendered now has no usable font; the page says what to install.</exception>
    public async Task<Outcome<ReportDownload>> HandleAsync(Workspace workspace, ReportFormat format, int? number, EditionKind? kind, CancellationToken cancellationToken)
    {
        var extension = format == ReportFormat.Pdf ? "pdf" : "docx";
        var type = format == ReportFormat.Pdf ? PdfType : DocxType;
        if (number is not null || IsFrozen(workspace.Status))
        {
            var stored = await editions.FileAsync(workspace.Id, number, number is null ? null : kind, format, cancellationToken);
            if (stored is not null) return Outcome.Done(new ReportDownload(stored.Bytes, FileName(workspace, stored, number is null, extension), type, stored));
            if (number is { } missing) return Outcome.NotFound(Core.Messaging.Messages.EditionNotFound(missing));
        }

        var document = await reports.DocumentAsync(workspace, cancellationToken);
        var rendered = format == ReportFormat.Pdf
            ? await pdf.RenderAsync(document, cancellationToken)
            : await pdf.RenderDocxAsync(document, cancellationToken);
        return rendered.IsDone ? Outcome.Done(new ReportDownload(rendered.Value!, ReportPage.FileName(workspace, extension), type, null)) : Outcome.Refused(rendered.Reason!);
    }

    /// <summary>
    /// A PDF for the all-reports ZIP, in two steps: what is read from the database is read now (one county at a time, on this
    /// request's context); the returned function gives the stored edition of a submitted or approved evaluation, or renders the
    /// draft through the gate, and may run beside the next county's reading.
    /// </summary>
    public async Task<Func<CancellationToken, Task<Outcome<byte[]>>>> PrepareArchivePdfAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (IsFrozen(workspace.Status) && await editions.FileAsync(workspace.Id, null, null, ReportFormat.Pdf, cancellationToken) is { } stored)
            return _ => Task.FromResult<Outcome<byte[]>>(Outcome.Done(stored.Bytes));
        var document = await reports.DocumentAsync(workspace, cancellationToken);
        return token => pdf.RenderAsync(document, token, patient: true);
    }

    /// <summary>The states whose report is a frozen edition: what the county handed in and what was approved.</summary>
    public static bool IsFrozen(EvaluationStatus status) => status is EvaluationStatus.Submitted or EvaluationStatus.Approved;

    // The current edition downloads under the report's usual name; an earlier one says which it is.
    private static string FileName(Workspace workspace, EditionFile edition, bool current, string extension) =>
        current ? ReportPage.FileName(workspace, extension) : ReportPage.FileName(workspace, extension).Replace($".{extension}", $"（{edition.Label}）.{extension}", StringComparison.Ordinal);
}
