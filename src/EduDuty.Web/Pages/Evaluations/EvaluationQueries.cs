using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Evaluations;

/// <summary>
/// Reads evaluations within the signed-in user's region. Every query starts from <see cref="InScope"/>, so an
/// evaluation outside the user's region is indistinguishable from one that does not exist.
/// </summary>
public sealed class EvaluationQueries(EduDutyDbContext db, CurrentUser user, StoredSchemes schemes)
{
    private IQueryable<Data.Entities.Evaluation> InScope()
    {
        var path = user.RegionPath;
        return db.Evaluations.AsNoTracking().Where(e => e.County.Path.StartsWith(path));
    }

    public async Task<IReadOnlyList<EvaluationListItem>> ListAsync(CancellationToken cancellationToken)
    {
        return await InScope()
            .OrderByDescending(e => e.Year).ThenBy(e => e.County.Code)
            .Select(e => new EvaluationListItem(
                e.Id, e.County.Name, e.County.Code, e.Year, e.Scheme.Code, e.Scheme.Title, e.Status, e.UpdatedAtUtc,
                e.Figures.Count))
            .ToListAsync(cancellationToken);
    }

    public async Task<EvaluationSummary?> GetSummaryAsync(int id, CancellationToken cancellationToken)
    {
        var header = await InScope()
            .Where(e => e.Id == id)
            .Select(e => new { e.Id, County = e.County.Name, e.Year, e.SchemeId, e.Status, e.UpdatedAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (header is null) return null;

        var scheme = await schemes.GetAsync(db, header.SchemeId, cancellationToken);
        var entered = await db.FigureValues.AsNoTracking()
            .Where(f => f.EvaluationId == id)
            .Select(f => f.FieldCode)
            .ToListAsync(cancellationToken);
        var enteredSet = entered.ToHashSet(StringComparer.Ordinal);

        var areas = scheme.Areas
            .Select(a =>
            {
                var inputs = a.Fields.Where(f => f.Kind.IsInput()).ToList();
                return new AreaProgress(a.Key, a.Number, a.NameZh, inputs.Count, inputs.Count(f => enteredSet.Contains(f.Code)));
            })
            .ToList();
        return new EvaluationSummary(header.Id, header.County, header.Year, scheme.Info, header.Status, header.UpdatedAtUtc, areas);
    }
}

public sealed record EvaluationListItem(
    int Id, string County, string CountyCode, int Year, string SchemeCode, string SchemeTitle,
    EvaluationStatus Status, DateTime UpdatedAtUtc, int EnteredCount);

public sealed record EvaluationSummary(
    int Id, string County, int Year, SchemeInfo Scheme, EvaluationStatus Status, DateTime UpdatedAtUtc,
    IReadOnlyList<AreaProgress> Areas)
{
    public int InputCount => Areas.Sum(a => a.InputCount);

    public int EnteredCount => Areas.Sum(a => a.EnteredCount);
}

public sealed record AreaProgress(string Key, int Number, string Name, int InputCount, int EnteredCount);
