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
/// <para>
/// The departments of a county (issue 30) are reminded the same way of their internal deadline (内部截止日期, set by the lead):
/// each active 部门填报人员 whose department still has fields to fill or correct (open or returned) in a draft the county may
/// still edit, 7 days and 1 day before it, once each (<see cref="DepartmentKeyOf"/>).
/// </para>
public sealed class DeadlineReminders(EduDutyDbContext db, Writes.WriteExecutor executor, Inbox inbox, TimeProvider clock, StoredSchemes schemes)
{
    /// <summary>The key of one reminder: the evaluation, the deadline it was given for and the threshold.</summary>
    public static string KeyOf(int evaluationId, DateOnly due, int threshold) => $"deadline:{evaluationId}:{due:yyyyMMdd}:{threshold}";

    /// <summary>The key of one department reminder: the evaluation, the internal deadline it was given for and the threshold.</summary>
    public static string DepartmentKeyOf(int evaluationId, DateOnly due, int threshold) => $"department-deadline:{evaluationId}:{due:yyyyMMdd}:{threshold}";

    /// <returns>How many reminders were added (the county users' and the departments').</returns>
    public async Task<int> SendAsync(CancellationToken cancellationToken = default) =>
        await SendCountyAsync(cancellationToken) + await SendDepartmentsAsync(cancellationToken);

    private async Task<int> SendCountyAsync(CancellationToken cancellationToken)
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

    private async Task<int> SendDepartmentsAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var internals = await db.Evaluations.AsNoTracking()
            .Where(e => e.Status == EvaluationStatus.Draft && e.DepartmentDeadline != null)
            .Select(e => new { e.Id, Due = e.DepartmentDeadline!.Value }).ToListAsync(cancellationToken);
        if (internals.Count == 0) return 0;
        var ids = internals.Select(e => e.Id).ToList();
        var headers = await EvaluationClaim.Headers(db).Where(h => ids.Contains(h.Id)).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var header in headers)
        {
            // Only while the county may still write (its own deadline not passed), and within 7 days of the internal one.
            if (DeadlineState.Of(header.Status, header.YearDeadline, header.ExtendedTo, today).BlocksDraft) continue;
            var due = internals.First(e => e.Id == header.Id).Due;
            var state = DeadlineState.Of(EvaluationStatus.Draft, due, null, today);
            if (state.ReminderThreshold is not { } threshold) continue;

            var key = DepartmentKeyOf(header.Id, due, threshold);
            var sent = await executor.ExecuteAsync($"department deadline reminders {key}", async (_, ct) =>
            {
                var scheme = await schemes.GetAsync(db, header.SchemeId, header.SchemeHash, ct);
                var owners = await Departments.FieldOwners.LoadAsync(db, header.Id, header.CountyId, scheme, ct);
                var waiting = owners.Values
                    .Where(o => o.DepartmentId is not null && o.Status is Core.Departments.DepartmentFieldStatus.Open or Core.Departments.DepartmentFieldStatus.Returned)
                    .GroupBy(o => o.DepartmentId!.Value).ToDictionary(g => g.Key, g => g.Count());
                if (waiting.Count == 0) return Outcome.Done(0);
                var recipients = await inbox.DepartmentUsersAsync(header.CountyPath, waiting.Keys.ToList(), ct);
                var told = await db.Notifications.Where(n => n.Key == key).Select(n => n.UserId).ToListAsync(ct);
                var untold = recipients.Where(r => !told.Contains(r.UserId)).ToList();
                var names = await db.Departments.Where(d => waiting.Keys.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
                foreach (var group in untold.GroupBy(r => r.DepartmentId))
                {
                    var when = state.DaysLeft == 0 ? "今天" : $"{ChinaTime.Date(due)}（还有 {state.DaysLeft} 天）";
                    inbox.Add(group.Select(r => r.UserId), null, NotificationKind.Deadline,
                        $"{header.County} {header.Year}年度评价：{names[group.Key]}还有 {waiting[group.Key]} 项数据待填写或改正，县里定的内部截止日期是{when}，请填写后报送县教育局。",
                        $"/Departments/{header.Id}", key);
                }

                return Outcome.Done(untold.Count);
            }, cancellationToken);
            if (sent.IsDone) added += sent.Value;
            db.ChangeTracker.Clear();
        }

        return added;
    }
}
