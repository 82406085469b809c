using EduDuty.Core.Rectification;

namespace EduDuty.Data.Entities;

/// <summary>
/// A problem found when an evaluation was approved, tracked to rectification (整改) by its county through the year; next year's
/// report tells how far it got (issue 16).
/// </summary>
public class RectificationTask
{
    public int Id { get; set; }

    /// <summary>The approved evaluation whose report named the problem.</summary>
    public int EvaluationId { get; set; }

    public Evaluation Evaluation { get; set; } = null!;

    /// <summary>Order within the evaluation: the report's items first, then the supervisor's requirements.</summary>
    public int Number { get; set; }

    public RectificationSource Source { get; set; }

    public required string Problem { get; set; }

    /// <summary>The planned measures (改进措施) as the report printed them.</summary>
    public string? Measures { get; set; }

    /// <summary>The failing indicators the problem covers, comma-separated ("A10.03,A10.06"), when it names any.</summary>
    public string? Codes { get; set; }

    public string? ResponsibleUnit { get; set; }

    public DateOnly? DueDate { get; set; }

    public RectificationStatus Status { get; set; }

    /// <summary>Why it cannot be completed (required for <see cref="RectificationStatus.CannotComplete"/>).</summary>
    public string? Reason { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    /// <summary>Concurrency token: raised by every change, checked by every save (decision 0007).</summary>
    public int Version { get; set; }

    public List<RectificationNote> Notes { get; set; } = [];
}

/// <summary>A dated progress note on a task (整改进展), never edited.</summary>
public class RectificationNote
{
    public long Id { get; set; }

    public int TaskId { get; set; }

    public required string Text { get; set; }

    public required string UserId { get; set; }

    public required string UserDisplayName { get; set; }

    public DateTime AtUtc { get; set; }
}

/// <summary>
/// A file the county attached to a task as evidence of its rectification (整改佐证). Its bytes live once per content in
/// <see cref="EvidenceBlob"/>, shared with the evaluation's own evidence; the approved evaluation itself stays locked.
/// </summary>
public class RectificationEvidence
{
    public int Id { get; set; }

    public int TaskId { get; set; }

    public RectificationTask Task { get; set; } = null!;

    public required string Title { get; set; }

    /// <summary>The uploaded file's name, cleaned; for display and download only.</summary>
    public required string FileName { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex: the key of its <see cref="EvidenceBlob"/>.</summary>
    public required string ContentHash { get; set; }

    public long Length { get; set; }

    public Core.Evidence.EvidenceKind Kind { get; set; }

    public required string UploadedByUserId { get; set; }

    public required string UploadedByName { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}
