using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Notifications;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Reports.Publication;

/// <summary>
/// The county lead publishes the current edition of the county's report (公示, decision 0033): what was submitted — unless
/// approval is required (<see cref="PublicationSettings"/>) — or approved. Publishing another edition ends the earlier
/// publication (replaced, not withdrawn). In one write: the evaluation row is held (the same row every review step and
/// content write claims), so a publication, a withdrawal, a submission or an approval at the same moment wait for one
/// another and the rule is decided again on what is stored then — one current publication per evaluation, never two;
/// audited on the evaluation's chain and told to the county's supervisors.
/// </summary>
public sealed class PublishReport(EduDutyDbContext db, WriteExecutor executor, Inbox inbox, PublicationSettings settings, TimeProvider clock, ILogger<PublishReport> logger)
{
    /// <param name="confirmed">The lead ticked “我已核对，确认公示此版本” (the card asks before publishing).</param>
    public async Task<Outcome<PublicationRecord>> HandleAsync(Workspace workspace, Actor actor, bool confirmed, CancellationToken cancellationToken)
    {
        // Decided first on what the page showed (a refusal needs no transaction), then again inside the hold.
        if (PublicationPolicy.Publish((await PublicationRecords.FactsAsync(db, settings, workspace, cancellationToken)).Facts, workspace.Viewer) is { } refusal) return Refuse(workspace, actor, refusal);
        if (!confirmed) return Outcome.Refused(Messages.PublishUnconfirmed);

        return await executor.ExecuteAsync($"publish the report of evaluation {workspace.Id} by {actor.Id}", async (_, ct) =>
        {
            await EvaluationClaim.HoldAsync(db, workspace.Id, ct);
            var (facts, current) = await PublicationRecords.FactsAsync(db, settings, workspace, ct);
            if (PublicationPolicy.Publish(facts, workspace.Viewer) is { } now) return Refuse(workspace, actor, now);

            var edition = current!; // the rule allows publishing only an edition there is
            var at = clock.GetUtcNow().UtcDateTime;
            var ended = await db.ReportPublications.Include(p => p.Edition)
                .Where(p => p.EvaluationId == workspace.Id && p.EndedAtUtc == null).ToListAsync(ct);
            foreach (var earlier in ended)
            {
                earlier.EndedAtUtc = at; // replaced by this publication, not withdrawn: no reason
                earlier.Version++;
            }

            var publication = new ReportPublication
            {
                EvaluationId = workspace.Id, EditionId = edition.Id, PublishedAtUtc = at, PublishedByUserId = actor.Id, PublishedByName = actor.DisplayName,
            };
            db.ReportPublications.Add(publication);
            db.AuditEntries.Add(AuditEntry.Of(workspace.Id, AuditKind.Publication, $"公示 {edition.Label}",
                ended.Count == 0 ? null : $"公示中：{ended[0].Edition.PdfHash}", $"公示 PDF SHA-256：{edition.PdfHash}",
                actor.Id, actor.RecordedName, at, AuditSource.Publication));
            var text = $"{workspace.County} {workspace.Year}年度自评报告已由{actor.DisplayName}公示（{edition.Label}）" +
                       (ended.Count == 0 ? "。" : $"，取代此前公示的{Editions.Labels.Of(ended[0].Edition.Kind, ended[0].Edition.Number)}。");
            inbox.Add(await inbox.SupervisorsAsync(workspace.CountyPath, ct), actor.Id, NotificationKind.Published, text,
                $"/Evaluations/{workspace.Id}/Report", $"publish:{workspace.Id}:{at.Ticks}");
            logger.LogInformation("Evaluation {Id}: edition {Edition} published by {User}", workspace.Id, edition.Id, actor.Id);
            return Outcome.Done(new PublicationRecord(0, edition, at, actor.DisplayName, null, null, null));
        }, cancellationToken);
    }

    private Failure Refuse(Workspace workspace, Actor actor, Message why)
    {
        logger.LogWarning("Refused publishing the report of evaluation {Id} by {User}: {Why}", workspace.Id, actor.Id, why.Code);
        return Outcome.Refused(why);
    }
}
