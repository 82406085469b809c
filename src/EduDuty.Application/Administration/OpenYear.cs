using EduDuty.Application.Evaluations.Review;
using EduDuty.Data;

namespace EduDuty.Application.Administration;

/// <summary>
/// Opens a scheme's year for the counties of a region and, when a date is given, sets the year's deadline — all or nothing:
/// one transaction holds the drafts, the figures carried from last year, the deadline and both admin audit entries, so a
/// deadline that is refused (a date that looks like a slip and is not confirmed, a region the actor does not cover) leaves
/// no draft opened. What the command line's <c>years open … --deadline</c> runs; the admin's year page opens a year and sets
/// its deadline from two separate forms, each its own use case.
/// </summary>
public sealed class OpenYear(EduDutyDbContext db, EvaluationYears years, Deadlines deadlines)
{
    /// <param name="deadline">The year's deadline for the region's counties; null opens the year only.</param>
    /// <param name="deadlineConfirmed">The date was given deliberately even if it looks like a slip (<see cref="Core.Review.DeadlineState.Unusual"/>).</param>
    public async Task<YearOpening> HandleAsync(
        int schemeId, int year, string regionPath, DateOnly? deadline, bool deadlineConfirmed, Actor actor, CancellationToken cancellationToken = default)
    {
        if (deadline is not { } due) return await years.OpenAsync(schemeId, year, regionPath, actor, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var opening = await years.OpenAsync(schemeId, year, regionPath, actor, cancellationToken);
        if (opening.Refusal is null)
        {
            var set = await deadlines.SetYearDeadlineAsync(schemeId, year, regionPath, due, deadlineConfirmed, actor, cancellationToken);
            if (set.IsDone)
            {
                await transaction.CommitAsync(cancellationToken);
                return opening with { Deadline = due };
            }

            opening = YearOpening.Refused(set.Refusal!) with { NeedsConfirmation = set.Reason?.Code == Core.Messaging.Messages.DeadlineUnusualCode };
        }

        await transaction.RollbackAsync(cancellationToken);
        db.ChangeTracker.Clear(); // what was rolled back must not be saved by a later call in this scope
        return opening;
    }
}
