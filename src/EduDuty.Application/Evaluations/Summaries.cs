using EduDuty.Application.Evaluations.Scores;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations;

/// <summary>
/// Keeps <see cref="EvaluationSummary"/> equal to what the rule engine makes of the stored figures: one evaluation inside the
/// guarded write's transaction (<see cref="Content.ContentWriter"/>), and in batches the evaluations whose summary is missing or
/// was computed under another scheme text (new evaluations, a scheme changed in place, a database from before summaries).
/// </summary>
public static class Summaries
{
    private const int Batch = 200;

    /// <summary>Stages the summary of one evaluation from the figures stored now (the caller saves, in its transaction).</summary>
    public static Task RefreshAsync(EduDutyDbContext db, int evaluationId, Scheme scheme, string schemeHash, DateTime nowUtc, CancellationToken cancellationToken) =>
        RefreshAsync(db, [evaluationId], scheme, schemeHash, nowUtc, cancellationToken);

    /// <summary>
    /// Stages the summaries of evaluations under one scheme from the figures stored now, in three queries whatever their number
    /// (a few hundred at a time: a year's drafts carried forward); the caller saves, in its transaction.
    /// </summary>
    public static async Task RefreshAsync(
        EduDutyDbContext db, IReadOnlyCollection<int> evaluationIds, Scheme scheme, string schemeHash, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var figures = (await db.FigureValues.AsNoTracking().Where(f => evaluationIds.Contains(f.EvaluationId)).ToListAsync(cancellationToken)).ToLookup(f => f.EvaluationId);
        var reviews = scheme.Scoring is null ? null : await ScoreReviews.LoadAsync(db, evaluationIds, cancellationToken);
        var existing = await db.Summaries.Where(s => evaluationIds.Contains(s.EvaluationId)).ToDictionaryAsync(s => s.EvaluationId, cancellationToken);
        var engine = RuleEngine.For(scheme);
        foreach (var id in evaluationIds)
        {
            if (!existing.TryGetValue(id, out var summary)) db.Summaries.Add(summary = new EvaluationSummary { EvaluationId = id, SchemeHash = schemeHash });
            Assign(summary, engine.Evaluate(figures[id].ToValues()), reviews?.Of(id) ?? ScoreReview.None, schemeHash, nowUtc);
        }
    }

    /// <summary>
    /// Stages the summary of one evaluation from the rules' result on its figures as the caller's write leaves them (read and
    /// judged once by that write, not stored yet): one query for the summary row (and the score reviews under a scheme that
    /// scores); the caller saves.
    /// </summary>
    public static async Task StageAsync(
        EduDutyDbContext db, int evaluationId, EvaluationResult result, string schemeHash, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var reviews = result.Scheme.Scoring is null ? null : await ScoreReviews.LoadAsync(db, [evaluationId], cancellationToken);
        var summary = await db.Summaries.SingleOrDefaultAsync(s => s.EvaluationId == evaluationId, cancellationToken);
        if (summary is null) db.Summaries.Add(summary = new EvaluationSummary { EvaluationId = evaluationId, SchemeHash = schemeHash });
        Assign(summary, result, reviews?.Of(evaluationId) ?? ScoreReview.None, schemeHash, nowUtc);
    }

    /// <summary>Computes and saves every summary that is missing or stale, optionally only for one scheme; returns how many.</summary>
    public static async Task<int> RefreshStaleAsync(EduDutyDbContext db, StoredSchemes schemes, DateTime nowUtc, int? schemeId = null, CancellationToken cancellationToken = default)
    {
        var refreshed = 0;
        while (true)
        {
            var stale = await db.Evaluations.AsNoTracking()
                .Where(e => schemeId == null || e.SchemeId == schemeId)
                .Where(e => !db.Summaries.Any(s => s.EvaluationId == e.Id && s.SchemeHash == e.Scheme.ContentHash))
                .OrderBy(e => e.Id).Take(Batch)
                .Select(e => new { e.Id, e.SchemeId, e.Scheme.ContentHash }).ToListAsync(cancellationToken);
            if (stale.Count == 0) return refreshed;

            var ids = stale.Select(e => e.Id).ToList();
            var figures = (await db.FigureValues.AsNoTracking().Where(f => ids.Contains(f.EvaluationId)).ToListAsync(cancellationToken)).ToLookup(f => f.EvaluationId);
            var existing = await db.Summaries.Where(s => ids.Contains(s.EvaluationId)).ToDictionaryAsync(s => s.EvaluationId, cancellationToken);
            var reviews = await ScoreReviews.LoadAsync(db, ids, cancellationToken);
            foreach (var evaluation in stale)
            {
                var scheme = await schemes.GetAsync(db, evaluation.SchemeId, evaluation.ContentHash, cancellationToken);
                if (!existing.TryGetValue(evaluation.Id, out var summary))
                    db.Summaries.Add(summary = new EvaluationSummary { EvaluationId = evaluation.Id, SchemeHash = evaluation.ContentHash });
                Assign(summary, RuleEngine.For(scheme).Evaluate(figures[evaluation.Id].ToValues()), reviews.Of(evaluation.Id), evaluation.ContentHash, nowUtc);
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            refreshed += stale.Count;
        }
    }

    /// <summary>The stored summary as the rules' record of it.</summary>
    public static ResultSummary ToResult(this EvaluationSummary s) =>
        Read(s.RequiredFilled, s.Required, s.OptionalFilled, s.Optional, s.FailingCodes, s.Warnings, s.JudgedValues);

    /// <summary>A summary from its stored columns (read by a query that selects them beside other things).</summary>
    public static ResultSummary Read(int requiredFilled, int required, int optionalFilled, int optional, string failingCodes, int warnings, string? judgedValues) =>
        new(requiredFilled, required, optionalFilled, optional, ResultSummary.ParseCodes(failingCodes), warnings,
            new PackedValues(judgedValues)); // parsed a code at a time, as lists ask

    // The judged summary, and under a scheme that scores the self-score (bonus applied for) and the verified score, with grades.
    private static void Assign(EvaluationSummary row, EvaluationResult result, ScoreReview review, string schemeHash, DateTime nowUtc)
    {
        var score = review.SelfScore(result);
        var verified = review.VerifiedScore(result);
        row.Score = score?.Total;
        row.Grade = score?.Grade.Name;
        row.VerifiedScore = verified?.Total;
        row.VerifiedGrade = verified?.Grade.Name;
        var summary = ResultSummary.Of(result);
        row.RequiredFilled = summary.RequiredFilled;
        row.Required = summary.Required;
        row.OptionalFilled = summary.OptionalFilled;
        row.Optional = summary.Optional;
        row.FailingCount = summary.FailingCount;
        row.Warnings = summary.Warnings;
        row.FailingCodes = ResultSummary.FormatCodes(summary.FailingCodes);
        row.JudgedValues = ResultSummary.FormatValues(summary.JudgedValues);
        row.SchemeHash = schemeHash;
        row.UpdatedAtUtc = nowUtc;
    }
}
