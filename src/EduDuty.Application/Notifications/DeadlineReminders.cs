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
public sealed class DeadlineReminders(EduDutyDbContext db, Writes.WriteExecutor executor, Inbox inbox, TimeProvider clock)
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
            // Each reminder is its own write: if another instance added the same one a moment earlier (the key is unique per
            // user), the executor logs the refused save with its cause and nothing is lost; the next draft goes on.
            var sent = await executor.ExecuteAsync($"deadline reminders {key}", async (_, ct) =>
            {
                var recipients = await inbox.CountyUsersAsync(header.CountyPath, ct);
                var told = await db.Notifications.Where(n => n.Key == key).Select(n => n.UserId).ToListAsync(ct);
                var untold = recipients.Except(told).ToList();
                inbox.Add(untold, null, NotificationKind.Deadline,
                    $"{header.County} {header.Year}年度评价{deadline.Describe()}，请抓紧填写，由县级负责人在截止前提交。", $"/Evaluations/{header.Id}", key);
                return Outcome.Done(untold.Count);
            }, cancellationToken);
            added += sent.Value;
        }

        return added;
    }
}
