namespace EduDuty.Data.Entities;

/// <summary>The deadline of one scheme version's year, set by an admin; an evaluation may have its own extension.</summary>
public class EvaluationDeadline
{
    public int Id { get; set; }

    public int SchemeId { get; set; }

    public int Year { get; set; }

    public DateOnly DueDate { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedByUserId { get; set; }
}
