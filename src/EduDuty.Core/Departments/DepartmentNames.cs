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

    /// <summary>
    /// What is wrong with a department's name as a lead types it or a users file names it (issue 30), or null: 1 to
    /// <see cref="MaxLength"/> characters on one line, not only spaces, no invisible (format) character, and not the education bureau's own name (its fields
    /// are the county's officials', who need no department).
    /// </summary>
    public static string? Problem(string? name)
    {
        var trimmed = (name ?? string.Empty).Trim();
        if (trimmed.Length == 0) return "请填写部门名称，如 财政局";
        if (trimmed.Length > MaxLength) return $"部门名称 “{trimmed}” 有 {trimmed.Length} 个字，最多 {MaxLength} 个字，请缩短";
        if (!Text.PlainText.IsSingleLine(trimmed) || trimmed.Any(char.IsControl)) return "部门名称中含有换行或不可见的控制字符，请删除";
        // A name is matched by exact text (the scheme's department, one name per county): an invisible character (U+200B,
        // U+FEFF, U+00AD …, which the general text rule lets through) would make a second “财政局” that looks like the first.
        if (trimmed.Any(IsInvisible)) return "部门名称中含有看不见的字符（如零宽空格，常见于从其他软件复制的文字），请删除后重新输入";
        if (trimmed == Education) return $"{Education}的数据由县级填报人员填写，不需要作为部门新建；请填写其他部门的名称";
        return null;
    }

    private static bool IsInvisible(char c) => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;
}
