namespace EduDuty.Core.Review;

public enum DeadlineKind
{
    /// <summary>No deadline set for the year.</summary>
    None,

    /// <summary>Before or on the (possibly extended) deadline.</summary>
    OnTime,

    /// <summary>A draft past its deadline: read-only until an admin extends it.</summary>
    Late,

    /// <summary>Submitted or approved: the deadline no longer matters.</summary>
    Locked,
}

/// <summary>Where an evaluation stands against its deadline, as the county sees it.</summary>
public sealed record DeadlineState(DeadlineKind Kind, DateOnly? Due, bool Extended, int DaysLeft)
{
    /// <summary>A draft past its deadline cannot be edited or submitted; a returned evaluation always can (the supervisor asked for changes).</summary>
    public bool BlocksDraft => Kind == DeadlineKind.Late;

    /// <summary>
    /// The reminder this deadline is due for today (decision 0041): 7 while 7 days or fewer remain, 1 once 1 day or less
    /// remains (the last day included), null otherwise. A reminder is sent once per user, deadline and threshold, so a
    /// deadline set 4 days ahead reminds at once and again on its last day, and a moved deadline reminds afresh.
    /// </summary>
    public int? ReminderThreshold => Kind != DeadlineKind.OnTime ? null
        : DaysLeft <= 1 ? 1
        : DaysLeft <= 7 ? 7
        : null;

    public string Describe() => Kind switch
    {
        DeadlineKind.Locked => "已锁定",
        DeadlineKind.Late => $"已逾期（截止 {Text.ChinaTime.Date(Due!.Value)}），如需继续填报请联系管理员延期",
        DeadlineKind.OnTime when DaysLeft == 0 => $"今天截止{(Extended ? "（已延期）" : string.Empty)}",
        DeadlineKind.OnTime => $"距截止还有 {DaysLeft} 天（{Text.ChinaTime.Date(Due!.Value)}{(Extended ? "，已延期" : string.Empty)}）",
        _ => "未设截止日期",
    };

    /// <summary>
    /// The year deadline that applies to a county: the one set for the deepest region on its path (a county's city over its
    /// province). <c>EvaluationClaim.Headers</c> asks the database the same for one evaluation at a time; this answers it for a
    /// region's counties from the region's few deadline rows.
    /// </summary>
    public static DateOnly? YearDeadlineFor(string countyPath, IEnumerable<(string RegionPath, DateOnly Due)> deadlines)
    {
        (string? Path, DateOnly Due) deepest = (null, default);
        foreach (var (path, due) in deadlines)
            if (Regions.RegionPaths.Covers(path, countyPath) && path.Length > (deepest.Path?.Length ?? -1)) deepest = (path, due);
        return deepest.Path is null ? null : deepest.Due;
    }

    /// <summary>
    /// Why a year's deadline looks like a slip (a day already past, or one before the evaluated year is over, so that the
    /// counties could not report the whole year), or null when it does not: the admin is asked to confirm it.
    /// </summary>
    public static string? Unusual(DateOnly due, int year, DateOnly today)
    {
        if (due < today) return $"截止日期 {Text.ChinaTime.Date(due)} 已经过去，设置后未提交的县将立即不能填报";
        var yearEnd = new DateOnly(year, 12, 31);
        return due < yearEnd ? $"截止日期 {Text.ChinaTime.Date(due)} 早于 {year} 年度结束（{Text.ChinaTime.Date(yearEnd)}）" : null;
    }

    public static DeadlineState Of(EvaluationStatus status, DateOnly? due, DateOnly? extendedTo, DateOnly today)
    {
        if (status is EvaluationStatus.Submitted or EvaluationStatus.Approved) return new(DeadlineKind.Locked, due, false, 0);
        var effective = (due, extendedTo) switch
        {
            (null, null) => (DateOnly?)null,
            (null, var e) => e,
            (var d, null) => d,
            (var d, var e) => d > e ? d : e,
        };
        if (effective is not { } end) return new(DeadlineKind.None, null, false, 0);
        var extended = extendedTo is { } x && (due is null || x > due);
        var days = end.DayNumber - today.DayNumber;
        return days < 0 && status == EvaluationStatus.Draft
            ? new(DeadlineKind.Late, end, extended, days)
            : new(DeadlineKind.OnTime, end, extended, Math.Max(days, 0));
    }
}
