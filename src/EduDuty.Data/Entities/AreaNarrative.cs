namespace EduDuty.Data.Entities;

/// <summary>The county's own words for one area (section 二 of the report), with live figure placeholders.</summary>
public class AreaNarrative
{
    public int Id { get; set; }

    public int EvaluationId { get; set; }

    public required string AreaKey { get; set; }

    public required string Text { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    /// <summary>Concurrency token: raised by every change, checked by every save (decision 0007).</summary>
    public int Version { get; set; }
}
