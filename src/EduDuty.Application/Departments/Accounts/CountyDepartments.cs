using EduDuty.Core.Departments;
using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments.Accounts;

/// <summary>One account of a department as the lead's page lists it.</summary>
public sealed record DepartmentAccount(string Id, string UserName, string DisplayName, string? Email, bool IsActive, bool MustChangePassword, bool IsLockedOut);

/// <summary>One department of the county with its accounts.</summary>
public sealed record CountyDepartment(int Id, string Name, bool IsActive, IReadOnlyList<DepartmentAccount> Users);

/// <summary>
/// The lead's 部门管理 page: the county, its departments (active first, by name) with their accounts, and the standard names
/// not yet used (offered when a department is created).
/// </summary>
public sealed record CountyDepartmentsView(int CountyId, string County, string CountyCode, string CountyPath, IReadOnlyList<CountyDepartment> Departments, IReadOnlyList<string> Suggested);

/// <summary>
/// Who may manage a county's departments and their accounts, and which county: a county lead, its own county (issue 30).
/// Admins manage department accounts on the admin's user pages; every other role is refused.
/// </summary>
public static class CountyLeads
{
    /// <summary>The lead's county (active, county level), or the refusal.</summary>
    public static async Task<Outcome<Region>> CountyOfAsync(EduDutyDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(Roles.CountyLead)) return Outcome.Refused(Messages.OnlyLeadManagesDepartments);
        var county = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Path == actor.RegionPath, cancellationToken);
        return county is { Level: RegionLevel.County } ? Outcome.Done(county) : Outcome.Refused(Messages.OnlyLeadManagesDepartments);
    }
}

/// <summary>Reads the lead's county's departments and their accounts (three queries).</summary>
public sealed class CountyDepartments(EduDutyDbContext db, TimeProvider clock)
{
    public async Task<Outcome<CountyDepartmentsView>> HandleAsync(Actor actor, CancellationToken cancellationToken)
    {
        var found = await CountyLeads.CountyOfAsync(db, actor, cancellationToken);
        if (found is not { IsDone: true, Value: { } county }) return Outcome.Refused(found.Reason ?? Messages.OnlyLeadManagesDepartments);
        var departments = await db.Departments.AsNoTracking().Where(d => d.CountyId == county.Id).ToListAsync(cancellationToken);
        var ids = departments.Select(d => d.Id).ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.DepartmentId != null && ids.Contains(u.DepartmentId.Value))
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, u.IsActive, u.MustChangePassword, u.LockoutEnd, u.DepartmentId })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var byDepartment = users.ToLookup(u => u.DepartmentId!.Value,
            u => new DepartmentAccount(u.Id, u.UserName!, u.DisplayName, u.Email, u.IsActive, u.MustChangePassword, u.LockoutEnd > now));
        var listed = departments.OrderByDescending(d => d.IsActive).ThenBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new CountyDepartment(d.Id, d.Name, d.IsActive, byDepartment[d.Id].ToList())).ToList();
        var used = departments.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        return Outcome.Done(new CountyDepartmentsView(county.Id, county.Name, county.Code, county.Path, listed,
            DepartmentNames.Standard.Where(n => !used.Contains(n)).ToList()));
    }
}
