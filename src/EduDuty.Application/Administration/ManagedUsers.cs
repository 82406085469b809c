using System.Security.Cryptography;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>
/// What the user administration use cases share: finding a user within the admin's region (tracked through the user manager's
/// store, the same context), the last-admin rule, one-time passwords, and ending a user's access. Used inside their writes.
/// </summary>
public sealed class ManagedUsers(EduDutyDbContext db, UserManager<AppUser> users, Security.Sessions sessions, Security.TrustedDevices devices)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    public UserManager<AppUser> Users => users;

    public static string NewOneTimePassword() => RandomNumberGenerator.GetString(Alphabet, 16);

    /// <summary>
    /// The user, tracked, when it belongs to a region under the admin's own; null otherwise (outside it, it does not exist).
    /// A county lead (issue 30) reaches only its county's department users (<see cref="Manages"/>): to it, no other user exists.
    /// </summary>
    public async Task<AppUser?> FindAsync(string? userId, Actor actor, CancellationToken cancellationToken) =>
        userId is not null && await Manages(db.Users, actor).AnyAsync(u => u.Id == userId, cancellationToken)
            ? await users.FindByIdAsync(userId)
            : null;

    /// <summary>
    /// The users an actor manages: an admin those under its region; a county lead its county's 部门填报人员 (with a department);
    /// anyone else none.
    /// </summary>
    public static IQueryable<AppUser> Manages(IQueryable<AppUser> all, Actor actor) =>
        actor.IsInRole(Roles.Admin) ? all.Under(u => u.Region.Path, actor.RegionPath)
        : actor.IsInRole(Roles.CountyLead) ? all.Where(u => u.Region.Path == actor.RegionPath && u.DepartmentId != null)
        : all.Where(_ => false);

    public Task<string> RegionPathOfAsync(AppUser user, CancellationToken cancellationToken) =>
        db.Regions.Where(r => r.Id == user.RegionId).Select(r => r.Path).SingleAsync(cancellationToken);

    /// <summary>Whether the user is the only active admin left: that account may not be disabled nor leave the admin role.</summary>
    public async Task<bool> IsLastActiveAdminAsync(AppUser user)
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin)) return false;
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return admins.Count(a => a.IsActive) <= 1;
    }

    /// <summary>
    /// When an account is disabled, reset or moved: its sessions end everywhere at once, and no browser is trusted any more
    /// to sign in past a lockout (see <see cref="Security.TrustedDevices"/>).
    /// </summary>
    public async Task RevokeAccessAsync(string userId, CancellationToken cancellationToken)
    {
        await sessions.EndAllAsync(userId, cancellationToken);
        await devices.ForgetAllAsync(userId, cancellationToken);
    }

    /// <summary>Identity's refusal as problems of the user name (a name taken meanwhile, a password its rules refuse).</summary>
    public static IReadOnlyList<FieldProblem> ProblemsOf(IdentityResult result, string field, string prefix = "") =>
        result.Errors.Select(e => new FieldProblem(field, prefix + e.Description)).ToList();
}
