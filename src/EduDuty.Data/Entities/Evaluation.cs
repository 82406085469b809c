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

    /// <summary>
    /// The county's internal deadline for its departments (内部截止日期, issue 30), on or before the year's deadline; null when
    /// none is set. A department still working after it is named late on the county's to-do.
    /// </summary>
    public DateOnly? DepartmentDeadline { get; set; }

    /// <summary>When the county last handed it in; null while it never was.</summary>
    public DateTime? SubmittedAtUtc { get; set; }

    public List<FigureValue> Figures { get; set; } = [];

    public List<AreaNarrative> Narratives { get; set; } = [];
}
