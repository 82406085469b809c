namespace EduDuty.Data.Entities;

/// <summary>
/// The deadline of one scheme version's year for the counties under one region, set by an admin of that region; a county's
/// deadline is the one of its nearest region that has one. An evaluation may have its own extension.
/// </summary>
public class EvaluationDeadline
{
    public int Id { get; set; }

    public int SchemeId { get; set; }

    public int Year { get; set; }

    public int RegionId { get; set; }

    public Region Region { get; set; } = null!;

    public DateOnly DueDate { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedByUserId { get; set; }
}
