using EduDuty.Application.Evaluations.Review;
using EduDuty.Application.Writes;

namespace EduDuty.Application.Administration;

/// <summary>
/// Opens a scheme's year for the counties of a region and, when a date is given, sets the year's deadline — all or nothing:
/// one write holds the drafts, the figures carried from last year, the deadline and both admin audit entries, so a deadline
/// that is refused (a date that looks like a slip and is not confirmed, a region the actor does not cover) leaves no draft
/// opened. What the command line's <c>years open … --deadline</c> runs; the admin's year page opens a year and sets its
/// deadline from two separate forms, each its own use case.
/// </summary>
public sealed class OpenYear(EvaluationYears years, Deadlines deadlines, WriteExecutor executor)
{
    /// <param name="deadline">The year's deadline for the region's counties; null opens the year only.</param>
    /// <param name="deadlineConfirmed">The date was given deliberately even if it looks like a slip (<see cref="Core.Review.DeadlineState.Unusual"/>).</param>
    /// <returns>Done with what was opened and the deadline set; a refusal of either step changes nothing (a deadline refused
    /// only for want of confirmation has <see cref="Core.Messaging.Messages.DeadlineUnusualCode"/> as its reason's code).</returns>
    public async Task<Outcome<YearOpening>> HandleAsync(
        int schemeId, int year, string regionPath, DateOnly? deadline, bool deadlineConfirmed, Actor actor, CancellationToken cancellationToken = default)
    {
        if (deadline is not { } due) return await years.OpenAsync(schemeId, year, regionPath, actor, cancellationToken);

        // The opening and the deadline join this write's transaction: a refused deadline rolls the opened drafts back too.
        return await executor.ExecuteAsync<YearOpening>($"open {year} of scheme {schemeId} under {regionPath} with deadline {due} by {actor.Id}", async (_, ct) =>
        {
            var opening = await years.OpenAsync(schemeId, year, regionPath, actor, ct);
            if (!opening.IsDone) return opening;
            var set = await deadlines.SetYearDeadlineAsync(schemeId, year, regionPath, due, deadlineConfirmed, actor, ct);
            if (!set.IsDone) return new Failure(set.Kind, set.Reason, set.Problems, set.Conflicts);
            return Outcome.Done(opening.Value! with { Deadline = due });
        }, cancellationToken);
    }
}
