namespace EduDuty.Core.Rules;

public enum JudgmentStatus
{
    /// <summary>No value: an input not filled in, or a derived value that cannot be computed.</summary>
    NotEntered,

    /// <summary>A value that is reported only: the field has no threshold.</summary>
    None,

    Pass,

    Fail,

    /// <summary>A consistency check that does not hold: a data-entry warning, never a judgment.</summary>
    Warning,
}

public static class JudgmentStatuses
{
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
        _ => "未填",
    };
}
