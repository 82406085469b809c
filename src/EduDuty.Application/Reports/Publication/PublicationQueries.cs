using EduDuty.Application.Evaluations;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Data;

namespace EduDuty.Application.Reports.Publication;

/// <summary>
/// The report page's 公示 card: what a publication would publish now, what is public (or was withdrawn), where the public
/// page is, and what the viewer may do — the lead publish (or why not), the admin withdraw.
/// </summary>
/// <param name="CountyCode">The county's code: the public page is /public/{code}/{year}/report.</param>
/// <param name="Current">The edition a publication would publish now; null while the county has the evaluation back.</param>
/// <param name="Public">What is public now; null when nothing is.</param>
/// <param name="Withdrawn">The latest publication, when an admin withdrew it and nothing is public since.</param>
/// <param name="PublishRefusal">For the lead: why publishing is not possible now; null when it is.</param>
public sealed record PublicationCard(
    string CountyCode, int Year, EditionSummary? Current, PublicationRecord? Public, PublicationRecord? Withdrawn,
    bool Publishes, Message? PublishRefusal, bool Withdraws, bool RequireApproval)
{
    public string PublicPath => $"/public/{CountyCode}/{Year}/report";
}

public sealed class PublicationQueries(EduDutyDbContext db, PublicationSettings settings)
{
    public async Task<PublicationCard> CardAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var (facts, current) = await PublicationRecords.FactsAsync(db, settings, workspace, cancellationToken);
        var publications = await PublicationRecords.ListAsync(db, workspace.Id, cancellationToken);
        var latest = publications.FirstOrDefault();
        return new PublicationCard(
            CountyCodeOf(workspace.CountyPath), workspace.Year, current,
            latest is { IsPublic: true } ? latest : null,
            latest is { IsWithdrawn: true } ? latest : null,
            PublicationPolicy.Publishes(workspace.Viewer), PublicationPolicy.Publish(facts, workspace.Viewer),
            PublicationPolicy.Withdraws(workspace.Viewer), facts.RequireApproval);
    }

    /// <summary>
    /// The same card for the report page, from the editions it read already and the status of its workspace: one statement
    /// (the publications) once there is an edition, none before (a publication publishes one of the evaluation's editions).
    /// </summary>
    public async Task<PublicationCard> CardAsync(Workspace workspace, IReadOnlyList<Editions.EditionInfo> editions, CancellationToken cancellationToken)
    {
        // The newest edition while frozen, as PublicationRecords.CurrentEditionAsync picks it (editions come newest first).
        var current = Editions.ReportDownloads.IsFrozen(workspace.Status) && editions.FirstOrDefault() is { } e
            ? new EditionSummary(e.Id, e.Number, e.Kind, e.CreatedAtUtc, e.PdfHash, e.DocxHash)
            : null;
        var publications = editions.Count == 0 ? [] : await PublicationRecords.ListAsync(db, workspace.Id, cancellationToken);
        var publicEdition = publications.FirstOrDefault(p => p.IsPublic)?.Edition.Id;
        var withdrawn = current is null ? null : publications.FirstOrDefault(p => p.Edition.Id == current.Id && p.WithdrawnReason is not null)?.WithdrawnReason;
        var facts = new PublicationFacts(workspace.Status, current?.Label, current?.Kind == Data.Entities.EditionKind.Approved,
            current is not null && publicEdition == current.Id, settings.RequiresApproval(workspace.CountyPath), withdrawn);
        var latest = publications.FirstOrDefault();
        return new PublicationCard(
            CountyCodeOf(workspace.CountyPath), workspace.Year, current,
            latest is { IsPublic: true } ? latest : null,
            latest is { IsWithdrawn: true } ? latest : null,
            PublicationPolicy.Publishes(workspace.Viewer), PublicationPolicy.Publish(facts, workspace.Viewer),
            PublicationPolicy.Withdraws(workspace.Viewer), facts.RequireApproval);
    }

    /// <summary>A region's code is the last part of its path (/140000/140800/140823/ → 140823).</summary>
    public static string CountyCodeOf(string countyPath) => countyPath.TrimEnd('/')[(countyPath.TrimEnd('/').LastIndexOf('/') + 1)..];
}
