namespace EduDuty.Data.Entities;

/// <summary>
/// A region's roll-up report texts (综合报告) for a year and scheme, as its supervisors edited them: the texts as JSON in the
/// roll-up texts format (docs/rollup-report.md), null members meaning the defaults. <see cref="Version"/> detects two
/// supervisors saving over each other.
/// </summary>
public class RollupReport
{
    public int Id { get; set; }

    public int RegionId { get; set; }

    public int Year { get; set; }

    public int SchemeId { get; set; }

    public required string TextsJson { get; set; }

    public int Version { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedByUserId { get; set; }
}
