using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Excel;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Oversight;

/// <summary>One county of a region in a year: its state, deadline and results in brief (null summary: not started).</summary>
public sealed record OversightCounty(string Code, string Name, string? Parent, string Path, int? EvaluationId, CountyState State, DeadlineState? Deadline, ResultSummary? Summary)
{
    public IReadOnlyList<string> Failing => Summary?.FailingCodes ?? [];

    public IReadOnlyDictionary<string, decimal> Values => Summary?.JudgedValues ?? Empty;

    public bool Overdue => Deadline?.BlocksDraft == true;

    private static readonly IReadOnlyDictionary<string, decimal> Empty = new Dictionary<string, decimal>();
}

/// <summary>A region below the selected one (a city of a province), for the heat map's rows.</summary>
public sealed record ChildRegion(string Code, string Name, string Path);

/// <summary>Every active county of a selected region and year with its summary, the scheme, the deadline and the child regions.</summary>
public sealed record RegionCounties(Scheme Scheme, IReadOnlyList<OversightCounty> Counties, IReadOnlyList<ChildRegion> Children, DateOnly? Due, DateOnly Today);

/// <summary>
/// Reads a region's counties for a year from the stored summaries (decision 0018) in four statements whatever their number:
/// what the dashboard, the roll-up report and the reports ZIP are made from.
/// </summary>
public sealed class RegionCountiesQuery(EduDutyDbContext db, StoredSchemes schemes, TimeProvider clock)
{
    public async Task<RegionCounties> LoadAsync(CountiesExport selection, CancellationToken cancellationToken)
    {
        var path = selection.RegionPath;
        var regions = await db.Regions.AsNoTracking().Where(r => r.Path.StartsWith(path) && r.IsActive)
            .Select(r => new { r.Code, r.Name, r.Path, r.Level, ParentName = r.Parent == null ? null : r.Parent.Name }).ToListAsync(cancellationToken);
        var headers = await EditClaim.Headers(db).Where(h => h.CountyPath.StartsWith(path) && h.Year == selection.Year && h.SchemeId == selection.SchemeId)
            .ToListAsync(cancellationToken);
        var scheme = headers.Count > 0
            ? await schemes.GetAsync(db, selection.SchemeId, headers[0].SchemeHash, cancellationToken)
            : await schemes.GetAsync(db, selection.SchemeId, cancellationToken);
        var summaries = await (from s in db.Summaries.AsNoTracking()
                               join e in db.Evaluations on s.EvaluationId equals e.Id
                               where e.Year == selection.Year && e.SchemeId == selection.SchemeId && e.County.Path.StartsWith(path)
                               select s).ToDictionaryAsync(s => s.EvaluationId, s => s.ToResult(), cancellationToken);

        var today = ChinaTime.Today(clock);
        var byPath = headers.ToDictionary(h => h.CountyPath);
        var empty = new Lazy<ResultSummary>(() => ResultSummary.Empty(scheme)); // an evaluation whose summary is not stored yet
        var counties = regions.Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code).Select(r =>
            byPath.TryGetValue(r.Path, out var h)
                ? new OversightCounty(r.Code, r.Name, r.ParentName, r.Path, h.Id, CountyStates.Of(h.Status), DeadlineState.Of(h.Status, h.YearDeadline, h.ExtendedTo, today),
                    summaries.GetValueOrDefault(h.Id) ?? empty.Value)
                : new OversightCounty(r.Code, r.Name, r.ParentName, r.Path, null, CountyState.NotStarted, null, null)).ToList();
        var depth = Depth(path) + 1;
        var children = regions.Where(r => r.Level != RegionLevel.County && r.Path != path && Depth(r.Path) == depth)
            .OrderBy(r => r.Code).Select(r => new ChildRegion(r.Code, r.Name, r.Path)).ToList();
        return new RegionCounties(scheme, counties, children, headers.Select(h => h.YearDeadline).FirstOrDefault(d => d is not null), today);
    }

    private static int Depth(string path) => path.Count(c => c == '/');
}
