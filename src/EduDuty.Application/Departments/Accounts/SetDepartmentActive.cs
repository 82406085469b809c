using EduDuty.Application.Administration;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments.Accounts;

/// <summary>
/// A county lead disables or enables a department of its own county, recorded in the admin audit. A department with active
/// accounts is not disabled: the lead disables them first (each with the admin's own rule, <see cref="SetUserActive"/>), so
/// nobody keeps signing in for a department that no longer takes part. A disabled department is no longer a scheme field's
/// default owner (<see cref="Core.Departments.FieldOwnership"/>) nor offered for accounts or assignments.
/// </summary>
public sealed class SetDepartmentActive(EduDutyDbContext db, AdminAuditLog audit, WriteExecutor executor)
{
    public async Task<Outcome<Unit>> HandleAsync(int departmentId, bool active, Actor actor, CancellationToken cancellationToken)
    {
        var found = await CountyLeads.CountyOfAsync(db, actor, cancellationToken);
        if (found is not { IsDone: true, Value: { } county }) return Outcome.Refused(found.Reason!);
        return await executor.ExecuteAsync<Unit>($"{(active ? "enable" : "disable")} department {departmentId} by {actor.Id}", async (scope, ct) =>
        {
            var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == departmentId && d.CountyId == county.Id, ct);
            if (department is null) return Outcome.NotFound(Messages.DepartmentNotFound);
            var done = active ? $"{department.Name}：已启用。" : $"{department.Name}：已停用。";
            if (department.IsActive == active)
            {
                scope.Discard();
                return Outcome.DoneSaying(done);
            }

            if (!active)
            {
                var users = await db.Users.CountAsync(u => u.DepartmentId == department.Id && u.IsActive, ct);
                if (users > 0) return Outcome.Refused(Messages.DepartmentHasActiveUsers(department.Name, users));
            }

            department.IsActive = active;
            audit.Add(actor, active ? AdminAction.EnableDepartment : AdminAction.DisableDepartment, $"{county.Name}{department.Name}",
                active ? "停用" : "启用", active ? "启用" : "停用", county.Path);
            return Outcome.DoneSaying(done);
        }, cancellationToken);
    }
}
