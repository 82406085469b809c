using EduDuty.Data.Entities;

namespace EduDuty.Application.Evaluations;

internal static class EvaluationScope
{
    /// <summary>The evaluations of counties under the actor's region (decision 0005); everything else is as if it did not exist.</summary>
    public static IQueryable<Evaluation> VisibleTo(this IQueryable<Evaluation> evaluations, Actor actor)
    {
        var path = actor.RegionPath;
        return evaluations.Where(e => e.County.Path.StartsWith(path));
    }
}
