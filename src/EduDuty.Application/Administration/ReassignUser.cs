using EduDuty.Application.Writes;
using EduDuty.Core.Administration;
using EduDuty.Core.Messaging;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>
/// Gives a user another role or region (a county official moving to the city, a supervisor changing city). The user's
/// sessions end, so the new scope applies from the next sign-in; evaluations and audit entries keep their history. Admins
/// cannot take away their own admin role, and the last active admin keeps it. Audited.
/// </summary>
public sealed class ReassignUser(EduDutyDbContext db, ManagedUsers managed, AdminAuditLog audit, WriteExecutor executor, RegionSearch regionSearch)
{
    public Task<Outcome<Unit>> HandleAsync(string? userId, string? role, string? regionCode, Actor actor, CancellationToken cancellationToken)
    {
        var (newRole, code) = ((role ?? string.Empty).Trim(), (regionCode ?? string.Empty).Trim());
        return executor.ExecuteAsync<Unit>($"reassign user {userId} to {newRole} in {code} by {actor.Id}", async (scope, ct) =>
        {
            if (await managed.FindAsync(userId, actor, ct) is not { } user) return Outcome.NotFound(Messages.UserNotFound);
            if (!Roles.All.Contains(newRole)) return Outcome.Invalid("AssignRole", $"角色 “{newRole}” 无效，请从列表中选择");
            var resolved = await regionSearch.ResolveAsync(actor, code, ct); // a name of exactly one region is its code
            if (!resolved.IsDone) return Outcome.Invalid("AssignRegion", resolved.Problems[0].Text);
            code = resolved.Value!;
            var region = await db.Regions.AsNoTracking().Under(r => r.Path, actor.RegionPath).SingleOrDefaultAsync(r => r.Code == code, ct);
            if (region is null) return Outcome.Invalid("AssignRegion", $"地区 {code} 不存在或不在您管辖的范围内，请从列表中选择");
            if (!region.IsActive) return Outcome.Invalid("AssignRegion", $"地区 {region.Name} 已停用，请选择其他地区");
            if (!UserCsv.FitsRegion(newRole, region.Level))
                return Outcome.Invalid("AssignRegion", $"{Roles.DisplayName(newRole)}不能属于{region.Name}（县级用户属于县，督导人员属于市或省，管理员属于省）");
            // A department user belongs to a department (issue 30), which this form does not choose: such accounts are made new.
            if (newRole == Roles.DepartmentOfficial && (user.DepartmentId is null || region.Id != user.RegionId))
                return Outcome.Invalid("AssignRole", $"{Roles.DisplayName(Roles.DepartmentOfficial)}须属于一个部门，不能由其他角色改成；请新建用户（填写部门），或由县级负责人在“部门管理”中创建");

            var done = $"{user.UserName}：角色和地区已变更。该用户的登录已全部结束，重新登录后按新的角色和地区使用。";
            var currentRoles = await managed.Users.GetRolesAsync(user);
            var oldRegion = await db.Regions.Where(r => r.Id == user.RegionId).Select(r => r.Code).SingleAsync(ct);
            if (currentRoles.SequenceEqual([newRole]) && oldRegion == code)
            {
                scope.Discard(); // already so
                return Outcome.DoneSaying(done);
            }

            var leavesAdmin = currentRoles.Contains(Roles.Admin) && newRole != Roles.Admin;
            if (leavesAdmin && user.Id == actor.Id) return Outcome.Refused(Messages.CannotLeaveAdminSelf);
            if (leavesAdmin && user.IsActive && await managed.IsLastActiveAdminAsync(user)) return Outcome.Refused(Messages.LastActiveAdmin("改为其他角色"));

            var result = await managed.Users.RemoveFromRolesAsync(user, currentRoles);
            if (result.Succeeded) result = await managed.Users.AddToRoleAsync(user, newRole);
            if (!result.Succeeded) return Outcome.Invalid(ManagedUsers.ProblemsOf(result, "AssignRole"));
            if (newRole != Roles.DepartmentOfficial) user.DepartmentId = null; // only a department user has a department
            user.RegionId = region.Id;
            await managed.Users.UpdateAsync(user);
            await managed.Users.UpdateSecurityStampAsync(user);
            await managed.RevokeAccessAsync(user.Id, ct); // the new role and region apply from the next sign-in
            audit.Add(actor, AdminAction.ReassignUser, user.UserName!,
                $"{string.Join("、", currentRoles.Select(Roles.DisplayName))}，{oldRegion}", $"{Roles.DisplayName(newRole)}，{region.Name}", region.Path);
            return Outcome.DoneSaying(done);
        }, cancellationToken);
    }
}
