namespace EduDuty.Core.Reports.Rollup;

/// <summary>
/// The supervisors' words in a region's roll-up report; null means the default (<see cref="RollupDefaults"/>). Paragraph lists
/// hold one paragraph an item. Texts may hold the region's placeholders (<see cref="RegionTemplate"/>).
/// </summary>
public sealed record RollupTexts
{
    public string? Issuer { get; init; }

    public string? Addressee { get; init; }

    public DateOnly? Date { get; init; }

    public string? Intro { get; init; }

    public IReadOnlyList<string>? Basic { get; init; }

    public string? AchievementsLead { get; init; }

    public string? ProblemsLead { get; init; }

    public IReadOnlyList<string>? Requirements { get; init; }
}

/// <summary>What a roll-up report says before its supervisors change anything, worded for any region (city or province).</summary>
public static class RollupDefaults
{
    public static string Issuer(string region) => $"{region}人民政府教育督导委员会办公室";

    public const string Intro =
        "按照对市县级政府履行教育职责评价工作的统一部署，{region}组织所辖{counties}个县（市、区）开展了{year}年度履行教育职责自评，并对各县（市、区）的自评报告和佐证材料进行了审核。现将评价情况报告如下：";

    /// <summary>基本情况: the counts by state, and the deadline with the counties past it when a deadline is set (no blank to fill).</summary>
    public static IReadOnlyList<string> Basic(bool hasDeadline) => hasDeadline
        ? [Counts, "评价截止日期为{deadline}，逾期未提交的县（市、区）{overdue}个：{overdue_names}。"]
        : [Counts];

    private const string Counts =
        "本年度应参评县（市、区）{counties}个。截至目前，已提交自评报告{submitted}个，其中审核通过{approved}个；退回修改{returned}个；尚未提交{not_submitted}个。";

    public const string AchievementsLead = "各县（市、区）认真履行教育职责，以下指标所有已填报的县（市、区）均达到目标要求：";

    public const string NoAchievements = "本年度暂无所有已填报的县（市、区）均达到目标要求的量化指标。";

    public const string ProblemsLead = "对照评价标准，{failing_counties}个县（市、区）仍有指标未达到目标要求，主要是：";

    public const string NoProblems = "对照评价标准，各县（市、区）已填报的评价指标均达到目标要求，本次评价未发现需要专项整改的问题。";

    public static readonly IReadOnlyList<string> Requirements =
    [
        "各有关县（市、区）人民政府要对照本报告指出的问题，逐项制定整改方案，明确责任单位、整改措施和完成时限，切实抓好整改落实。",
        "整改情况要在下一年度自评报告中专项说明，{region}人民政府教育督导委员会办公室将适时组织复查，对整改不力的予以通报。",
        "各县（市、区）要巩固已有成果，建立健全履行教育职责长效机制，持续提升教育治理水平。",
    ];
}
