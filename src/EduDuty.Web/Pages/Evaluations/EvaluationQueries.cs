using EduDuty.Core.Review;
using EduDuty.Data;
using EduDuty.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Evaluations;

/// <summary>The evaluations the signed-in user may see, for the home page.</summary>
public sealed class EvaluationQueries(EduDutyDbContext db, CurrentUser user)
{
    public async Task<IReadOnlyList<EvaluationListItem>> ListAsync(CancellationToken cancellationToken)
    {
        return await db.Evaluations.AsNoTracking().VisibleTo(user)
            .OrderByDescending(e => e.Year).ThenBy(e => e.County.Code)
            .Select(e => new EvaluationListItem(
                e.Id, e.County.Name, e.County.Code, e.Year, e.Scheme.Code, e.Scheme.Title, e.Status, e.UpdatedAtUtc,
                e.Figures.Count(f => f.Number != null || f.Flag != null || f.Text != null)))
            .ToListAsync(cancellationToken);
    }
}

public sealed record EvaluationListItem(
    int Id, string County, string CountyCode, int Year, string SchemeCode, string SchemeTitle,
    EvaluationStatus Status, DateTime UpdatedAtUtc, int EnteredCount);
