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

/// <summary>
/// A row of the heat map: a county (cells: its failing indicators per area) or a city (cells: its counties failing in the area).
/// <paramref name="Unknown"/>: a county with nothing to count yet — "未开始" (no evaluation) or "未填" (nothing entered) — whose
/// row shows that word, never 0 failing (decision 0035).
/// </summary>
public sealed record HeatRow(string Code, string Name, int? EvaluationId, bool IsCounty, IReadOnlyList<int> Cells, string? Unknown = null);

/// <summary>An indicator that fails somewhere, with the counties where it does.</summary>
public sealed record FailingIndicator(SchemeField Field, IReadOnlyList<OversightCounty> Counties);

/// <summary>The values of one judged rate across the counties that have it, with its target.</summary>
public sealed record Distribution(SchemeField Field, IReadOnlyList<(OversightCounty County, decimal Value)> Values);

public sealed record OversightView(
    CountiesExportOptions Options,
    CountiesExport? Selection,
    string? Refusal,
    Scheme? Scheme,
    IReadOnlyList<(CountyState State, int Count)> States,
    DateOnly? Due,
    int? DaysLeft,
    IReadOnlyList<OversightCounty> Counties,
    IReadOnlyList<HeatRow> Heat,
    IReadOnlyList<FailingIndicator> TopFailing,
    Distribution? Distribution,
    IReadOnlyList<SchemeField> Rates)
{
    /// <summary>The county list's page: its counties (in the state asked for, if any) with city, scores and all (not brief).</summary>
    public IReadOnlyList<OversightCounty> CountyPage { get; init; } = [];

    /// <summary>The page shown (clamped into the pages there are: issue 15) and how many pages the list has.</summary>
    public int PageNumber { get; init; } = 1;

    public int PageCount { get; init; } = 1;

    /// <summary>How many counties the list holds (those in the state asked for, or all).</summary>
    public int Listed { get; init; }

    /// <summary>Problem reports per county of the region in rounds of the year (issue 31): a supervisor's only, empty for anyone else.</summary>
    public IReadOnlyList<Surveys.Problems.ProblemCount> ProblemCounts { get; init; } = [];

    public IEnumerable<OversightCounty> Overdue => Counties.Where(c => c.Overdue);

    /// <summary>The satisfaction index of each county in a survey round of the year (issue 31), by code; empty when none was surveyed.</summary>
    public IReadOnlyList<Surveys.RegionCountyResult> Satisfaction { get; init; } = [];
}

/// <summary>
/// 督导总览: for a region and year within the actor's, every county's state, the deadline, overdue counties, a heat map of failing
/// indicators by area, the indicators failing in most counties and the distribution of a rate — from the stored summaries
/// (decision 0018), in a fixed number of statements whatever the number of counties.
/// </summary>
public sealed class OversightQuery(
    CountiesWorkbookExport export, RegionCountiesQuery regionCounties, Surveys.Problems.ProblemReportsQuery problems, Surveys.RegionSurveyResults surveys)
{
    /// <summary>The states in the order the progress bar shows them.</summary>
    public static readonly IReadOnlyList<CountyState> StateOrder = Enum.GetValues<CountyState>();

    /// <summary>Counties a page of the county list.</summary>
    public const int PageSize = 50;

    /// <param name="state">The county list's state filter (null: all states).</param>
    /// <param name="page">The county list's page (clamped into the pages there are).</param>
    public async Task<OversightView> HandleAsync(Actor actor, int? year, int? schemeId, string? regionCode, string? rate, CancellationToken cancellationToken,
        CountyState? state = null, int page = 1)
    {
        var options = await export.OptionsAsync(actor, cancellationToken);
        var (selection, refusal) = await export.ResolveAsync(actor, year, schemeId, regionCode, cancellationToken);
        if (selection is null) return new OversightView(options, null, refusal, null, [], null, null, [], [], [], null, []);

        // Every county in brief for the aggregates (issue 28: at 2,806 counties reading every column of every county is most of
        // the page's time); the details only for the page's counties.
        var (scheme, counties, children, due, today) = await regionCounties.LoadBriefAsync(selection, cancellationToken, s => Chosen(s, rate)?.Code);
        var listed = counties.Where(c => state is null || c.State == state).ToList();
        page = Paging.Clamp(page, listed.Count, PageSize);
        var countyPage = await regionCounties.DetailsAsync(selection, listed.Skip((page - 1) * PageSize).Take(PageSize).ToList(), cancellationToken);
        var states = StateOrder.Select(state => (state, counties.Count(c => c.State == state))).ToList();
        var rates = Rates(scheme);
        var chosen = Chosen(scheme, rate);
        return new OversightView(options, selection, null, scheme, states, due, due is { } d ? d.DayNumber - today.DayNumber : null, counties,
            Heat(scheme, children, counties),
            TopFailing(scheme, counties),
            chosen is null ? null : new Distribution(chosen, counties.Where(c => c.Values.ContainsKey(chosen.Code)).Select(c => (c, c.Values[chosen.Code])).OrderBy(v => v.Item2).ToList()),
            rates)
        {
            CountyPage = countyPage, PageNumber = page, PageCount = Paging.PageCount(listed.Count, PageSize), Listed = listed.Count,
            ProblemCounts = await problems.CountsAsync(actor, selection.RegionPath, selection.Year, cancellationToken),
            // Issue 31: the satisfaction index by county (a county is in at most one round a year), from the tallies.
            Satisfaction = await surveys.LoadByPathAsync(selection.Year, selection.RegionPath, new Core.Surveys.SurveyViewer(actor.Roles, actor.RegionPath), cancellationToken),
        };
    }

    // The rates a distribution can show (judged percentages the engine computes), and the one shown: asked for, else 毛入园率.
    private static List<SchemeField> Rates(Scheme scheme) => scheme.Fields.Where(f => f.IsJudged && f.Kind == FieldKind.Derived && f.Unit == "%").ToList();

    private static SchemeField? Chosen(Scheme scheme, string? rate)
    {
        var rates = Rates(scheme);
        return rates.FirstOrDefault(f => f.Code == rate) ?? rates.FirstOrDefault(f => f.Code == "A10.03") ?? rates.FirstOrDefault();
    }

    // Under a city: its counties, each cell the county's failing indicators in the area. Under a province: its cities, each cell
    // how many of the city's counties fail something in the area. One pass over the counties' failing codes, each code's area
    // looked up once and each county's city found by its path's prefix (a province has thousands of counties).
    private static List<HeatRow> Heat(Scheme scheme, IReadOnlyList<ChildRegion> children, IReadOnlyList<OversightCounty> counties)
    {
        var areas = scheme.EvaluationAreas.Select((a, i) => (a.Key, i)).ToDictionary(a => a.Key, a => a.i);
        var areaOf = scheme.Fields.Where(f => areas.ContainsKey(f.AreaKey)).ToDictionary(f => f.Code, f => areas[f.AreaKey], StringComparer.Ordinal);
        int[] Cells(OversightCounty county)
        {
            var cells = new int[areas.Count];
            foreach (var code in county.Failing)
                if (areaOf.TryGetValue(code, out var i)) cells[i]++;
            return cells;
        }

        if (children.Count == 0)
            return counties.Select(c => new HeatRow(c.Code, c.Name, c.EvaluationId, true, Cells(c), Unknown: NothingToCount(c))).ToList();
        var sums = children.ToDictionary(c => c.Path, _ => new int[areas.Count], StringComparer.Ordinal);
        var childLength = children[0].Path.Length; // children are one level below the selected region: equal path lengths
        foreach (var county in counties)
        {
            if (county.Failing.Count == 0 || county.Path.Length < childLength || !sums.TryGetValue(county.Path[..childLength], out var sum)) continue;
            var cells = Cells(county);
            for (var i = 0; i < cells.Length; i++) if (cells[i] > 0) sum[i]++;
        }

        return children.Select(c => new HeatRow(c.Code, c.Name, null, false, sums[c.Path])).ToList();
    }

    /// <summary>What a county's heat-map row says instead of numbers: 未开始 (no evaluation), 未填 (nothing entered), else null.</summary>
    public static string? NothingToCount(OversightCounty county) =>
        county.EvaluationId is null ? Core.Review.CountyState.NotStarted.DisplayName() : county.HasFigures ? null : HeatNothingEntered;

    /// <summary>A heat-map row of a county with an evaluation but no figure entered.</summary>
    public const string HeatNothingEntered = "未填";

    private static List<FailingIndicator> TopFailing(Scheme scheme, IReadOnlyList<OversightCounty> counties)
    {
        var byCode = new Dictionary<string, List<OversightCounty>>(StringComparer.Ordinal);
        foreach (var county in counties)
            foreach (var code in county.Failing)
            {
                if (!byCode.TryGetValue(code, out var list)) byCode[code] = list = [];
                list.Add(county);
            }

        return byCode.Where(p => scheme.FindField(p.Key) is not null)
            .OrderByDescending(p => p.Value.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(10).Select(p => new FailingIndicator(scheme.FindField(p.Key)!, p.Value)).ToList();
    }
}
