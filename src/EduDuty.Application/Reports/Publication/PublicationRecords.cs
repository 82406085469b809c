using EduDuty.Application.Reports.Editions;
using EduDuty.Core.Review;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Reports.Publication;

/// <summary>An edition as publishing names it: which, when it was frozen, its files' hashes.</summary>
public sealed record EditionSummary(long Id, int Number, EditionKind Kind, DateTime CreatedAtUtc, string PdfHash, string DocxHash)
{
    public string Label => Labels.Of(Kind, Number);

    /// <summary>The edition as a sentence names it: 审核通过版, 已提交 第2版.</summary>
    public string ShortLabel => PublicationRecords.ShortLabel(Kind, Number);
}

/// <summary>
/// One publication of a county's report as the portal's own pages show it: which edition, since when, by whom; when it ended,
/// and the withdrawal's reason and admin (null while it is public, and for one replaced by a later publication).
/// </summary>
public sealed record PublicationRecord(
    int Id, EditionSummary Edition, DateTime PublishedAtUtc, string PublishedBy, DateTime? EndedAtUtc, string? WithdrawnReason, string? WithdrawnBy)
{
    public bool IsPublic => EndedAtUtc is null;

    public bool IsWithdrawn => EndedAtUtc is not null && WithdrawnReason is not null;
}

/// <summary>
/// The queries publishing and the public pages share (decision 0033): the edition a publication would publish now, and
/// the publications of an evaluation. Read-only; the editions themselves are frozen by <see cref="ReportEditions"/>.
/// </summary>
internal static class PublicationRecords
{
    /// <summary>审核通过版 for an approved edition, 已提交 第N版 for a submitted one.</summary>
    public static string ShortLabel(EditionKind kind, int number) => kind == EditionKind.Approved ? "审核通过版" : $"已提交 第{number}版";

    /// <summary>
    /// The edition a download serves and a publication would publish now: the newest one while the evaluation is submitted or
    /// approved (the approved edition, else the latest submission); none while the county has it back.
    /// </summary>
    public static async Task<EditionSummary?> CurrentEditionAsync(EduDutyDbContext db, int evaluationId, EvaluationStatus status, CancellationToken cancellationToken) =>
        !ReportDownloads.IsFrozen(status)
            ? null
            : await db.ReportEditions.AsNoTracking().Where(e => e.EvaluationId == evaluationId).OrderByDescending(e => e.Id)
                .Select(e => new EditionSummary(e.Id, e.Number, e.Kind, e.CreatedAtUtc, e.PdfHash, e.DocxHash))
                .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The evaluation's publications, newest first.</summary>
    public static async Task<IReadOnlyList<PublicationRecord>> ListAsync(EduDutyDbContext db, int evaluationId, CancellationToken cancellationToken) =>
        await db.ReportPublications.AsNoTracking().Where(p => p.EvaluationId == evaluationId).OrderByDescending(p => p.Id)
            .Select(p => new PublicationRecord(p.Id,
                new EditionSummary(p.Edition.Id, p.Edition.Number, p.Edition.Kind, p.Edition.CreatedAtUtc, p.Edition.PdfHash, p.Edition.DocxHash),
                p.PublishedAtUtc, p.PublishedByName, p.EndedAtUtc, p.WithdrawnReason, p.WithdrawnByName))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// What the publishing rule needs, read from what is stored now (inside the write's hold: after every step that waited
    /// before it), and the edition a publication would publish.
    /// </summary>
    public static async Task<(PublicationFacts Facts, EditionSummary? Edition)> FactsAsync(
        EduDutyDbContext db, PublicationSettings settings, Evaluations.Workspace workspace, CancellationToken cancellationToken)
    {
        var status = await db.Evaluations.Where(e => e.Id == workspace.Id).Select(e => e.Status).SingleAsync(cancellationToken);
        var edition = await CurrentEditionAsync(db, workspace.Id, status, cancellationToken);
        var publicEdition = await db.ReportPublications.Where(p => p.EvaluationId == workspace.Id && p.EndedAtUtc == null)
            .Select(p => (long?)p.EditionId).FirstOrDefaultAsync(cancellationToken);
        var withdrawn = edition is null ? null : await db.ReportPublications
            .Where(p => p.EditionId == edition.Id && p.WithdrawnReason != null).OrderByDescending(p => p.Id)
            .Select(p => p.WithdrawnReason).FirstOrDefaultAsync(cancellationToken);
        return (new PublicationFacts(status, edition?.Label, edition?.Kind == EditionKind.Approved,
            edition is not null && publicEdition == edition.Id, settings.RequiresApproval(workspace.CountyPath), withdrawn), edition);
    }
}
