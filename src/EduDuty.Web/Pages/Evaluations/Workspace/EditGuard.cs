using EduDuty.Core.Review;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Evaluations.Workspace;

/// <summary>
/// The lock of a submitted or approved evaluation, enforced in the database: inside the writer's transaction the
/// evaluation row is touched only while it is editable. A transition committed a moment earlier makes this match no row
/// (PostgreSQL re-checks the condition after waiting for the row; SQLite runs one writer at a time), so no change slips
/// past a submission.
/// </summary>
internal static class EditGuard
{
    /// <remarks>A draft past its deadline (and not extended beyond today) is locked the same way.</remarks>
    public static async Task<bool> ClaimAsync(EduDutyDbContext db, int evaluationId, DateTime now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(Core.Text.ChinaTime.FromUtc(now));
        return await db.Evaluations
            .Where(e => e.Id == evaluationId
                && (e.Status == EvaluationStatus.Returned
                    || (e.Status == EvaluationStatus.Draft
                        && ((e.ExtendedTo != null && e.ExtendedTo >= today)
                            || !db.Deadlines.Any(d => d.SchemeId == e.SchemeId && d.Year == e.Year && d.DueDate < today)))))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.UpdatedAtUtc, now), cancellationToken) == 1;
    }
}
