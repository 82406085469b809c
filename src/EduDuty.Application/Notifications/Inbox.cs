using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Notifications;

public sealed record NotificationItem(long Id, NotificationKind Kind, string Text, string Url, DateTime CreatedAtUtc, bool IsRead);

/// <summary>
/// The portal inbox (站内消息): who gets told what, and each user's list. Messages are added to the caller's unit of work
/// (<see cref="Add"/>), so that a notification is saved together with the change it announces, or not at all.
/// </summary>
public sealed class Inbox(EduDutyDbContext db, TimeProvider clock, Caching.InstanceCache cache)
{
    public const int Shown = 200;

    /// <summary>The active county users (officials and leads) of the county.</summary>
    public async Task<List<string>> CountyUsersAsync(string countyPath, CancellationToken cancellationToken) =>
        (await CountyUsersAsync([countyPath], cancellationToken))[countyPath].ToList();

    /// <summary>The active county users of several counties at once, by county path: one query for a change that concerns many.</summary>
    public async Task<ILookup<string, string>> CountyUsersAsync(IReadOnlyCollection<string> countyPaths, CancellationToken cancellationToken)
    {
        var users = await InRoles(db.Users.Where(u => countyPaths.Contains(u.Region.Path)), [Roles.CountyOfficial, Roles.CountyLead])
            .Select(u => new { u.Region.Path, u.Id }).ToListAsync(cancellationToken);
        return users.ToLookup(u => u.Path, u => u.Id, StringComparer.Ordinal);
    }

    /// <summary>The active users of one department (issue 30): whom its part's news is for.</summary>
    public Task<List<string>> DepartmentUsersAsync(int departmentId, CancellationToken cancellationToken) =>
        InRoles(db.Users.Where(u => u.DepartmentId == departmentId), [Roles.DepartmentOfficial]).Select(u => u.Id).ToListAsync(cancellationToken);

    /// <summary>The active supervisors whose region covers the county (its city's and its province's).</summary>
    public Task<List<string>> SupervisorsAsync(string countyPath, CancellationToken cancellationToken) =>
        UsersInRolesAsync(db.Users.Above(u => u.Region.Path, countyPath), [Roles.Supervisor], cancellationToken);

    /// <summary>Adds one message per recipient (never to the one who acted); the caller's SaveChanges stores them.</summary>
    public void Add(IEnumerable<string> userIds, string? exceptUserId, NotificationKind kind, string text, string url, string key)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var userId in userIds.Where(u => u != exceptUserId).Distinct())
        {
            db.Notifications.Add(new Notification { UserId = userId, Kind = kind, Text = Shorten(text), Url = url, Key = key, CreatedAtUtc = now });
        }
    }

    /// <summary>
    /// The user's unread messages: one indexed count, or none when this instance counted them before and no message of the
    /// user was added, read or removed since, here or on any other instance (<see cref="Caching.InstanceCache"/>, decision 0046).
    /// </summary>
    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken)
    {
        if (cache.TryGetUnread(userId, out var cached)) return cached;
        var token = cache.Begin();
        var count = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null, cancellationToken);
        cache.PutUnread(token, userId, count);
        return count;
    }

    public async Task<IReadOnlyList<NotificationItem>> ListAsync(string userId, CancellationToken cancellationToken) =>
        await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(Shown)
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Text, n.Url, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync(cancellationToken);

    /// <summary>Marks the user's message read and returns where it leads; null when it is not the user's.</summary>
    public async Task<string?> OpenAsync(long id, string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var url = await db.Notifications.Where(n => n.Id == id && n.UserId == userId).Select(n => n.Url).SingleOrDefaultAsync(cancellationToken);
        if (url is null) return null;
        if (await db.Notifications.TagWith(Caching.CacheChangeInterceptor.PublishedTag).Where(n => n.Id == id && n.ReadAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), cancellationToken) > 0)
        {
            await cache.PublishAsync(Caching.CacheChange.Unread(userId), cancellationToken);
        }

        return url;
    }

    public async Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var read = await db.Notifications.TagWith(Caching.CacheChangeInterceptor.PublishedTag).Where(n => n.UserId == userId && n.ReadAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
        if (read > 0) await cache.PublishAsync(Caching.CacheChange.Unread(userId), cancellationToken);
        return read;
    }

    private Task<List<string>> UsersInRolesAsync(IQueryable<AppUser> users, string[] roles, CancellationToken cancellationToken) =>
        InRoles(users, roles).Select(u => u.Id).ToListAsync(cancellationToken);

    // The active users among these with one of the roles: the one definition of who a message goes to.
    private IQueryable<AppUser> InRoles(IQueryable<AppUser> users, string[] roles) =>
        users.Where(u => u.IsActive)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..299] + "…";
}
