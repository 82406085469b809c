using EduDuty.Core.Text;

namespace EduDuty.Core.Surveys;

/// <summary>Where a survey round stands on a day.</summary>
public enum RoundPhase
{
    /// <summary>未开始: before its first day.</summary>
    NotYetOpen,

    /// <summary>进行中: answers are taken.</summary>
    Open,

    /// <summary>已结束: after its last day, or closed early.</summary>
    Closed,
}

/// <summary>The one rule of when a round takes answers and problem reports: China dates, both ends included, unless closed early.</summary>
public static class RoundState
{
    public static RoundPhase Phase(DateOnly opensOn, DateOnly closesOn, DateTime? closedEarlyAtUtc, DateTimeOffset now)
    {
        if (closedEarlyAtUtc is { } closed && closed <= now.UtcDateTime) return RoundPhase.Closed;
        var today = ChinaTime.DateOf(now);
        return today < opensOn ? RoundPhase.NotYetOpen : today > closesOn ? RoundPhase.Closed : RoundPhase.Open;
    }

    public static string Name(this RoundPhase phase) => phase switch
    {
        RoundPhase.NotYetOpen => "未开始",
        RoundPhase.Open => "进行中",
        _ => "已结束",
    };
}
