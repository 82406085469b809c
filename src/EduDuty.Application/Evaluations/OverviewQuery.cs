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
/// <param name="Differences">For a resubmission awaiting review, seen by a reviewer: the submitted edition against the edition
/// handed in before it (decision 0034); null when either predates editions (then <paramref name="Changes"/> is what is shown).</param>
/// <param name="Departments">The departments' parts (issue 30): progress per department for county users and supervisors, and what
/// the lead's submission lists; <see cref="Departments.DepartmentPartsView.None"/> in a county without departments.</param>
public sealed record EvaluationOverview(
    IReadOnlyList<ReviewComment> ReturnReasons,
    EvaluationTransition? LastStep,
    int OpenThreads,
    IReadOnlyList<ReturnChange>? Changes,
    IReadOnlyList<(string Target, string Text)> EvidenceCitations,
    (int Year, IReadOnlyList<RectificationItem> Items)? LastYearTasks,
    ScoreView? Score,
    Core.Reports.ReportLength? Length = null,
    Reports.Editions.EditionComparison? Differences = null,
    Departments.DepartmentPartsView? Departments = null);

/// <summary>The overview page's one query: what it shows of an evaluation the viewer may see, for the viewer.</summary>
public sealed class OverviewQuery(
    Data.EduDutyDbContext db, ReviewTransitions review, ChangesSinceReturn changes, EvidenceOverview evidence, Rectification.RectificationTasks rectification, ScoreQuery scores,
    Report.ReportPage reports,
    Reports.Editions.EditionDifferences differences, WorkspacePageLoader pages, PreviousYear previousYear)
{
    /// <summary>
    /// The page GET: the workspace and the overview, the latest step, the open threads and last year's pick read with the
    /// header (two statements before what only some states show); null when the actor may not see the evaluation.
    /// </summary>
    public async Task<(Workspace Workspace, EvaluationOverview Overview)?> PageAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        if (await pages.LoadAsync(id, actor, review.Facts(), lastYearFigures: false, cancellationToken) is not { } load) return null;
        return (load.Workspace, await BuildAsync(load.Workspace, load.Extra.LastStep, load.Extra.OpenThreads, load.Previous, cancellationToken));
    }

    public async Task<EvaluationOverview> HandleAsync(Workspace workspace, CancellationToken cancellationToken) =>
        await BuildAsync(workspace, await review.LastStepAsync(workspace.Id, cancellationToken), await review.OpenThreadCountAsync(workspace.Id, cancellationToken),
            await previousYear.WhichAsync(workspace, cancellationToken), cancellationToken);

    private async Task<EvaluationOverview> BuildAsync(Workspace workspace, EvaluationTransition? lastStep, int openThreads, (int Id, int Year)? previous, CancellationToken cancellationToken) => new(
        await review.OpenReturnReasonsAsync(workspace, lastStep, cancellationToken),
        lastStep,
        openThreads,
        workspace.Viewer.IsCountyUser ? null : await changes.HandleAsync(workspace, cancellationToken),
        workspace.JudgeEvidence.Allowed ? await evidence.CitationsAsync(workspace, cancellationToken) : [],
        await rectification.OfAsync(previous, cancellationToken),
        await scores.LoadAsync(workspace, cancellationToken),
        // Built only when the submit form shows and the scheme sets a limit: the form asks before a body over it is submitted.
        workspace.ReviewPanel.Actions.Any(a => a is { Action: Core.Review.EvaluationAction.Submit, Allowed: true })
            ? await reports.LimitedLengthAsync(workspace, cancellationToken)
            : null,
        workspace.Viewer.IsCountyUser ? null : await differences.ForReviewAsync(workspace, cancellationToken),
        // One statement (a county without departments reads one empty result): the progress table and the submit form's list.
        await Departments.DepartmentParts.LoadAsync(db, workspace, cancellationToken));
}
