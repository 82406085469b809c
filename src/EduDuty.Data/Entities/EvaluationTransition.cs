using EduDuty.Core.Review;

namespace EduDuty.Data.Entities;

/// <summary>One step of the review: who moved the evaluation from which state to which, when and why. Never updated.</summary>
public class EvaluationTransition
{
    public long Id { get; set; }

    public int EvaluationId { get; set; }

    public ReviewAction Action { get; set; }

    public EvaluationStatus From { get; set; }

    public EvaluationStatus To { get; set; }

    public required string UserId { get; set; }

    public required string UserDisplayName { get; set; }

    public required string UserRole { get; set; }

    public DateTime AtUtc { get; set; }

    public string? Reason { get; set; }
}
