using EduDuty.Application.Evaluations.Scores;
using EduDuty.Core.Messaging;

namespace EduDuty.Application.Evaluations;

/// <summary>One evaluation as the API shows it (issue 29): the workspace (state, deadline, figures judged, what the reader may do) and the scores.</summary>
public sealed record EvaluationCardView(Workspace Workspace, ScoreView? Score);

/// <summary>
/// One evaluation the actor may see, with its scores when its scheme scores: the page's loader (<see cref="WorkspaceLoader"/>)
/// and score query (<see cref="ScoreQuery"/>); outside the actor's region, or no such evaluation: not found.
/// </summary>
public sealed class EvaluationCard(WorkspaceLoader loader, ScoreQuery scores)
{
    public async Task<Outcome<EvaluationCardView>> HandleAsync(int id, Actor actor, bool withScore, CancellationToken cancellationToken)
    {
        if (await loader.LoadAsync(id, actor, cancellationToken) is not { } workspace) return Outcome.NotFound(Messages.EvaluationNotFound);
        return Outcome.Done(new EvaluationCardView(workspace, withScore ? await scores.LoadAsync(workspace, cancellationToken) : null));
    }
}
