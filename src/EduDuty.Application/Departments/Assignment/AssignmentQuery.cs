using System.Security.Cryptography;
using System.Text;
using EduDuty.Application.Evaluations;
using EduDuty.Core.Departments;
using EduDuty.Core.Review;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments.Assignment;

/// <summary>One entered field on the 部门分工 page: its owner now, and whether that is the scheme's default (shown as 默认).</summary>
public sealed record AssignmentRow(
    string Code, string Label, int? OwnerId, string OwnerName, bool IsDefault, int? DefaultId, string DefaultName, DepartmentFieldStatus Status);

/// <summary>An area's entered fields.</summary>
public sealed record AssignmentArea(string Key, string Heading, IReadOnlyList<AssignmentRow> Fields);

/// <summary>
/// The 部门分工 page: the areas with their fields' owners, the county's active departments to choose from, the version of the
/// assignment the page shows (<see cref="Stamp"/>, sent back with a save so that a change made meanwhile is detected), the
/// internal deadline, and whether this viewer may change them now (the reason when not).
/// </summary>
public sealed record AssignmentView(
    IReadOnlyList<AssignmentArea> Areas, IReadOnlyList<DepartmentRef> Departments, string Stamp, DateOnly? DepartmentDeadline, Permission Assign)
{
    /// <summary>How many fields each owner has ("教育局" for none), in the order of the departments.</summary>
    public IReadOnlyList<(string Name, int Count)> Counts =>
        Areas.SelectMany(a => a.Fields).GroupBy(f => f.OwnerName).Select(g => (g.Key, g.Count()))
            .OrderBy(c => c.Key == DepartmentNames.Education ? 0 : 1).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
}

/// <summary>
/// Reads one evaluation's 部门分工 (three queries: the county's departments, the assignments, the departments' states) and
/// resolves every entered field's owner with <see cref="FieldOwnership"/>: the lead's choice, else the scheme's department
/// among the county's active ones, else 教育局.
/// </summary>
public sealed class AssignmentQuery(EduDutyDbContext db)
{
    public async Task<AssignmentView> HandleAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var state = await AssignmentState.LoadAsync(db, workspace, tracked: false, cancellationToken);
        var names = state.Departments.ToDictionary(d => d.Id, d => d.Name);
        string NameOf(int? id) => id is { } d ? names.GetValueOrDefault(d, DepartmentNames.Education) : DepartmentNames.Education;
        var areas = workspace.Scheme.Areas.Select(area => new AssignmentArea(area.Key, area.Heading, area.Fields
                .Where(f => state.Owners.ContainsKey(f.Code))
                .Select(f =>
                {
                    var (owner, fallback) = (state.Owners[f.Code], state.Defaults[f.Code]);
                    return new AssignmentRow(f.Code, f.NameZh, owner.DepartmentId, NameOf(owner.DepartmentId), !state.Assigned.ContainsKey(f.Code),
                        fallback.DepartmentId, NameOf(fallback.DepartmentId), owner.Status);
                }).ToList()))
            .Where(a => a.Fields.Count > 0).ToList();
        var deadline = await db.Evaluations.AsNoTracking().Where(e => e.Id == workspace.Id).Select(e => e.DepartmentDeadline).SingleAsync(cancellationToken);
        return new AssignmentView(areas, state.Departments.Where(d => d.IsActive).OrderBy(d => d.Name, StringComparer.Ordinal).ToList(),
            state.Stamp, deadline, AssignmentRules.Assign(workspace.Facts, workspace.Viewer));
    }
}

/// <summary>
/// What the assignment of one evaluation is now: the county's departments, the lead's rows (tracked when a save reads them),
/// the states, every entered field's owner and its default (the scheme's, with no row), and the stamp of the rows.
/// </summary>
internal sealed record AssignmentState(
    IReadOnlyList<DepartmentRef> Departments,
    IReadOnlyDictionary<string, Data.Entities.FieldAssignment> Assigned,
    IReadOnlyDictionary<string, Data.Entities.DepartmentFieldState> States,
    IReadOnlyDictionary<string, FieldOwner> Owners,
    IReadOnlyDictionary<string, FieldOwner> Defaults,
    string Stamp)
{
    public static async Task<AssignmentState> LoadAsync(EduDutyDbContext db, Workspace workspace, bool tracked, CancellationToken cancellationToken)
    {
        var departments = await db.Departments.AsNoTracking().Where(d => d.CountyId == workspace.CountyId)
            .Select(d => new DepartmentRef(d.Id, d.Name, d.IsActive)).ToListAsync(cancellationToken);
        var assignments = tracked ? db.FieldAssignments.AsTracking() : db.FieldAssignments.AsNoTracking();
        var assigned = await assignments.Where(a => a.EvaluationId == workspace.Id).ToDictionaryAsync(a => a.FieldCode, cancellationToken);
        var states = tracked ? db.DepartmentFieldStates.AsTracking() : db.DepartmentFieldStates.AsNoTracking();
        var stored = await states.Where(s => s.EvaluationId == workspace.Id).ToDictionaryAsync(s => s.FieldCode, cancellationToken);
        var owners = FieldOwnership.Resolve(workspace.Scheme, departments, assigned.ToDictionary(a => a.Key, a => a.Value.DepartmentId),
            stored.ToDictionary(s => s.Key, s => new FieldState(s.Value.DepartmentId, s.Value.Status, s.Value.Reason)));
        var defaults = FieldOwnership.Resolve(workspace.Scheme, departments, new Dictionary<string, int?>(), new Dictionary<string, FieldState>());
        return new AssignmentState(departments, assigned, stored, owners, defaults, StampOf(assigned.Values.Select(a => (a.FieldCode, a.DepartmentId))));
    }

    /// <summary>The version of an assignment: a digest of its rows (field and department), whatever order they were read in.</summary>
    public static string StampOf(IEnumerable<(string Code, int? DepartmentId)> rows)
    {
        var text = string.Join(';', rows.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => $"{r.Code}={r.DepartmentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }
}
