namespace EduDuty.Data.Entities;

/// <summary>A bonus item a county applies for (申请加分) with its reason, and the supervisor's decision on it (issue 16).</summary>
public class BonusClaim
{
    public int Id { get; set; }

    public int EvaluationId { get; set; }

    /// <summary>The scheme's bonus item code ("J01").</summary>
    public required string Code { get; set; }

    public required string Reason { get; set; }

    public required string AppliedByName { get; set; }

    public DateTime AppliedAtUtc { get; set; }

    /// <summary>Null: not decided yet; true: granted; false: refused (with <see cref="DecisionReason"/>).</summary>
    public bool? Granted { get; set; }

    public string? DecisionReason { get; set; }

    public string? DecidedByName { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    /// <summary>Concurrency token: raised by every change, checked by every save (decision 0007).</summary>
    public int Version { get; set; }
}

/// <summary>A supervisor's verified points for one indicator, replacing the computed ones, with the reason (核定调整).</summary>
public class PointsAdjustment
{
    public int Id { get; set; }

    public int EvaluationId { get; set; }

    public required string Code { get; set; }

    public decimal Points { get; set; }

    public required string Reason { get; set; }

    public required string ByName { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>Concurrency token: raised by every change, checked by every save; the page posts the one it showed (issue 24).</summary>
    public int Version { get; set; }
}
