using EduDuty.Data.Entities;

namespace EduDuty.Web.Infrastructure;

internal static class EvaluationScope
{
    /// <summary>The evaluations of counties under the user's region (decision 0005); everything else is as if it did not exist.</summary>
    public static IQueryable<Evaluation> VisibleTo(this IQueryable<Evaluation> evaluations, CurrentUser user)
    {
        var path = user.RegionPath;
        return evaluations.Where(e => e.County.Path.StartsWith(path));
    }
}
