namespace EduDuty.Core.Rectification;

/// <summary>Where a rectification task (整改任务) stands.</summary>
public enum RectificationStatus
{
    NotStarted = 0,
    InProgress = 1,
    Done = 2,

    /// <summary>Cannot be completed; the county must say why.</summary>
    CannotComplete = 3,
}

/// <summary>Where a task came from: the county's own problem item, a failing indicator's automatic item, or a supervisor's requirement at approval.</summary>
public enum RectificationSource
{
    County = 0,
    Automatic = 1,
    Supervisor = 2,
}

public static class RectificationStatuses
{
    public static string DisplayName(this RectificationStatus status) => status switch
    {
        RectificationStatus.NotStarted => "未开始",
        RectificationStatus.InProgress => "整改中",
        RectificationStatus.Done => "已完成",
        _ => "无法完成",
    };

    public static string DisplayName(this RectificationSource source) => source switch
    {
        RectificationSource.County => "县级自查",
        RectificationSource.Automatic => "未达标指标",
        _ => "督导整改意见",
    };

    /// <summary>The states in which something is still expected of the county (what a query for overdue tasks selects).</summary>
    public static readonly IReadOnlyList<RectificationStatus> Open = Enum.GetValues<RectificationStatus>().Where(s => !s.IsClosed()).ToList();

    /// <summary>Done or declared impossible: nothing more is expected, so it is never overdue.</summary>
    public static bool IsClosed(this RectificationStatus status) => status is RectificationStatus.Done or RectificationStatus.CannotComplete;

    /// <summary>Past its due date (China time) and not closed.</summary>
    public static bool IsOverdue(RectificationStatus status, DateOnly? due, DateOnly today) => !status.IsClosed() && due is { } d && d < today;
}
