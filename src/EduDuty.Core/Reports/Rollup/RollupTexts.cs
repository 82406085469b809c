namespace EduDuty.Core.Reports.Rollup;

/// <summary>
/// The supervisors' words in a region's roll-up report; null means the default (<see cref="RollupDefaults"/>). Paragraph lists
/// hold one paragraph an item. Texts may hold the region's placeholders (<see cref="RegionTemplate"/>).
/// </summary>
public sealed record RollupTexts
{
    public string? Issuer { get; init; }

    public string? Addressee { get; init; }

    /// <summary>The report's own 成文日期; null prints a prompt to fill it in, never the day of the download.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The date by which the counties report their rectification (整改报告), printed by {rectification_due}.</summary>
    public DateOnly? RectificationDue { get; init; }

    /// <summary>Sum up the drafts with figures too: the report is then a 征求意见稿 on every page.</summary>
    public bool IncludeDrafts { get; init; }

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

    /// <summary>The addressee when none is typed: the supervision office above the region, or 上级督导部门 when it is not known.</summary>
    public static string Addressee(string? superior) => superior ?? "上级督导部门";

    /// <summary>The supervision office above a region: its parent's 教育督导委员会办公室, a province's the State Council's.</summary>
    public static string SuperiorOf(string? parent) => parent is null ? "国务院教育督导委员会办公室" : $"{parent}人民政府教育督导委员会办公室";

    /// <summary>What the 成文日期 line says while no date is saved: a prompt, not the day of the download.</summary>
    public const string DatePrompt = "（成文日期未填写，请在综合报告页填写后再下载）";

    /// <summary>The mark every page of a report that sums up drafts carries.</summary>
    public const string ConsultationMark = "征求意见稿";

    public static string ConsultationNotice(int drafts) => $"{ConsultationMark} · 含{drafts}个县（市、区）草稿数据";

    public const string Intro =
        "按照对市县级政府履行教育职责评价工作的统一部署，{region}组织所辖{counties}个县（市、区）开展了{year}年度履行教育职责自评，并对各县（市、区）的自评报告和佐证材料进行了审核。现将评价情况报告如下：";

    /// <summary>
    /// 基本情况: how the evaluation was done (county self-evaluation, the region's review, with the counts the portal knows, and a
    /// blank for the 实地核查 the portal knows nothing of), the counts by state, and the deadline with the counties past it when
    /// a deadline is set.
    /// </summary>
    public static IReadOnlyList<string> Basic(bool hasDeadline) => hasDeadline
        ? [Method, Counts, Review, FieldCheck, "评价截止日期为{deadline}，逾期未提交的县（市、区）{overdue}个：{overdue_names}。"]
        : [Method, Counts, Review, FieldCheck];

    private const string Method =
        "本次评价采取县级自评、{region}审核的方式进行。各县（市、区）对照评价细则在线填报评价数据、撰写自评报告、上传佐证材料，经县级人民政府负责同志审定后提交；{region}人民政府教育督导委员会办公室对提交的自评报告和佐证材料逐项审核，对存在问题的退回修改。";

    private const string Counts =
        "本年度应参评县（市、区）{counties}个。截至目前，已提交自评报告{submitted}个，其中审核通过{approved}个；退回修改{returned}个；尚未提交{not_submitted}个。";

    private const string Review = "各县（市、区）共上传佐证材料{evidence_files}份，审核中退回修改{returns}次。";

    private const string FieldCheck = "实地核查情况：＿＿（请填写核查时间、核查的县（市、区）和学校数量、核查方式及发现的问题）。";

    public const string AchievementsLead = "纳入汇总的{included}个县（市、区）认真履行教育职责，主要成效如下：";

    public const string ProblemsLead = "对照评价标准，纳入汇总的{included}个县（市、区）中，{failing_counties}个仍有指标未达到目标要求，主要是：";

    public const string NoProblems = "对照评价标准，纳入汇总的县（市、区）已填报的评价指标均达到目标要求，本次评价未发现需要专项整改的问题。";

    public static readonly IReadOnlyList<string> Requirements =
    [
        "各有关县（市、区）人民政府要对照本报告指出的问题，逐项制定整改方案，明确责任单位、整改措施和完成时限，切实抓好整改落实，并于{rectification_due}前将整改情况书面报送{region}人民政府教育督导委员会办公室。",
        "整改情况要在下一年度自评报告中专项说明，{region}人民政府教育督导委员会办公室将适时组织复查，对整改不力的予以通报。",
        "各县（市、区）要巩固已有成果，建立健全履行教育职责长效机制，持续提升教育治理水平。",
    ];
}
