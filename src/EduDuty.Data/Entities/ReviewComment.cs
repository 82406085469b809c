namespace EduDuty.Data.Entities;

public enum CommentTarget
{
    Evaluation = 0,
    Area = 1,
    Indicator = 2,
}

/// <summary>
/// A supervisor's or county's remark on an indicator, an area or the whole evaluation. A comment without a parent opens a
/// thread; <see cref="IsReturnReason"/> marks the reasons given when the evaluation was returned.
/// </summary>
public class ReviewComment
{
    public long Id { get; set; }

    public int EvaluationId { get; set; }

    public long? ParentId { get; set; }

    public CommentTarget TargetKind { get; set; }

    /// <summary>Field code or area key; null for the whole evaluation.</summary>
    public string? Target { get; set; }

    public required string Text { get; set; }

    public required string AuthorId { get; set; }

    public required string AuthorDisplayName { get; set; }

    public required string AuthorRole { get; set; }

    public DateTime AtUtc { get; set; }

    public bool IsReturnReason { get; set; }

    public bool IsResolved { get; set; }
}
