namespace EduDuty.Core.Departments;

/// <summary>
/// One department's part of an evaluation as the county's overview counts it (issue 30): the entered fields it owns, how many
/// have a value, how many it has submitted (报送, waiting for the county) and how many the county accepted (采纳).
/// <see cref="DepartmentId"/> null is 教育局, the county's own officials (their fields are never submitted nor accepted).
/// </summary>
public sealed record DepartmentProgressRow(int? DepartmentId, string Name, int Assigned, int Filled, int Submitted, int Accepted, int Returned)
{
    /// <summary>Fields of a department not accepted yet (教育局's own: none, it answers to nobody).</summary>
    public int NotAccepted => DepartmentId is null ? 0 : Assigned - Accepted;
}

/// <summary>The rules of the departments' progress: the counts, who is late, what the lead's submission lists.</summary>
public static class DepartmentProgress
{
    /// <summary>The internal deadline has passed (the day after it): a department with fields not accepted is late.</summary>
    public static bool IsLate(DateOnly? departmentDeadline, DateOnly today) => departmentDeadline is { } due && today > due;

    /// <summary>
    /// The counts per department from the owners of every entered field (<see cref="FieldOwnership"/>) and the codes with a
    /// value: departments in <paramref name="departments"/>' order (those owning nothing are listed with zeros when active),
    /// 教育局 last.
    /// </summary>
    public static IReadOnlyList<DepartmentProgressRow> Of(
        IReadOnlyDictionary<string, FieldOwner> owners, IReadOnlyCollection<DepartmentRef> departments, IReadOnlySet<string> filled)
    {
        var byDepartment = owners.Values.ToLookup(o => o.DepartmentId);
        DepartmentProgressRow Row(int? id, string name)
        {
            var own = byDepartment[id].ToList();
            return new DepartmentProgressRow(id, name, own.Count, own.Count(o => filled.Contains(o.Code)),
                own.Count(o => o.Status == DepartmentFieldStatus.Submitted), own.Count(o => o.Status == DepartmentFieldStatus.Accepted),
                own.Count(o => o.Status == DepartmentFieldStatus.Returned));
        }

        var rows = departments
            .Where(d => d.IsActive || byDepartment[d.Id].Any())
            .Select(d => Row(d.Id, d.Name))
            .ToList();
        rows.Add(Row(null, DepartmentNames.Education));
        return rows;
    }

    /// <summary>Departments with fields not accepted yet, by name with the count: the lead's submission lists them, the to-do names the late.</summary>
    public static IReadOnlyList<(string Name, int NotAccepted)> Pending(IEnumerable<DepartmentProgressRow> rows) =>
        rows.Where(r => r.NotAccepted > 0).Select(r => (r.Name, r.NotAccepted)).ToList();
}
