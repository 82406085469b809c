using EduDuty.Application.Evaluations.Review;
using EduDuty.Application.Evaluations.Scores;
using EduDuty.Application.Evidence;
using EduDuty.Core.Rectification;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Evaluations;

/// <summary>Everything an evaluation's overview shows besides the workspace itself, read once for the page.</summary>
/// <param name="ReturnReasons">The reasons of the latest return, while the county works on them.</param>
/// <param name="LastStep">The latest review step (who, when, why).</param>
/// <param name="OpenThreads">Comment threads not resolved yet (approving over them needs a tick).</param>
/// <param name="Changes">For a resubmission awaiting review, seen by a reviewer: what the county changed since the return.</param>
/// <param name="EvidenceCitations">Evidence judged 不充分, which the return form cites first (for one who may judge evidence).</param>
/// <param name="LastYearTasks">Last year's rectification tasks, which the county reports on and its reviewers check.</param>
/// <param name="Score">Scores under a scheme that scores; null under SX-2021.</param>
/// <param name="Length">For one who may submit now under a scheme with a length limit: the report's body against it (issue 25).</param>
public sealed record EvaluationOverview(
    IReadOnlyList<ReviewComment> ReturnReasons,
    EvaluationTransition? LastStep,
    int OpenThreads,
    IReadOnlyList<ReturnChange>? Changes,
    IReadOnlyList<(string Target, string Text)> EvidenceCitations,
    (int Year, IReadOnlyList<RectificationItem> Items)? LastYearTasks,
    ScoreView? Score,
    Core.Reports.ReportLength? Length = null);

/// <summary>The overview page's one query: what it shows of an evaluation the viewer may see, for the viewer.</summary>
public sealed class OverviewQuery(
    ReviewTransitions review, ChangesSinceReturn changes, EvidenceOverview evidence, Rectification.RectificationTasks rectification, ScoreQuery scores,
    Report.ReportPage reports)
{
    public async Task<EvaluationOverview> HandleAsync(Workspace workspace, CancellationToken cancellationToken) => new(
        await review.OpenReturnReasonsAsync(workspace, cancellationToken),
        await review.LastStepAsync(workspace.Id, cancellationToken),
        await review.OpenThreadCountAsync(workspace.Id, cancellationToken),
        workspace.Viewer.IsCountyUser ? null : await changes.HandleAsync(workspace, cancellationToken),
        workspace.JudgeEvidence.Allowed ? await evidence.CitationsAsync(workspace, cancellationToken) : [],
        await rectification.OfLastYearAsync(workspace, cancellationToken),
        await scores.LoadAsync(workspace, cancellationToken),
        // Built only when the submit form shows and the scheme sets a limit: the form asks before a body over it is submitted.
        workspace.ReviewPanel.Actions.Any(a => a is { Action: Core.Review.EvaluationAction.Submit, Allowed: true })
            ? await reports.LimitedLengthAsync(workspace, cancellationToken)
            : null);
}
