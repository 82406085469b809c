using EduDuty.Core.Departments;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments;

/// <summary>
/// Who owns each entered field of one evaluation (issue 30), read from the county's departments, the lead's assignments for
/// the year and the stored states of the departments' parts, and resolved by Core's one rule (<see cref="FieldOwnership"/>).
/// A county without departments costs one small query.
/// </summary>
public static class FieldOwners
{
    public static async Task<IReadOnlyDictionary<string, FieldOwner>> LoadAsync(
        EduDutyDbContext db, int evaluationId, int countyId, Scheme scheme, CancellationToken cancellationToken)
    {
        var departments = await db.Departments.AsNoTracking().Where(d => d.CountyId == countyId)
            .Select(d => new DepartmentRef(d.Id, d.Name, d.IsActive)).ToListAsync(cancellationToken);
        if (departments.Count == 0) return FieldOwnership.Resolve(scheme, [], Empty<int?>(), Empty<FieldState>());

        var assignments = await db.FieldAssignments.AsNoTracking().Where(a => a.EvaluationId == evaluationId)
            .ToDictionaryAsync(a => a.FieldCode, a => a.DepartmentId, StringComparer.Ordinal, cancellationToken);
        var states = await db.DepartmentFieldStates.AsNoTracking().Where(s => s.EvaluationId == evaluationId)
            .ToDictionaryAsync(s => s.FieldCode, s => new FieldState(s.DepartmentId, s.Status, s.Reason), StringComparer.Ordinal, cancellationToken);
        return FieldOwnership.Resolve(scheme, departments, assignments, states);
    }

    /// <summary>The county's departments by id (all of them, disabled ones too: the audit and the progress name them).</summary>
    public static async Task<IReadOnlyDictionary<int, DepartmentRef>> DepartmentsAsync(EduDutyDbContext db, int countyId, CancellationToken cancellationToken) =>
        await db.Departments.AsNoTracking().Where(d => d.CountyId == countyId)
            .ToDictionaryAsync(d => d.Id, d => new DepartmentRef(d.Id, d.Name, d.IsActive), cancellationToken);

    private static Dictionary<string, T> Empty<T>() => new(StringComparer.Ordinal);
}
