using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Review;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Notifications;

/// <summary>
/// Reminds the county users of every draft whose deadline (the year's, or the county's extension) is 7 days or 1 day
/// away. Run by the portal's background worker several times a day: each reminder has a key (evaluation, deadline, days),
/// so running it again, or on two instances, never sends one twice.
/// </summary>
public sealed class DeadlineReminders(EduDutyDbContext db, Inbox inbox, TimeProvider clock, ILogger<DeadlineReminders> logger)
{
    public static readonly IReadOnlyList<int> DaysBefore = [7, 1];

    /// <returns>How many reminders were added.</returns>
    public async Task<int> SendAsync(CancellationToken cancellationToken = default)
    {
        var today = ChinaTime.Today(clock);
        var drafts = await EvaluationClaim.Headers(db).Where(h => h.Status == EvaluationStatus.Draft).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var header in drafts)
        {
            var deadline = DeadlineState.Of(header.Status, header.YearDeadline, header.ExtendedTo, today);
            if (deadline.Kind != DeadlineKind.OnTime || !DaysBefore.Contains(deadline.DaysLeft)) continue;

            var key = $"deadline:{header.Id}:{deadline.Due:yyyyMMdd}:{deadline.DaysLeft}";
            var recipients = await inbox.CountyUsersAsync(header.CountyPath, cancellationToken);
            var told = await db.Notifications.Where(n => n.Key == key).Select(n => n.UserId).ToListAsync(cancellationToken);
            var untold = recipients.Except(told).ToList();
            if (untold.Count == 0) continue;
            inbox.Add(untold, null, NotificationKind.Deadline,
                $"{header.County} {header.Year}年度评价{deadline.Describe()}，请抓紧填写，由县级负责人在截止前提交。", $"/Evaluations/{header.Id}", key);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                added += untold.Count;
            }
            catch (DbUpdateException e)
            {
                // Most likely another instance added the same reminders a moment earlier (the key is unique per user): nothing
                // is lost. Logged with its cause in case it was something else.
                db.ChangeTracker.Clear();
                logger.LogWarning(e, "Deadline reminders {Key} not saved (added by another instance?): {Cause}", key, e.InnerException?.Message ?? e.Message);
            }
        }

        return added;
    }
}
