namespace EduDuty.Core.Surveys;

/// <summary>Where a problem report (问题线索) stands with the supervisors who check it.</summary>
public enum ProblemStatus
{
    /// <summary>待核实: received, not yet checked.</summary>
    Pending = 0,

    /// <summary>属实: checked and found true.</summary>
    Confirmed = 1,

    /// <summary>不属实: checked and found untrue.</summary>
    Unfounded = 2,

    /// <summary>已转办: handed to the office responsible.</summary>
    Referred = 3,
}

/// <summary>The one place problem reports have their words, categories and bounds.</summary>
public static class ProblemReports
{
    public const int MaxText = 2000;
    public const int MaxContact = 50;
    public const int MaxNote = 1000;

    /// <summary>The categories the public form offers (the last, 其他, for anything else).</summary>
    public static readonly IReadOnlyList<string> Categories =
        ["教育经费投入", "教师待遇与编制", "招生入学", "教育收费", "校园安全", "办学条件", "师德师风", "课后服务与减负", "其他"];

    public static string Name(this ProblemStatus status) => status switch
    {
        ProblemStatus.Pending => "待核实",
        ProblemStatus.Confirmed => "属实",
        ProblemStatus.Unfounded => "不属实",
        ProblemStatus.Referred => "已转办",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
