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

    // OF-PLACEHOLDER

    /// <summary>Departments with fields not accepted yet, by name with the count: the lead's submission lists them, the to-do names the late.</summary>
    public static IReadOnlyList<(string Name, int NotAccepted)> Pending(IEnumerable<DepartmentProgressRow> rows) =>
        rows.Where(r => r.NotAccepted > 0).Select(r => (r.Name, r.NotAccepted)).ToList();
}
