namespace EduDuty.Core.Messaging;

// Problem reports (问题线索, issue 31 part D): the public form and the supervisors' steps.
public static partial class Messages
{
    /// <summary>404: a problem-report link that does not exist (mistyped, or a questionnaire's link on this form).</summary>
    public static readonly Message ProblemLinkUnknown = NotNow("problem-link-unknown",
        "没有找到这个问题线索反映入口。请核对链接或重新扫描海报上的二维码；如果是满意度问卷的链接，请在问卷页面作答。");

    /// <summary>409: the round of the link is not open (not yet, or over): the phase says which.</summary>
    public static Message ProblemRoundNotOpen(string phase, string opensOn, string closesOn) => NotNow("problem-round-not-open",
        $"本次调查{phase}（开放时间 {opensOn} 至 {closesOn}），现在不能通过这个入口反映问题。开放期间再来，或直接联系上级教育督导部门。",
        ("phase", phase), ("opensOn", opensOn), ("closesOn", closesOn));

    /// <summary>409: one address sent as many reports today as allowed.</summary>
    public static Message ProblemReportsPerAddress(int limit) => NotNow("problem-reports-per-address",
        $"今天从您所在的网络已提交 {limit} 条问题线索，达到每日上限，本条没有保存。请明天再提交；情况紧急的，请直接联系上级教育督导部门。",
        ("limit", limit));

    /// <summary>404: a report that does not exist or is outside the supervisor's region (not told apart).</summary>
    public static readonly Message ProblemReportUnknown = NotNow("problem-report-unknown",
        "没有找到这条问题线索，或它不在您管辖的地区。请从问题线索列表中选择。");

    /// <summary>409: another supervisor changed the report since the page was shown.</summary>
    public static Message ProblemReportMoved(string by, string at) => NotNow("problem-report-moved",
        $"这条问题线索已被{by}于 {at} 更新，本次没有保存。请查看最新的状态和处理记录后再提交。", ("by", by), ("at", at));

    /// <summary>422: a step that changes nothing (same state, no note).</summary>
    public static readonly Message ProblemStepEmpty = NotNow("problem-step-empty",
        "状态没有改变，也没有填写处理意见，没有需要保存的内容。请选择新的状态或填写处理意见。");
}
