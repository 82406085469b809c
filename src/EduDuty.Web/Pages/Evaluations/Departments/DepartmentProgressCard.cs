using EduDuty.Core.Departments;

namespace EduDuty.Web.Pages.Evaluations.Departments;

/// <summary>The departments' progress table (issue 30) as the overview and the review page show it.</summary>
/// <param name="ReviewLink">Where the county reviews the parts; null for a reader who may not (a supervisor sees the table only).</param>
public sealed record DepartmentProgressCard(IReadOnlyList<DepartmentProgressRow> Rows, string? ReviewLink, DateOnly? Deadline = null, bool Late = false);
