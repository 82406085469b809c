using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Review;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Notifications;

/// <summary>
/// Reminds the county users of every draft whose deadline (the year's, or the county's extension) is near: once while 7 days
/// or fewer remain and once more when 1 day or less remains (<see cref="DeadlineState.ReminderThreshold"/>), so that a deadline
/// set 4 days ahead reminds at once, not only on its last day. Run by the portal's background worker several times a day:
/// each reminder has a key (evaluation, deadline, threshold) unique per user, so running it again, or on two instances at the
/// same moment, never sends one twice; a moved deadline has a new key and reminds afresh.
/// </summary>
public sealed class DeadlineReminders(EduDutyDbContext db, Writes.WriteExecutor executor, Inbox inbox, TimeProvider clock)
{
    /// <summary>The key of one reminder: the evaluation, the deadline it was given for and the threshold.</summary>
    public static string KeyOf(int evaluationId, DateOnly due, int threshold) => $"deadline:{evaluationId}:{due:yyyyMMdd}:{threshold}";

    /// <returns>How many reminders were added.</returns>
    public async Task<int> SendAsync(CancellationToken cancellationToken = default)
    {
        var today = ChinaTime.Today(clock);
        var drafts = await EvaluationClaim.Headers(db).Where(h => h.Status == EvaluationStatus.Draft).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var header in drafts)
        {
            var deadline = DeadlineState.Of(header.Status, header.YearDeadline, header.ExtendedTo, today);
            if (deadline.ReminderThreshold is not { } threshold) continue;

            var key = KeyOf(header.Id, deadline.Due!.Value, threshold);
            // Each reminder is its own write: if another instance added the same one a moment earlier (the key is unique per
            // user), the unique index refuses this save, the executor logs the cause, and nothing is sent twice; the next
            // draft goes on.
            var sent = await executor.ExecuteAsync($"deadline reminders {key}", async (_, ct) =>
            {
                var recipients = await inbox.CountyUsersAsync(header.CountyPath, ct);
                var told = await db.Notifications.Where(n => n.Key == key).Select(n => n.UserId).ToListAsync(ct);
                var untold = recipients.Except(told).ToList();
                if (untold.Count == 0) return Outcome.Done(0);
                inbox.Add(untold, null, NotificationKind.Deadline,
                    $"{header.County} {header.Year}年度评价{deadline.Describe()}，请抓紧填写，由县级负责人在截止前提交。", $"/Evaluations/{header.Id}", key);
                return Outcome.Done(untold.Count);
            }, cancellationToken);
            if (sent.IsDone) added += sent.Value;
            db.ChangeTracker.Clear(); // a refused save leaves its rows tracked; the next draft starts clean
        }

        return added;
    }
}
