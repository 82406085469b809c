using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Review;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Notifications;

/// <summary>
/// Tells the county users when the deadline that applies to their draft is set, moved or extended (decision 0041): the new
/// date, the one it replaces, and what to do. Used inside the write that changes the deadline (<see cref="Evaluations.Review.Deadlines"/>),
/// so the message is stored with the change or not at all. What applies to a county is read before and after the change
/// from the evaluation headers (the deepest year deadline on its path, or its extension), so a province's date that a
/// city's own deadline or a county's extension overrides tells nobody, and setting the same date again tells nobody.
/// </summary>
public sealed class DeadlineNotices(Inbox inbox, TimeProvider clock)
{
    /// <summary>The drafts a change may concern, with the deadline that applies to each now.</summary>
    public async Task<Dictionary<int, (EvaluationHeader Header, DateOnly? Due)>> ReadAsync(IQueryable<EvaluationHeader> concerned, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var drafts = await concerned.Where(h => h.Status == EvaluationStatus.Draft).ToListAsync(cancellationToken);
        return drafts.ToDictionary(h => h.Id, h => (h, DeadlineState.Of(h.Status, h.YearDeadline, h.ExtendedTo, today).Due));
    }

    /// <summary>Stages one message per county user of each draft whose deadline differs between the two readings.</summary>
    /// <returns>How many messages were staged.</returns>
    public async Task<int> TellAsync(
        Dictionary<int, (EvaluationHeader Header, DateOnly? Due)> before, Dictionary<int, (EvaluationHeader Header, DateOnly? Due)> after,
        bool extension, string? exceptUserId, CancellationToken cancellationToken)
    {
        var changed = after.Select(a => (Id: a.Key, a.Value.Header, Was: before.TryGetValue(a.Key, out var b) ? b.Due : null, a.Value.Due))
            .Where(c => c.Was != c.Due).ToList();
        if (changed.Count == 0) return 0;
        // One query for the users of every county concerned (a province's deadline concerns thousands), not one per county.
        var usersByCounty = await inbox.CountyUsersAsync(changed.Select(c => c.Header.CountyPath).Distinct().ToList(), cancellationToken);
        var told = 0;
        foreach (var (id, header, was, due) in changed)
        {
            var text = Text(header, was, due, extension);
            var users = usersByCounty[header.CountyPath].ToList();
            // Unique per change (a date set, moved back and set again is told each time); the reminders have their own keys.
            inbox.Add(users, exceptUserId, NotificationKind.Deadline, text, $"/Evaluations/{id}", $"deadline-change:{id}:{Guid.NewGuid():N}");
            told += users.Count(u => u != exceptUserId);
        }

        return told;
    }

    /// <summary>The message: what changed, the date now, and what to do.</summary>
    public static string Text(EvaluationHeader header, DateOnly? was, DateOnly? due, bool extension)
    {
        var name = $"{header.County} {header.Year}年度评价";
        if (due is not { } now) return $"{name}的截止日期已取消（原为 {ChinaTime.Date(was!.Value)}），目前不限截止日期。请继续填写，完成后由县级负责人提交。";
        var what = extension && header.ExtendedTo == now ? "已延期至" : was is null ? "的截止日期已设为" : "的截止日期已改为";
        var old = was is { } w ? $"（原为 {ChinaTime.Date(w)}）" : "";
        return $"{name}{what} {ChinaTime.Date(now)}{old}。请在此之前填写完毕，由县级负责人提交；逾期后将不能填报。";
    }
}
