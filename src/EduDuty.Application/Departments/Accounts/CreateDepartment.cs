using EduDuty.Application.Administration;
using EduDuty.Application.Writes;
using EduDuty.Core.Departments;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments.Accounts;

/// <summary>
/// A county lead adds a department to its own county (a standard name or one typed, at most 20 characters), recorded in the
/// admin audit. A name the county has already (active or disabled) is refused naming it; two leads adding the same name at
/// once make one department (the unique index on county and name), the other is told it exists.
/// </summary>
public sealed class CreateDepartment(EduDutyDbContext db, AdminAuditLog audit, WriteExecutor executor, TimeProvider clock)
{
    /// <summary>The form field the name's problems are shown beside.</summary>
    public const string NameField = "DepartmentName";

    public async Task<Outcome<Unit>> HandleAsync(string? name, Actor actor, CancellationToken cancellationToken)
    {
        var found = await CountyLeads.CountyOfAsync(db, actor, cancellationToken);
        if (found is not { IsDone: true, Value: { } county }) return Outcome.Refused(found.Reason!);
        var typed = (name ?? string.Empty).Trim();
        if (DepartmentNames.Problem(typed) is { } problem) return Outcome.Invalid(NameField, problem);

        var outcome = await executor.ExecuteAsync<Unit>($"create department {typed} in {county.Code} by {actor.Id}", async (_, ct) =>
        {
            if (await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.CountyId == county.Id && d.Name == typed, ct) is { } existing)
                return Outcome.Invalid(NameField, Taken(county.Name, existing.Name, existing.IsActive));
            db.Departments.Add(new Department { CountyId = county.Id, Name = typed, IsActive = true, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
            audit.Add(actor, AdminAction.CreateDepartment, $"{county.Name}{typed}", null, "启用", county.Path);
            return Outcome.DoneSaying($"已新建部门“{typed}”。下一步：为它创建填报账号，并在评价的“部门分工”中为它分配数据项。");
        }, cancellationToken);
        // Added by another lead a moment earlier: the unique index refused this save; say what is there now.
        if (outcome.Kind == OutcomeKind.Refused && outcome.Reason?.Code == Core.Messaging.Messages.SaveFailed.Code
            && await db.Departments.AsNoTracking().FirstOrDefaultAsync(d => d.CountyId == county.Id && d.Name == typed, cancellationToken) is { } raced)
            return Outcome.Invalid(NameField, Taken(county.Name, raced.Name, raced.IsActive));
        return outcome;
    }

    private static string Taken(string county, string name, bool active) => active
        ? $"{county}已有部门“{name}”，不能重复新建；请直接为它创建账号"
        : $"{county}已有部门“{name}”（已停用），不能重复新建；如需使用，请在列表中启用它";
}
