using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Evaluations.Review;

/// <summary>
/// The deadline of a scheme's year (all counties) and one county's extension: the one place both are set, from the admin's
/// year page and from an evaluation's overview. Admins only; every change goes to the admin audit, and the county users whose
/// deadline it changes are told in the same write (<see cref="Notifications.DeadlineNotices"/>).
/// </summary>
public sealed class Deadlines(
    EduDutyDbContext db, Writes.WriteExecutor executor, Administration.EvaluationYears years, Administration.AdminAuditLog audit, TimeProvider clock,
    Notifications.DeadlineNotices notices, ILogger<Deadlines> logger)
{
    /// <summary>Sets the deadline of the scheme's year for the counties under the region (the actor's own or below it).</summary>
    /// <param name="confirmed">The admin confirmed a date that looks like a slip (<see cref="DeadlineState.Unusual"/>).</param>
    public async Task<Outcome<Unit>> SetYearDeadlineAsync(
        int schemeId, int year, string regionPath, DateOnly? date, bool confirmed, Actor actor, CancellationToken cancellationToken)
    {
        if (EvaluationPolicy.SetDeadline(new Viewer(actor.Roles, actor.Covers(regionPath))) is { Allowed: false } refused) return Outcome.Refused(refused.Refusal!);
        if (await years.RefusalAsync(schemeId, regionPath, actor, cancellationToken) is { } refusal) return Outcome.Refused(refusal);
        if (date is not { } due) return Outcome.Invalid(Messages.ChooseDeadline);
        if (!confirmed && DeadlineState.Unusual(due, year, ChinaTime.Today(clock)) is { } unusual)
            return Outcome.Refused(Messages.DeadlineUnusual(unusual));
        var scheme = await db.Schemes.AsNoTracking().Where(s => s.Id == schemeId).Select(s => new { s.Title, s.Version }).SingleAsync(cancellationToken);
        var region = await db.Regions.AsNoTracking().Where(r => r.Path == regionPath).Select(r => new { r.Id, r.Name }).SingleOrDefaultAsync(cancellationToken);
        if (region is null) return Outcome.Invalid(Messages.ChooseRegion);

        var written = await executor.ExecuteAsync($"deadline of {year} (scheme {schemeId}) for {regionPath}", async (scope, ct) =>
        {
            var concerned = EvaluationClaim.Headers(db).Where(h => h.SchemeId == schemeId && h.Year == year).Under(h => h.CountyPath, regionPath);
            var was = await notices.ReadAsync(concerned, ct);
            var deadline = await db.Deadlines.SingleOrDefaultAsync(d => d.SchemeId == schemeId && d.Year == year && d.RegionId == region.Id, ct);
            var before = deadline is null ? null : ChinaTime.Date(deadline.DueDate);
            if (deadline is null) db.Deadlines.Add(deadline = new EvaluationDeadline { SchemeId = schemeId, Year = year, RegionId = region.Id });
            deadline.DueDate = due;
            deadline.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            deadline.UpdatedByUserId = actor.Id;
            audit.Add(actor, AdminAction.SetDeadline, $"{year}年度 《{Core.Schemes.SchemeNames.Of(scheme.Title, scheme.Version)}》 {region.Name}", before, ChinaTime.Date(due), regionPath);
            await scope.FlushAsync(ct); // the headers below read the new date
            await notices.TellAsync(was, await notices.ReadAsync(concerned, ct), extension: false, actor.Id, ct);
        }, cancellationToken);
        if (written.IsDone) logger.LogInformation("Deadline of {Year} (scheme {Scheme}) set to {Date} by {User}", year, schemeId, due, actor.Id);
        return written;
    }

    /// <summary>This county's extension (null clears it).</summary>
    /// <param name="dateText">The date as typed (ISO, the date picker's): empty cancels the extension; a date that cannot be read
    /// changes nothing (it once read as "no date" and removed the extension).</param>
    /// <returns>Done with what happened, in words for the user.</returns>
    public async Task<Outcome<Unit>> SetExtensionAsync(Workspace workspace, string? dateText, Actor actor, CancellationToken cancellationToken)
    {
        if (EvaluationPolicy.SetDeadline(workspace.Viewer) is { Allowed: false } refused) return Outcome.Refused(refused.Refusal!);
        var extendedTo = ChinaTime.ParseIsoDate(dateText);
        var cancel = string.IsNullOrWhiteSpace(dateText);
        if (!cancel && extendedTo is null) return Outcome.Invalid(Messages.DateMalformed);
        var written = await executor.ExecuteAsync($"extension of evaluation {workspace.Id}", async (scope, ct) =>
        {
            var concerned = EvaluationClaim.Headers(db).Where(h => h.Id == workspace.Id);
            var was = await notices.ReadAsync(concerned, ct);
            var evaluation = await db.Evaluations.SingleAsync(e => e.Id == workspace.Id, ct);
            var before = evaluation.ExtendedTo is { } b ? ChinaTime.Date(b) : null;
            evaluation.ExtendedTo = extendedTo;
            audit.Add(actor, AdminAction.Extend, $"{workspace.County} {workspace.Year}年", before, extendedTo is { } a ? ChinaTime.Date(a) : null, workspace.CountyPath);
            await scope.FlushAsync(ct);
            await notices.TellAsync(was, await notices.ReadAsync(concerned, ct), extension: true, actor.Id, ct);
        }, cancellationToken);
        if (!written.IsDone) return written;
        logger.LogInformation("Evaluation {Id}: extension set to {Date} by {User}", workspace.Id, extendedTo, actor.Id);
        return Outcome.DoneSaying(cancel ? "本县延期已取消，适用本年度截止日期。" : "本县延期已设置。");
    }
}
