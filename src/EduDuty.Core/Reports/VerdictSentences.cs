using EduDuty.Core.Rules;

namespace EduDuty.Core.Reports;

/// <summary>
/// The sentences of sections 三 and 四 that state a verdict over all the indicators, worded for a 县 (<see cref="DefaultTexts"/>
/// adapts them to 区, 市, 旗): what is said depends on the <see cref="IndicatorTally"/> alone, so that an indicator not filled
/// in or not computable is never counted as met (decision 0035).
/// </summary>
public static class VerdictSentences
{
    /// <summary>Section 三 when every judged indicator has a value and none fails, and the county names no problem.</summary>
    public const string AllMet = "对照评价细则，我县各项评价指标均已达到目标要求，本次自评未发现需要专项整改的问题。我县将巩固已有成果，对照新要求查找不足，持续提升履行教育职责水平。";

    /// <summary>Section 四's lead when section 三 names no problem and every indicator is met.</summary>
    public const string PlansWhenAllMet = "我县将坚持问题导向，巩固已有成果，对照新要求持续查找不足，努力提高政府履行教育职责的能力和水平。";

    /// <summary>Section 四's lead when section 三 names no problem and some indicators are not judged yet.</summary>
    public const string PlansWhenUnknown = "我县将抓紧补齐尚未填报的评价数据，逐项对照评价细则查找问题、制定改进措施，努力提高政府履行教育职责的能力和水平。";

    /// <summary>
    /// Section 三 when some indicators are not judged (none failing, no problem named): "对照评价细则，已填报的40项评价指标
    /// 未发现未达标情况；另有82项评价指标尚未填报，未作判断，待数据填报完整后再逐项对照。" With nothing judged at all it says so.
    /// </summary>
    public static string NoFailingYet(IndicatorTally tally) => tally.Known == 0
        ? $"本次自评的{tally.DescribeUnknown()}，未作判断，待数据填报完整后再逐项对照评价细则查找问题、提出改进措施。"
        : $"对照评价细则，已填报的{tally.Known}项评价指标未发现未达标情况；另有{tally.DescribeUnknown()}，未作判断，待数据填报完整后再逐项对照。";

    /// <summary>
    /// Before section 三's problems when some indicators are not judged: "本次自评，已作判断的40项评价指标中有3项未达到目标要求；
    /// 另有82项评价指标尚未填报，未作判断，待数据填报完整后再逐项对照。"
    /// </summary>
    public static string FailingAndUnknown(IndicatorTally tally) =>
        $"本次自评，已作判断的{tally.Known}项评价指标中有{tally.Failing}项未达到目标要求；另有{tally.DescribeUnknown()}，未作判断，待数据填报完整后再逐项对照。";

    /// <summary>Under a first-level heading whose every paragraph rests on figures not entered yet.</summary>
    public const string SectionWaitsForData = "本部分所依据的数据尚未填报，待数据填报后补充。";
}
