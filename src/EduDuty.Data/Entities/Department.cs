namespace EduDuty.Data.Entities;

/// <summary>
/// One of a county's offices that own figures (财政局, 人社局 …, issue 30). Its users (部门填报人员) fill in the fields assigned
/// to it. A department is disabled, never deleted: the audit names it.
/// </summary>
public class Department
{
    public int Id { get; set; }

    public int CountyId { get; set; }

    public Region County { get; set; } = null!;

    /// <summary>Its name, unique in its county (at most <see cref="Core.Departments.DepartmentNames.MaxLength"/> characters).</summary>
    public required string Name { get; set; }

    /// <summary>A disabled department owns no field (its fields go back to the education bureau) and its users cannot fill in.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>
/// The county lead's choice of who fills one field in one evaluation (部门分工, issue 30): a department, or the education bureau
/// (null). Without a row the scheme's usual department applies (<see cref="Core.Departments.FieldOwnership"/>).
/// </summary>
public class FieldAssignment
{
    public int EvaluationId { get; set; }

    public required string FieldCode { get; set; }

    public int? DepartmentId { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedByUserId { get; set; }
}

/// <summary>
/// Where a department's part stands for one field (issue 30): sent to the county, accepted, or returned with a reason. No row:
/// the field is with its department (<see cref="Core.Departments.DepartmentFieldStatus.Open"/>). The row names the department
/// it was stored for: once the field belongs to another, it no longer counts.
/// </summary>
public class DepartmentFieldState
{
    public int EvaluationId { get; set; }

    public required string FieldCode { get; set; }

    public int DepartmentId { get; set; }

    public Core.Departments.DepartmentFieldStatus Status { get; set; }

    /// <summary>The county's reason for a return (at most <see cref="MaxReasonLength"/> characters).</summary>
    public string? Reason { get; set; }

    public DateTime AtUtc { get; set; }

    public string? ByUserId { get; set; }

    public string? ByName { get; set; }

    /// <summary>Concurrency token: raised by every change of the state.</summary>
    public int Version { get; set; }

    public const int MaxReasonLength = 500;
}
