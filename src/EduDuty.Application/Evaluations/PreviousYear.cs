using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations;

/// <summary>
/// Last year's figures of the county: from its evaluation of the year before, once that was approved or (while it is not yet)
/// submitted — a draft's figures are not last year's figures. Fields are matched by code; a field of this year's scheme that
/// last year's did not have has no value.
/// </summary>
public sealed class PreviousYear(EduDutyDbContext db)
{
    public async Task<IReadOnlyDictionary<string, FieldValue>> ValuesAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        var previous = await db.Evaluations.AsNoTracking()
            .Where(e => e.CountyId == workspace.CountyId && e.Year == workspace.Year - 1
                        && (e.Status == EvaluationStatus.Approved || e.Status == EvaluationStatus.Submitted))
            .OrderBy(e => e.Status == EvaluationStatus.Approved ? 0 : 1).ThenByDescending(e => e.UpdatedAtUtc)
            .Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (previous is null) return new Dictionary<string, FieldValue>();

        var rows = await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == previous).ToListAsync(cancellationToken);
        return rows.ToValues()
            .Where(p => workspace.Scheme.FindField(p.Key) is { } field && field.Kind.IsInput())
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
