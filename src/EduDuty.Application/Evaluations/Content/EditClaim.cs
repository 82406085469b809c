using EduDuty.Core.Review;
using EduDuty.Core.Text;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Content;

/// <summary>An evaluation's row with the year deadline that applies to it, as the loader and the claim read it.</summary>
/// <remarks>Init properties, not a positional record: EF can filter on a member-init projection, not on a constructor call.</remarks>
public sealed record EvaluationHeader
{
    public int Id { get; init; }

    public string County { get; init; } = string.Empty;

    public int CountyId { get; init; }

    public string CountyPath { get; init; } = string.Empty;

    public int Year { get; init; }

    public int SchemeId { get; init; }

    /// <summary>The content hash of the scheme version: finds the parsed scheme without another query.</summary>
    public string SchemeHash { get; init; } = string.Empty;

    public EvaluationStatus Status { get; init; }

    public DateTime UpdatedAtUtc { get; init; }

    public DateOnly? ExtendedTo { get; init; }

    public DateOnly? YearDeadline { get; init; }
}

/// <summary>
/// The edit rule of <see cref="EvaluationPolicy.Edit"/> expressed in SQL, applied inside the writer's transaction: the
/// evaluation row is touched only while the actor may change it (a county user of that county; draft on time, or
/// returned). A transition committed a moment earlier makes this match no row (PostgreSQL re-checks the condition after
/// waiting for the row lock; SQLite runs one writer at a time), so no change slips past a submission, a deadline or a
/// reassignment; and because every content write claims the row first, writes to one evaluation are serialised.
/// A table-driven test keeps this and the Core rule equal for every state × deadline × extension × role.
/// </summary>
public static class EditClaim
{
    /// <summary>
    /// Evaluations with the deadline of their scheme year: the one set for the nearest region above the county (a city's over
    /// its province's). The one place that looks the deadline up; the claim below reads it from here.
    /// </summary>
    public static IQueryable<EvaluationHeader> Headers(EduDutyDbContext db) =>
        db.Evaluations.AsNoTracking().Select(e => new EvaluationHeader
        {
            Id = e.Id, County = e.County.Name, CountyId = e.CountyId, CountyPath = e.County.Path, Year = e.Year, SchemeId = e.SchemeId,
            SchemeHash = e.Scheme.ContentHash,
            Status = e.Status, UpdatedAtUtc = e.UpdatedAtUtc, ExtendedTo = e.ExtendedTo,
            YearDeadline = db.Deadlines
                .Where(d => d.SchemeId == e.SchemeId && d.Year == e.Year && e.County.Path.StartsWith(d.Region.Path))
                .OrderByDescending(d => d.Region.Path.Length)
                .Select(d => (DateOnly?)d.DueDate)
                .FirstOrDefault(),
        });

    /// <returns>True when the actor holds the evaluation for this write; false when the rules refuse it now.</returns>
    public static async Task<bool> ClaimAsync(EduDutyDbContext db, int evaluationId, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(now);
        var path = actor.RegionPath;
        var countyUser = actor.IsCountyUser;
        var stamp = now.UtcDateTime;
        var editable = Headers(db).Where(h => h.Id == evaluationId
            && countyUser
            && h.CountyPath.StartsWith(path)
            && (h.Status == EvaluationStatus.Returned
                || (h.Status == EvaluationStatus.Draft
                    // On time: an extension not yet past, or a year deadline not yet past (the later of the two counts), or
                    // no deadline at all. DeadlineState.Of says the same in Core.
                    && ((h.ExtendedTo != null && h.ExtendedTo >= today)
                        || (h.YearDeadline != null && h.YearDeadline >= today)
                        || (h.ExtendedTo == null && h.YearDeadline == null)))));
        return await db.Evaluations
            .Where(e => editable.Any(h => h.Id == e.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.UpdatedAtUtc, stamp), cancellationToken) == 1;
    }
}
