namespace EduDuty.Core.Departments;

/// <summary>The names of the county offices that own figures (issue 30): how schemes and counties name them.</summary>
public static class DepartmentNames
{
    /// <summary>The county's education bureau: the county's own officials, the owner of every field no department owns.</summary>
    public const string Education = "教育局";

    /// <summary>A department's name is at most this long (the scheme's <c>department</c>, a county's department).</summary>
    public const int MaxLength = 20;

    /// <summary>
    /// The offices a county usually asks, in the order a lead's list offers them. A county may name others (a name up to
    /// <see cref="MaxLength"/> characters); a scheme's <c>department</c> matches a county's department by exact name.
    /// </summary>
    public static readonly IReadOnlyList<string> Standard =
    [
        "财政局", "人社局", "编办", "发改局", "自然资源局", "住建局", "卫健委", "公安局", "市场监管局", "民政局", "统计局", "残联",
        "组织部", "团委", "妇联",
    ];
}
