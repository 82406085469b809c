using EduDuty.Core.Departments;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Departments;

/// <summary>A stored department state as the county's review reads it: besides the rule's view, who sent or decided it, when, and its version.</summary>
public sealed record StoredPart(string Code, int DepartmentId, DepartmentFieldStatus Status, string? Reason, DateTime AtUtc, string? ByName, int Version);

/// <summary>
/// The departments' parts of one evaluation as the county sees them (issue 30, part C): the county's departments, who owns each
/// entered field (<see cref="FieldOwnership"/>), the stored states with their versions, and the counts per department.
/// </summary>
public sealed record DepartmentPartsView(
    IReadOnlyList<DepartmentRef> Departments, IReadOnlyDictionary<string, FieldOwner> Owners, IReadOnlyDictionary<string, StoredPart> States,
    IReadOnlyList<DepartmentProgressRow> Progress)
{
    /// <summary>Whether the county has departments at all: without, nothing about them is shown and nothing changes.</summary>
    public bool Any => Departments.Count > 0;

    public string NameOf(int? departmentId) =>
        departmentId is { } id ? Departments.FirstOrDefault(d => d.Id == id)?.Name ?? DepartmentNames.Education : DepartmentNames.Education;

    /// <summary>The department that enters each entered field, by code, for the exports and the report (教育局 for the county's own).</summary>
    public IReadOnlyDictionary<string, string> DepartmentNamesByCode =>
        Owners.Values.ToDictionary(o => o.Code, o => NameOf(o.DepartmentId), StringComparer.Ordinal);

    /// <summary>Departments with fields not accepted yet (the lead's submission lists them; the to-do names them when late).</summary>
    public IReadOnlyList<(string Name, int NotAccepted)> Pending => DepartmentProgress.Pending(Progress);

    /// <summary>Fields submitted and waiting for the county.</summary>
    public int AwaitingReview => Progress.Sum(p => p.Submitted);

    public static readonly DepartmentPartsView None = new([], new Dictionary<string, FieldOwner>(), new Dictionary<string, StoredPart>(), []);
}

/// <summary>
/// Reads <see cref="DepartmentPartsView"/> in one statement (a UNION ALL of the county's departments, the lead's assignments and
/// the stored states: a county without departments reads no row of the others' and costs nothing more), and resolves it with
/// Core's rules. The overview's progress table, the review page, the lead's submission and the exports read it here.
/// </summary>
public static class DepartmentParts
{
    private sealed class Row
    {
        public int Kind { get; init; } // 0 department, 1 assignment, 2 state

        public int? Id { get; init; }

        public string? Text { get; init; } // a department's name, a field's code

        public bool IsActive { get; init; }

        public int Status { get; init; }

        public string? Reason { get; init; }

        public DateTime AtUtc { get; init; }

        public string? ByName { get; init; }

        public int Version { get; init; }
    }

    /// <param name="filled">The entered fields with a value (the workspace's figure rows with one).</param>
    public static async Task<DepartmentPartsView> LoadAsync(
        EduDutyDbContext db, int evaluationId, int countyId, Scheme scheme, IReadOnlySet<string> filled, CancellationToken cancellationToken)
    {
        var departments = db.Departments.AsNoTracking().Where(d => d.CountyId == countyId)
            .Select(d => new Row { Kind = 0, Id = d.Id, Text = d.Name, IsActive = d.IsActive, Status = 0, Reason = null, AtUtc = d.CreatedAtUtc, ByName = null, Version = 0 });
        // Assignments and states only of a county that has departments: the condition keeps their part of the statement empty otherwise.
        var hasDepartments = db.Departments.Any(d => d.CountyId == countyId);
        var assignments = db.FieldAssignments.AsNoTracking().Where(a => a.EvaluationId == evaluationId && hasDepartments)
            .Select(a => new Row { Kind = 1, Id = a.DepartmentId, Text = a.FieldCode, IsActive = false, Status = 0, Reason = null, AtUtc = a.UpdatedAtUtc, ByName = null, Version = 0 });
        // The state is stored as its name: compared with each member (a CASE), never cast, so both databases read the same number.
        var states = db.DepartmentFieldStates.AsNoTracking().Where(s => s.EvaluationId == evaluationId && hasDepartments)
            .Select(s => new Row { Kind = 2, Id = s.DepartmentId, Text = s.FieldCode, IsActive = false, Status = s.Status == DepartmentFieldStatus.Submitted ? 1 : s.Status == DepartmentFieldStatus.Accepted ? 2 : s.Status == DepartmentFieldStatus.Returned ? 3 : 0, Reason = s.Reason, AtUtc = s.AtUtc, ByName = s.ByName, Version = s.Version });
        var rows = await departments.Concat(assignments).Concat(states).ToListAsync(cancellationToken);
        if (!rows.Any(r => r.Kind == 0)) return DepartmentPartsView.None;

        var refs = rows.Where(r => r.Kind == 0).OrderBy(r => r.Id).Select(r => new DepartmentRef(r.Id!.Value, r.Text!, r.IsActive)).ToList();
        var assigned = rows.Where(r => r.Kind == 1).ToDictionary(r => r.Text!, r => r.Id, StringComparer.Ordinal);
        var stored = rows.Where(r => r.Kind == 2)
            .ToDictionary(r => r.Text!, r => new StoredPart(r.Text!, r.Id!.Value, (DepartmentFieldStatus)r.Status, r.Reason, r.AtUtc, r.ByName, r.Version), StringComparer.Ordinal);
        var owners = FieldOwnership.Resolve(scheme, refs, assigned,
            stored.ToDictionary(s => s.Key, s => new FieldState(s.Value.DepartmentId, s.Value.Status, s.Value.Reason), StringComparer.Ordinal));
        return new DepartmentPartsView(refs, owners, stored, DepartmentProgress.Of(owners, refs, filled));
    }

    /// <summary>The same for a loaded workspace (its figure rows say what is filled).</summary>
    public static Task<DepartmentPartsView> LoadAsync(EduDutyDbContext db, Evaluations.Workspace workspace, CancellationToken cancellationToken) =>
        LoadAsync(db, workspace.Id, workspace.CountyId, workspace.Scheme, Filled(workspace.FigureRows.Values), cancellationToken);

    /// <summary>The codes of the figure rows that hold a value (a cleared figure keeps its row without one).</summary>
    public static IReadOnlySet<string> Filled(IEnumerable<FigureValue> rows) =>
        rows.Where(r => r.ToValue() is not null).Select(r => r.FieldCode).ToHashSet(StringComparer.Ordinal);
}
