using EduDuty.Core.Review;

namespace EduDuty.Data.Entities;

/// <summary>A county's evaluation for one year under one scheme version.</summary>
public class Evaluation
{
    public int Id { get; set; }

    public int CountyId { get; set; }

    public Region County { get; set; } = null!;

    public int Year { get; set; }

    public int SchemeId { get; set; }

    public SchemeRecord Scheme { get; set; } = null!;

    public EvaluationStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>This county's extension of the year's deadline, set by an admin; null when none.</summary>
    public DateOnly? ExtendedTo { get; set; }

    /// <summary>When the county last handed it in; null while it never was.</summary>
    public DateTime? SubmittedAtUtc { get; set; }

    public List<FigureValue> Figures { get; set; } = [];

    public List<AreaNarrative> Narratives { get; set; } = [];
}
