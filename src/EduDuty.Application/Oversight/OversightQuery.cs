using EduDuty.Application.Administration;
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

/// <summary>One county as the oversight list shows it.</summary>
public sealed record OversightCounty(
    string Code, string Name, string? Parent, int? EvaluationId, string State, int RequiredFilled, int Required, IReadOnlyList<string> Failing,
    DeadlineState? Deadline, IReadOnlyDictionary<string, decimal> Values);

/// <summary>A row of the heat map: a county (cells: its failing indicators per area) or a city (cells: its counties failing in the area).</summary>
public sealed record HeatRow(string Code, string Name, int? EvaluationId, bool IsCounty, IReadOnlyList<int> Cells);

/// <summary>An indicator that fails somewhere, with the counties where it does.</summary>
public sealed record FailingIndicator(SchemeField Field, IReadOnlyList<OversightCounty> Counties);

/// <summary>The values of one judged rate across the counties that have it, with its target.</summary>
public sealed record Distribution(SchemeField Field, IReadOnlyList<(OversightCounty County, decimal Value)> Values);

public sealed record OversightView(
    CountiesExportOptions Options,
    CountiesExport? Selection,
    string? Refusal,
    Scheme? Scheme,
    IReadOnlyList<(string State, int Count)> States,
    DateOnly? Due,
    int? DaysLeft,
    IReadOnlyList<OversightCounty> Counties,
    IReadOnlyList<HeatRow> Heat,
    IReadOnlyList<FailingIndicator> TopFailing,
    Distribution? Distribution,
    IReadOnlyList<SchemeField> Rates)
{
    public IEnumerable<OversightCounty> Overdue => Counties.Where(c => c.Deadline?.BlocksDraft == true);
}

/// <summary>
/// 督导总览: for a region and year within the actor's, every county's state, the deadline, overdue counties, a heat map of failing
/// indicators by area, the indicators failing in most counties and the distribution of a rate — from the stored summaries
/// (decision 0018), in a fixed number of statements whatever the number of counties.
/// </summary>
public sealed class OversightQuery(EduDutyDbContext db, CountiesWorkbookExport export, StoredSchemes schemes, TimeProvider clock)
{
    /// <summary>The states in the order the progress bar shows them, named as the year page names them.</summary>
    public static readonly IReadOnlyList<string> StateOrder = Enum.GetValues<CountyState>().Select(EvaluationYears.DisplayName).ToList();

    public async Task<OversightView> HandleAsync(Actor actor, int? year, int? schemeId, string? regionCode, string? rate, CancellationToken cancellationToken)
    {
        var options = await export.OptionsAsync(actor, cancellationToken);
        var (selection, refusal) = await export.ResolveAsync(actor, year, schemeId, regionCode, cancellationToken);
        if (selection is null) return new OversightView(options, null, refusal, null, [], null, null, [], [], [], null, []);

        var path = selection.RegionPath;
        var regions = await db.Regions.AsNoTracking().Where(r => r.Path.StartsWith(path) && r.IsActive)
            .Select(r => new { r.Code, r.Name, r.Path, r.Level, ParentName = r.Parent == null ? null : r.Parent.Name }).ToListAsync(cancellationToken);
        var headers = await EditClaim.Headers(db).Where(h => h.CountyPath.StartsWith(path) && h.Year == selection.Year && h.SchemeId == selection.SchemeId)
            .ToListAsync(cancellationToken);
        var scheme = await schemes.GetAsync(db, selection.SchemeId, headers[0].SchemeHash, cancellationToken); // resolved: there is one
        var summaries = await db.Summaries.AsNoTracking()
            .Where(s => db.Evaluations.Any(e => e.Id == s.EvaluationId && e.Year == selection.Year && e.SchemeId == selection.SchemeId && e.County.Path.StartsWith(path)))
            .ToDictionaryAsync(s => s.EvaluationId, s => s.ToResult(), cancellationToken);

        var today = ChinaTime.Today(clock);
        var byPath = headers.ToDictionary(h => h.CountyPath);
        var counties = regions.Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code).Select(r =>
        {
            if (!byPath.TryGetValue(r.Path, out var h)) return new OversightCounty(r.Code, r.Name, r.ParentName, null, StateOrder[0], 0, 0, [], null, new Dictionary<string, decimal>());
            var s = summaries.GetValueOrDefault(h.Id) ?? ResultSummary.Empty(scheme);
            return new OversightCounty(r.Code, r.Name, r.ParentName, h.Id, EvaluationYears.DisplayName(EvaluationYears.StateOf(h.Status)), s.RequiredFilled, s.Required, s.FailingCodes,
                DeadlineState.Of(h.Status, h.YearDeadline, h.ExtendedTo, today), s.JudgedValues);
        }).ToList();

        var states = StateOrder.Select(state => (state, counties.Count(c => c.State == state))).ToList();
        var due = headers.Select(h => h.YearDeadline).FirstOrDefault(d => d is not null);
        var rates = scheme.Fields.Where(f => f.IsJudged && f.Kind == FieldKind.Derived && f.Unit == "%").ToList();
        var chosen = rates.FirstOrDefault(f => f.Code == rate) ?? rates.FirstOrDefault(f => f.Code == "A10.03") ?? rates.FirstOrDefault();
        return new OversightView(options, selection, null, scheme, states, due, due is { } d ? d.DayNumber - today.DayNumber : null, counties,
            Heat(scheme, path, regions.Where(r => r.Level != RegionLevel.County && r.Path != path && Depth(r.Path) == Depth(path) + 1).Select(r => (r.Code, r.Name, r.Path)).ToList(), counties, regions.ToDictionary(r => r.Code, r => r.Path)),
            TopFailing(scheme, counties),
            chosen is null ? null : new Distribution(chosen, counties.Where(c => c.Values.ContainsKey(chosen.Code)).Select(c => (c, c.Values[chosen.Code])).OrderBy(v => v.Item2).ToList()),
            rates);
    }

    // Under a city: its counties, each cell the county's failing indicators in the area. Under a province: its cities, each cell
    // how many of the city's counties fail something in the area.
    private static List<HeatRow> Heat(Scheme scheme, string path, List<(string Code, string Name, string Path)> children, List<OversightCounty> counties, Dictionary<string, string> paths)
    {
        var areas = scheme.EvaluationAreas.ToList();
        int FailingIn(OversightCounty county, SchemeArea area) => county.Failing.Count(code => scheme.FindField(code)?.AreaKey == area.Key);
        if (children.Count == 0)
            return counties.Select(c => new HeatRow(c.Code, c.Name, c.EvaluationId, true, areas.Select(a => FailingIn(c, a)).ToList())).ToList();
        return children.OrderBy(c => c.Code).Select(child =>
        {
            var inside = counties.Where(c => paths[c.Code].StartsWith(child.Path, StringComparison.Ordinal)).ToList();
            return new HeatRow(child.Code, child.Name, null, false, areas.Select(a => inside.Count(c => FailingIn(c, a) > 0)).ToList());
        }).ToList();
    }

    private static List<FailingIndicator> TopFailing(Scheme scheme, List<OversightCounty> counties) =>
        counties.SelectMany(c => c.Failing.Select(code => (code, c)))
            .GroupBy(x => x.code)
            .Select(g => new FailingIndicator(scheme.FindField(g.Key)!, g.Select(x => x.c).ToList()))
            .Where(f => f.Field is not null)
            .OrderByDescending(f => f.Counties.Count).ThenBy(f => f.Field.Code, StringComparer.Ordinal)
            .Take(10).ToList();

    private static int Depth(string path) => path.Count(c => c == '/');
}
