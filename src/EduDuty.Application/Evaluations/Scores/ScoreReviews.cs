using EduDuty.Core.Rules;
using EduDuty.Core.Scoring;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Scores;

/// <summary>What an evaluation's scores are made of beside its figures: the bonus claims with their decisions, and a supervisor's adjustments.</summary>
public sealed record ScoreReview(IReadOnlyList<(string Code, bool? Granted)> Claims, IReadOnlyList<ScoreAdjustment> Adjustments)
{
    public static readonly ScoreReview None = new([], []);

    /// <summary>The self-score (the bonus applied for) as lists show it; null when the scheme does not score or no figure is entered yet.</summary>
    public ScoreCard? SelfScore(EvaluationResult result) => Scores(result) ? Scorer.Score(result, Claims.Select(c => c.Code)) : null;

    /// <summary>The verified score once review has touched the score (<see cref="Scorer.Verified"/>), or null.</summary>
    public ScoreCard? VerifiedScore(EvaluationResult result) => Scores(result) ? Scorer.Verified(result, Claims, Adjustments) : null;

    private static bool Scores(EvaluationResult result) => result.Scheme.Scoring is not null && Scorer.HasFigures(result);
}

/// <summary>The <see cref="ScoreReview"/> of many evaluations, read in two queries (summaries in batches, the all-counties workbook).</summary>
public sealed class ScoreReviews
{
    private readonly ILookup<int, (string Code, bool? Granted)> _claims;
    private readonly ILookup<int, ScoreAdjustment> _adjustments;

    private ScoreReviews(ILookup<int, (string Code, bool? Granted)> claims, ILookup<int, ScoreAdjustment> adjustments)
    {
        _claims = claims;
        _adjustments = adjustments;
    }

    public ScoreReview Of(int evaluationId) => new([.. _claims[evaluationId]], [.. _adjustments[evaluationId]]);

    public static async Task<ScoreReviews> LoadAsync(EduDutyDbContext db, IReadOnlyCollection<int> evaluationIds, CancellationToken cancellationToken)
    {
        var claims = await db.BonusClaims.AsNoTracking().Where(c => evaluationIds.Contains(c.EvaluationId))
            .Select(c => new { c.EvaluationId, c.Code, c.Granted }).ToListAsync(cancellationToken);
        var adjustments = await db.PointsAdjustments.AsNoTracking().Where(a => evaluationIds.Contains(a.EvaluationId))
            .Select(a => new { a.EvaluationId, a.Code, a.Points, a.Reason }).ToListAsync(cancellationToken);
        return new ScoreReviews(
            claims.ToLookup(c => c.EvaluationId, c => (c.Code, c.Granted)),
            adjustments.ToLookup(a => a.EvaluationId, a => new ScoreAdjustment(a.Code, a.Points, a.Reason)));
    }
}
