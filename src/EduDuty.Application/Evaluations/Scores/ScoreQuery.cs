using EduDuty.Core.Scoring;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Scores;

/// <summary>
/// A county's scores under a scheme that scores: the self-score (the bonus it applied for), and once a supervisor has decided
/// a claim or adjusted an indicator, the verified score (the bonus granted, the adjustments), with the claims, the proof
/// attached to each bonus item (evidence targeted at its code) and the adjustments.
/// </summary>
public sealed record ScoreView(
    ScoreCard Self, ScoreCard? Verified, IReadOnlyList<BonusClaim> Claims, ILookup<string, EvidenceFile> BonusEvidence, IReadOnlyList<PointsAdjustment> Adjustments);

public sealed class ScoreQuery(EduDutyDbContext db)
{
    /// <summary>Null when the evaluation's scheme does not score (SX-2021 as published).</summary>
    public async Task<ScoreView?> LoadAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (workspace.Scheme.Scoring is null) return null;
        var claims = await db.BonusClaims.AsNoTracking().Where(c => c.EvaluationId == workspace.Id).OrderBy(c => c.Code).ToListAsync(cancellationToken);
        var codes = workspace.Scheme.Scoring.Bonus.Select(b => b.Code).ToList();
        var proof = (await db.EvidenceFiles.AsNoTracking().Where(f => f.EvaluationId == workspace.Id && f.AreaKey == null && f.FieldCode != null && codes.Contains(f.FieldCode))
            .OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id).ToListAsync(cancellationToken)).ToLookup(f => f.FieldCode!);
        var adjustments = await db.PointsAdjustments.AsNoTracking().Where(a => a.EvaluationId == workspace.Id).OrderBy(a => a.Code).ToListAsync(cancellationToken);
        var self = Scorer.Score(workspace.Result, claims.Select(c => c.Code));
        var verified = Scorer.Verified(workspace.Result, claims.Select(c => (c.Code, c.Granted)).ToList(), adjustments.Select(a => new ScoreAdjustment(a.Code, a.Points, a.Reason)).ToList());
        return new ScoreView(self, verified, claims, proof, adjustments);
    }
}
