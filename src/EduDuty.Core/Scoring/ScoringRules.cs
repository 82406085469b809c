namespace EduDuty.Core.Scoring;

/// <summary>How an indicator that misses its target loses points (docs/scoring-format.md).</summary>
public enum DeductionKind
{
    /// <summary>A fixed number of points off (<see cref="PointsRule.Amount"/>).</summary>
    Fixed,

    /// <summary><see cref="PointsRule.Amount"/> points for every <see cref="PointsRule.Unit"/> the value is short of the target.</summary>
    PerUnit,

    /// <summary>Points in proportion to how much of the target was reached (value ÷ target, or target ÷ value for an upper limit).</summary>
    Proportional,
}

/// <summary>An indicator's points: <see cref="Full"/> when 达标, less by the deduction otherwise, never below zero.</summary>
public sealed record PointsRule(decimal Full, DeductionKind Deduct, decimal Amount, decimal Unit);

/// <summary>A grade and the lowest total that earns it.</summary>
public sealed record GradeBand(string Name, decimal Min);

/// <summary>Bonus points a county may apply for (申请加分), with a reason and evidence; a supervisor grants or refuses them.</summary>
public sealed record BonusItem(string Code, string Name, decimal Points);

/// <summary>
/// A veto (一票否决): when the yes/no field <see cref="Field"/> has the value <see cref="When"/> (a condition is a derived_bool field),
/// the grade is at most <see cref="CapGrade"/> whatever the total.
/// </summary>
public sealed record VetoItem(string Code, string Name, string Field, bool When, string CapGrade);

/// <summary>
/// The optional scoring part of a scheme: points per indicator (on the fields), bonus items, veto items and grade bands, and
/// the precision every score is rounded to (四舍五入).
/// </summary>
public sealed record ScoringRules(int Precision, IReadOnlyList<GradeBand> Grades, IReadOnlyList<BonusItem> Bonus, decimal? BonusCap, IReadOnlyList<VetoItem> Vetoes)
{
    public decimal Round(decimal value) => Math.Round(value, Precision, MidpointRounding.AwayFromZero);

    /// <summary>The grade a total earns: the first band (highest first) whose minimum it reaches.</summary>
    public GradeBand GradeOf(decimal total) => Grades.OrderByDescending(g => g.Min).FirstOrDefault(g => total >= g.Min) ?? Grades.OrderBy(g => g.Min).First();

    /// <summary>The lower of two grades in band order (a veto's cap against the earned grade).</summary>
    public GradeBand Lower(GradeBand earned, GradeBand cap) => earned.Min <= cap.Min ? earned : cap;

    public BonusItem? FindBonus(string code) => Bonus.FirstOrDefault(b => b.Code == code);
}
