using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

public sealed record CreatedUser(string UserName, string DisplayName, string Role, string RegionCode, string OneTimePassword);

/// <summary>A user as the admin's list shows it.</summary>
/// <param name="Department">A 部门填报人员's department (issue 30); null for every other user.</param>
public sealed record UserListItem(string Id, string UserName, string DisplayName, string Roles, string Region, bool IsActive, bool IsLockedOut, bool MustChangePassword, string Role, string RegionCode,
    string? Department = null);

/// <summary>Who an admin may list: users of regions under the admin's own, filtered by region, role and state.</summary>
public sealed record UserFilter(string? RegionCode, string? Role, bool? Active, string? Search = null);

/// <summary>
/// What an admin reads about users: the list of the users under the admin's region and one of them. The changes are each
/// their own use case (<see cref="CreateUsers"/>, <see cref="SetUserActive"/>, <see cref="ResetUserPassword"/>,
/// <see cref="UnlockUser"/>, <see cref="ReassignUser"/>), written through the executor and audited.
/// </summary>
public sealed class UserQueries(EduDutyDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>
    /// A page of the users under the admin's region, filtered and paged in the database: a region filter takes the region and
    /// every region below it; a search matches the user name or the name. In region and name order, with their roles.
    /// </summary>
    public async Task<Paged<UserListItem>> ListAsync(Actor actor, UserFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var path = actor.RegionPath;
        var query = db.Users.AsNoTracking().Under(u => u.Region.Path, path);
        if (!string.IsNullOrEmpty(filter.RegionCode))
        {
            var under = await db.Regions.Where(r => r.Code == filter.RegionCode).Select(r => r.Path).FirstOrDefaultAsync(cancellationToken);
            query = under is null ? query.Where(_ => false) : query.Under(u => u.Region.Path, under);
        }

        if (filter.Active is { } active) query = query.Where(u => u.IsActive == active);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            query = query.Where(u => u.UserName!.Contains(term) || u.DisplayName.Contains(term));
        }

        if (!string.IsNullOrEmpty(filter.Role))
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == filter.Role)));
        var users = await query.OrderBy(u => u.Region.Code).ThenBy(u => u.UserName)
            .Select(u => new ListedUser(u.Id, u.UserName!, u.DisplayName, u.Region.Name, u.Region.Code, u.IsActive, u.LockoutEnd, u.MustChangePassword,
                db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault())).ToPagedAsync(page, PageSize, cancellationToken);
        var ids = users.Items.Select(u => u.Id).ToList();
        var rolesByUser = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => r.Name!);
        var now = clock.GetUtcNow();
        return users.Select(u => new UserListItem(u.Id, u.UserName, u.DisplayName, string.Join("、", rolesByUser[u.Id].Select(Roles.DisplayName)),
            u.Region, u.IsActive, u.LockoutEnd > now, u.MustChangePassword, rolesByUser[u.Id].FirstOrDefault() ?? string.Empty, u.RegionCode, u.Department));
    }

    private sealed record ListedUser(string Id, string UserName, string DisplayName, string Region, string RegionCode, bool IsActive, DateTimeOffset? LockoutEnd, bool MustChangePassword,
        string? Department);

    /// <summary>The user, when it belongs to a region under the admin's own; null otherwise (answered as not found).</summary>
    public Task<AppUser?> FindInScopeAsync(string? userId, Actor actor, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().Under(u => u.Region.Path, actor.RegionPath).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
}
