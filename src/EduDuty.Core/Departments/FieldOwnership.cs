using EduDuty.Core.Schemes;

namespace EduDuty.Core.Departments;

/// <summary>A department of a county as the rules see it.</summary>
public sealed record DepartmentRef(int Id, string Name, bool IsActive = true);

/// <summary>A stored department state of a field: whose part it was when stored, where it stands, and the county's reason.</summary>
public sealed record FieldState(int DepartmentId, DepartmentFieldStatus Status, string? Reason = null);

/// <summary>
/// Who owns an entered field in one evaluation: a department (<see cref="DepartmentId"/>) or, when null, the education bureau
/// — the county's own officials — and where the department's part stands for it.
/// </summary>
public sealed record FieldOwner(string Code, int? DepartmentId, DepartmentFieldStatus Status = DepartmentFieldStatus.Open, string? Reason = null)
{
    public bool IsDepartments => DepartmentId is not null;

    /// <summary>
    /// Filled from a satisfaction survey's results (issue 31, 来自满意度调查): nobody types it, whoever owns it otherwise
    /// (<see cref="Review.EvaluationPolicy.EditField"/>).
    /// </summary>
    public bool FromSurvey { get; init; }

    /// <summary>The education bureau's own field (no department).</summary>
    public static FieldOwner Education(string code) => new(code, null);
}

/// <summary>
/// The one rule of who owns which field (issue 30): the lead's assignment for the year when there is one, else the scheme's
/// usual department (<see cref="SchemeField.Department"/>) matched by name among the county's active departments, else the
/// education bureau. A field's stored state counts only while it belongs to the department it was stored for: a field
/// reassigned to another department starts again with it.
/// </summary>
public static class FieldOwnership
{
    /// <param name="assignments">The lead's choices for the year by field code (null = the education bureau).</param>
    /// <param name="states">The stored department states by field code.</param>
    public static IReadOnlyDictionary<string, FieldOwner> Resolve(
        Scheme scheme, IReadOnlyCollection<DepartmentRef> departments, IReadOnlyDictionary<string, int?> assignments,
        IReadOnlyDictionary<string, FieldState> states)
    {
        var active = departments.Where(d => d.IsActive).ToList();
        var byName = active.GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var activeIds = active.Select(d => d.Id).ToHashSet();
        var owners = new Dictionary<string, FieldOwner>(StringComparer.Ordinal);
        foreach (var field in scheme.Areas.SelectMany(a => a.Fields).Where(f => f.Kind.IsInput()))
        {
            int? owner = assignments.TryGetValue(field.Code, out var assigned)
                ? assigned is { } id && activeIds.Contains(id) ? id : null
                : field.Department is { } name && byName.TryGetValue(name, out var byDefault) ? byDefault : null;
            owners[field.Code] = owner is { } dept && states.TryGetValue(field.Code, out var state) && state.DepartmentId == dept
                ? new FieldOwner(field.Code, dept, state.Status, state.Reason)
                : new FieldOwner(field.Code, owner);
        }

        return owners;
    }

    /// <summary>The fields a department owns, in the scheme's order.</summary>
    public static IReadOnlyList<FieldOwner> Of(this IReadOnlyDictionary<string, FieldOwner> owners, int departmentId) =>
        owners.Values.Where(o => o.DepartmentId == departmentId).ToList();
}
