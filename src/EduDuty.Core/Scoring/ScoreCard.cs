using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Scoring;

/// <summary>One indicator's points, with why it lost any.</summary>
public sealed record IndicatorScore(SchemeField Field, decimal Full, decimal Points, string Reason);

/// <summary>An area's points of its full points.</summary>
public sealed record AreaScore(SchemeArea Area, decimal Full, decimal Points);

/// <summary>A supervisor's change to an indicator's points after review, with the reason recorded (核定调整).</summary>
public sealed record ScoreAdjustment(string Code, decimal Points, string Reason);

/// <summary>
/// A county's score under a scheme with scoring: the indicators' points (after any adjustments), the bonus, the total, the
/// grade it earns and the grade after vetoes. Every number is rounded to the scheme's precision as it is added, so the total
/// is the sum of the printed parts.
/// </summary>
public sealed record ScoreCard(
    ScoringRules Rules,
    IReadOnlyList<IndicatorScore> Indicators,
    IReadOnlyList<AreaScore> Areas,
    decimal Base,
    decimal Full,
    IReadOnlyList<BonusItem> BonusItems,
    decimal Bonus,
    IReadOnlyList<VetoItem> Vetoes,
    GradeBand Earned,
    GradeBand Grade)
{
    public decimal Total => Base + Bonus;

    /// <summary>"自评总得分为87.5分，其中申请加分2分": how a self-evaluation report opens when its scheme scores.</summary>
    public string SelfScoreSentence => $"自评总得分为{DisplayFormat.Compact(Total, Rules.Precision)}分，其中申请加分{DisplayFormat.Compact(Bonus, Rules.Precision)}分";
}
