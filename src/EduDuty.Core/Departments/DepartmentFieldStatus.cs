namespace EduDuty.Core.Departments;

/// <summary>Where a department's part stands, field by field (issue 30). No stored state is <see cref="Open"/>.</summary>
public enum DepartmentFieldStatus
{
    /// <summary>With the department: not sent yet (待填 or filled, not sent).</summary>
    Open = 0,

    /// <summary>报送: sent to the county, waiting for its decision; the department cannot change it.</summary>
    Submitted = 1,

    /// <summary>采纳: the county took it; locked for the department (the county may still change it).</summary>
    Accepted = 2,

    /// <summary>退回: the county sent it back with a reason; the department corrects it and sends it again.</summary>
    Returned = 3,
}

public static class DepartmentFieldStatuses
{
    /// <summary>How the pages name a state.</summary>
    public static string DisplayName(this DepartmentFieldStatus status) => status switch
    {
        DepartmentFieldStatus.Submitted => "已报送",
        DepartmentFieldStatus.Accepted => "已采纳",
        DepartmentFieldStatus.Returned => "已退回",
        _ => "待报送",
    };

    /// <summary>Whether the department may still change the field (not waiting for the county, not taken).</summary>
    public static bool IsWithDepartment(this DepartmentFieldStatus status) => status is DepartmentFieldStatus.Open or DepartmentFieldStatus.Returned;
}
