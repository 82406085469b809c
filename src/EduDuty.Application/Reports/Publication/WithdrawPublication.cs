using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Notifications;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Reports.Publication;

/// <summary>
/// An admin whose region covers the county withdraws what is public (撤回公示, decision 0033) with a reason the public page
/// then shows, with the date; the files are no longer served. Held on the evaluation row like publishing, so a withdrawal
/// and a publication at the same moment happen one after the other. Audited on the evaluation's chain, told to the
/// county's supervisors and its users.
/// </summary>
public sealed class WithdrawPublication(EduDutyDbContext db, WriteExecutor executor, Inbox inbox, TimeProvider clock, ILogger<WithdrawPublication> logger)
{
    /// <summary>Longest reason: it is shown on the public page.</summary>
    public const int MaxReasonLength = 500;

    /// <param name="confirmed">The admin ticked “确认撤回公示”.</param>
    public async Task<Outcome<PublicationRecord>> HandleAsync(Workspace workspace, Actor actor, string? reason, bool confirmed, CancellationToken cancellationToken)
    {
        var somethingPublic = await db.ReportPublications.AnyAsync(p => p.EvaluationId == workspace.Id && p.EndedAtUtc == null, cancellationToken);
        if (PublicationPolicy.Withdraw(somethingPublic, workspace.Viewer) is { } refusal) return Refuse(workspace, actor, refusal);
        if (string.IsNullOrWhiteSpace(reason)) return Outcome.Invalid(Messages.WithdrawNeedsReason);
        if (ReasonText.Check(reason, "撤回理由", MaxReasonLength) is { } bad) return Outcome.Invalid(bad);
        if (!confirmed) return Outcome.Refused(Messages.WithdrawUnconfirmed);
        var why = reason.Trim();

        return await executor.ExecuteAsync($"withdraw the publication of evaluation {workspace.Id} by {actor.Id}", async (_, ct) =>
        {
            await EvaluationClaim.HoldAsync(db, workspace.Id, ct);
            var current = await db.ReportPublications.Include(p => p.Edition)
                .Where(p => p.EvaluationId == workspace.Id && p.EndedAtUtc == null).ToListAsync(ct);
            if (PublicationPolicy.Withdraw(current.Count > 0, workspace.Viewer) is { } now) return Refuse(workspace, actor, now);

            var at = clock.GetUtcNow().UtcDateTime;
            foreach (var publication in current)
            {
                publication.EndedAtUtc = at;
                publication.WithdrawnReason = why;
                publication.WithdrawnByName = actor.DisplayName;
                publication.Version++;
            }

            var withdrawn = current[0];
            var label = Editions.Labels.Of(withdrawn.Edition.Kind, withdrawn.Edition.Number);
            db.AuditEntries.Add(AuditEntry.Of(workspace.Id, AuditKind.Publication, $"撤回公示 {label}",
                $"公示中：{withdrawn.Edition.PdfHash}", $"撤回：{why}", actor.Id, actor.RecordedName, at, AuditSource.Publication));
            var recipients = (await inbox.SupervisorsAsync(workspace.CountyPath, ct)).Concat(await inbox.CountyUsersAsync(workspace.CountyPath, ct));
            inbox.Add(recipients, actor.Id, NotificationKind.PublicationWithdrawn,
                $"{workspace.County} {workspace.Year}年度自评报告的公示（{label}）已由管理员{actor.DisplayName}撤回：{why}",
                $"/Evaluations/{workspace.Id}/Report", $"withdraw:{workspace.Id}:{at.Ticks}");
            logger.LogInformation("Evaluation {Id}: publication {Publication} withdrawn by {User}", workspace.Id, withdrawn.Id, actor.Id);
            var edition = withdrawn.Edition;
            return Outcome.Done(new PublicationRecord(withdrawn.Id,
                new EditionSummary(edition.Id, edition.Number, edition.Kind, edition.CreatedAtUtc, edition.PdfHash, edition.DocxHash),
                withdrawn.PublishedAtUtc, withdrawn.PublishedByName, at, why, actor.DisplayName));
        }, cancellationToken);
    }

    private Failure Refuse(Workspace workspace, Actor actor, Message why)
    {
        logger.LogWarning("Refused withdrawing the publication of evaluation {Id} by {User}: {Why}", workspace.Id, actor.Id, why.Code);
        return Outcome.Refused(why);
    }
}
