using EduDuty.Application.Evaluations.Comments;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Application.Evidence;
using EduDuty.Data.Entities;

namespace EduDuty.Application.Evaluations.Figures;

/// <summary>What an area page shows around its figures.</summary>
/// <param name="ReturnReasons">Reasons of the latest return, by field code or area key.</param>
/// <param name="Threads">Comment threads, by field code or area key.</param>
/// <param name="Evidence">Evidence per indicator of the area.</param>
/// <param name="LastYear">The county's last year, for the values beside this year's and the carried values' links.</param>
public sealed record AreaPageView(
    ILookup<string, ReviewComment> ReturnReasons,
    ILookup<string, CommentThread> Threads,
    IReadOnlyDictionary<string, FieldEvidence> Evidence,
    LastYear? LastYear);

/// <summary>The area page's one query, run when the page renders (not for the live preview, not for a save that redirects).</summary>
public sealed class AreaPageQuery(ReviewTransitions review, CommentThreads threads, EvidenceOverview evidence, PreviousYear previousYear, WorkspacePageLoader pages)
{
    /// <summary>
    /// The page GET in four statements: the workspace with the latest step and last year's pick, this year's and last year's
    /// figures with the texts, the comments, the area's evidence with its earlier versions; null when the actor may not see it.
    /// </summary>
    public async Task<(Workspace Workspace, AreaPageView View)?> PageAsync(int id, string areaKey, Actor actor, CancellationToken cancellationToken)
    {
        if (await pages.LoadAsync(id, actor, review.Facts(), lastYearFigures: true, cancellationToken) is not { } load) return null;
        var workspace = load.Workspace;
        var comments = await threads.CommentsAsync(workspace.Id, cancellationToken);
        return (workspace, new AreaPageView(
            ReviewTransitions.OpenReturnReasons(workspace.Status, load.Extra.LastStep, comments).ToLookup(c => c.Target ?? string.Empty),
            CommentThreads.Of(comments).ToLookup(t => t.Root.Target ?? string.Empty),
            await evidence.ByFieldAsync(workspace, areaKey, cancellationToken),
            load.LastYear));
    }

    public async Task<AreaPageView> HandleAsync(Workspace workspace, string areaKey, CancellationToken cancellationToken) => new(
        (await review.OpenReturnReasonsAsync(workspace, cancellationToken)).ToLookup(c => c.Target ?? string.Empty),
        (await threads.ListAsync(workspace.Id, cancellationToken)).ToLookup(t => t.Root.Target ?? string.Empty),
        await evidence.ByFieldAsync(workspace, areaKey, cancellationToken),
        await previousYear.OfAsync(workspace, cancellationToken));
}
