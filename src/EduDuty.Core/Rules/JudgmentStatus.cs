namespace EduDuty.Core.Rules;

public enum JudgmentStatus
{
    /// <summary>No value: an input not filled in.</summary>
    NotEntered,

    /// <summary>No value: a computed field whose inputs are missing or unusable (the reason says which), or a division by zero.</summary>
    NotComputable,

    /// <summary>A value that is reported only: the field has no threshold.</summary>
    None,

    Pass,

    Fail,

    /// <summary>A consistency check that does not hold: a data-entry warning, never a judgment.</summary>
    Warning,
}

public static class JudgmentStatuses
{
    /// <summary>Whether the field has a value at all: not entered and not computable are the two kinds of "no value".</summary>
    public static bool HasValue(this JudgmentStatus status) => status is not (JudgmentStatus.NotEntered or JudgmentStatus.NotComputable);

    /// <summary>The word used in the CLI JSON and the golden file.</summary>
    public static string Code(this JudgmentStatus status) => status switch
    {
        JudgmentStatus.Pass => "pass",
        JudgmentStatus.Fail => "fail",
        JudgmentStatus.Warning => "warning",
        _ => "none",
    };

    /// <summary>The badge text on every page and in the report.</summary>
    public static string DisplayName(this JudgmentStatus status) => status switch
    {
        JudgmentStatus.Pass => "达标",
        JudgmentStatus.Fail => "未达标",
        JudgmentStatus.Warning => "提示",
        JudgmentStatus.None => "仅报告",
        JudgmentStatus.NotComputable => "无法计算",
        _ => "未填",
    };
}
