using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Scoring;

/// <summary>
/// Turns an evaluation's judgments into points (issue 16). The same rules give the county's self-score (the bonus it applies
/// for) and the verified score (the bonus a supervisor granted, and the supervisor's adjustments).
/// </summary>
public static class Scorer
{
    /// <param name="bonus">The bonus items counted: applied for (self-score) or granted (verified score).</param>
    /// <param name="adjustments">A supervisor's points per indicator, replacing the computed ones (verified score).</param>
    public static ScoreCard Score(EvaluationResult result, IEnumerable<string> bonus, IReadOnlyList<ScoreAdjustment>? adjustments = null)
    {
        var scheme = result.Scheme;
        var rules = scheme.Scoring ?? throw new InvalidOperationException($"方案 {scheme.Code} 没有计分规则");
        var adjusted = (adjustments ?? []).ToDictionary(a => a.Code, StringComparer.Ordinal);
        var indicators = scheme.Fields.Where(f => f.Points is not null).Select(f =>
        {
            var computed = Points(result[f.Code], f.Points!, rules);
            return adjusted.TryGetValue(f.Code, out var a)
                ? computed with { Points = rules.Round(Math.Clamp(a.Points, 0, f.Points!.Full)), Reason = $"核定调整：{a.Reason}" }
                : computed;
        }).ToList();
        var areas = scheme.EvaluationAreas
            .Select(area => new AreaScore(area, indicators.Where(i => i.Field.AreaKey == area.Key).Sum(i => i.Full), indicators.Where(i => i.Field.AreaKey == area.Key).Sum(i => i.Points)))
            .Where(a => a.Full > 0).ToList();
        var bonusItems = bonus.Distinct(StringComparer.Ordinal).Select(rules.FindBonus).OfType<BonusItem>().ToList();
        var bonusPoints = bonusItems.Sum(b => b.Points);
        if (rules.BonusCap is { } cap) bonusPoints = Math.Min(bonusPoints, cap);
        var total = indicators.Sum(i => i.Points) + bonusPoints;
        var earned = rules.GradeOf(total);
        var vetoes = rules.Vetoes.Where(v => result[v.Field].Value is { Type: FieldValueType.Flag } value && value.Flag == v.When).ToList();
        var grade = vetoes.Aggregate(earned, (g, v) => rules.Lower(g, rules.Grades.Single(b => b.Name == v.CapGrade)));
        return new ScoreCard(rules, indicators, areas, indicators.Sum(i => i.Points), indicators.Sum(i => i.Full), bonusItems, bonusPoints, vetoes, earned, grade);
    }

    /// <summary>
    /// Whether a score says anything yet: some figure is entered (or carried). An evaluation nobody has touched would score 0
    /// and the lowest grade, which lists would read as a judgment of the county.
    /// </summary>
    public static bool HasFigures(EvaluationResult result) => result.Results.Any(r => r.HasValue);

    /// <summary>
    /// The verified score (核定得分) once review has touched the score — a claim decided or an indicator adjusted — from the
    /// bonus granted and the adjustments; null before, when the self-score is all there is.
    /// </summary>
    public static ScoreCard? Verified(EvaluationResult result, IReadOnlyCollection<(string Code, bool? Granted)> claims, IReadOnlyList<ScoreAdjustment> adjustments) =>
        claims.Any(c => c.Granted is not null) || adjustments.Count > 0
            ? Score(result, claims.Where(c => c.Granted == true).Select(c => c.Code), adjustments)
            : null;

    private static IndicatorScore Points(FieldResult result, PointsRule rule, ScoringRules rules)
    {
        IndicatorScore Scored(decimal points, string reason) => new(result.Field, rule.Full, rules.Round(Math.Clamp(points, 0, rule.Full)), reason);
        switch (result.Status)
        {
            case JudgmentStatus.Pass:
                return Scored(rule.Full, "达标");
            case JudgmentStatus.Fail:
                break;
            default:
                return Scored(0, "未填报或无法计算，不得分");
        }

        var threshold = result.Field.Threshold!;
        if (rule.Deduct == DeductionKind.Fixed || threshold.Number is not { } target || result.DisplayNumber is not { } value)
            return Scored(rule.Full - rule.Amount, $"未达标，扣{DisplayFormat.Compact(Math.Min(rule.Amount, rule.Full), rules.Precision)}分");

        if (rule.Deduct == DeductionKind.PerUnit)
        {
            var shortfall = Math.Abs(target - value);
            var deduction = rules.Round(rule.Amount * shortfall / rule.Unit);
            return Scored(rule.Full - deduction, $"未达标，差{DisplayFormat.Compact(shortfall, result.Field.Precision)}{result.Field.Unit}，扣{DisplayFormat.Compact(Math.Min(deduction, rule.Full), rules.Precision)}分");
        }

        // Proportional: the share of the target reached; for an upper limit, the target's share of the value.
        var upper = threshold.Op is ComparisonOp.AtMost or ComparisonOp.LessThan;
        var ratio = upper ? (value == 0 ? 1 : target / value) : (target == 0 ? 0 : value / target);
        return Scored(rule.Full * ratio, $"未达标，按完成比例得分");
    }
}
