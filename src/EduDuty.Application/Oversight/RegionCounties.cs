using EduDuty.Application.Evaluations;
using EduDuty.Application.Excel;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Scoring;
using EduDuty.Core.Text;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Oversight;

/// <summary>One county of a region in a year: its state, deadline and results in brief (null summary: not started).</summary>
public sealed record OversightCounty(string Code, string Name, string? Parent, string Path, int? EvaluationId, CountyState State, DeadlineState? Deadline, ResultSummary? Summary)
{
    /// <summary>The stored self-score and grade, under a scheme that scores.</summary>
    public StoredScore? Score { get; init; }

    /// <summary>
    /// Read in brief (<see cref="RegionCountiesQuery.LoadBriefAsync"/>): the city's name, scores, optional counts and warnings
    /// are not read — only the aggregates use such a county; a list shows it after <see cref="RegionCountiesQuery.DetailsAsync"/>.
    /// </summary>
    public bool Brief { get; init; }

    /// <summary>The stored verified score and grade, once review has decided a claim or adjusted an indicator.</summary>
    public StoredScore? Verified { get; init; }

    public IReadOnlyList<string> Failing => Summary?.FailingCodes ?? [];

    public IReadOnlyDictionary<string, decimal> Values => Summary?.JudgedValues ?? Empty;

    public bool Overdue => Deadline?.BlocksDraft == true;

    /// <summary>Whether any figure is entered: until then the heat map shows 未填 and the lists "—" (decision 0035).</summary>
    public bool HasFigures => Summary?.HasFigures == true;

    /// <summary>The state as the lists show it: 未开始填报 for a draft with nothing entered.</summary>
    public string StateText => State.DisplayName(HasFigures);

    private static readonly IReadOnlyDictionary<string, decimal> Empty = new Dictionary<string, decimal>();
}

/// <summary>A region below the selected one (a city of a province), for the heat map's rows.</summary>
public sealed record ChildRegion(string Code, string Name, string Path);

/// <summary>Every active county of a selected region and year with its summary, the scheme, the deadline and the child regions.</summary>
public sealed record RegionCounties(Scheme Scheme, IReadOnlyList<OversightCounty> Counties, IReadOnlyList<ChildRegion> Children, DateOnly? Due, DateOnly Today);

/// <summary>
/// Reads a region's counties for a year from the stored summaries (decision 0018) in three statements whatever their number —
/// the child regions, the deadlines that apply, and the counties with their evaluation and summary in one joined query (the
/// scheme comes from the cache by the hash the selection carries): what the dashboard and the roll-up report are made from.
/// </summary>
public sealed class RegionCountiesQuery(EduDutyDbContext db, StoredSchemes schemes, TimeProvider clock)
{
    /// <param name="onlyValueOf">
    /// When given, the one judged number the caller needs (chosen from the scheme): only its value is read from each summary,
    /// not the hundred others (the dashboard's distribution). Without it every judged value is read (the roll-up report).
    /// </param>
    public Task<RegionCounties> LoadAsync(CountiesExport selection, CancellationToken cancellationToken, Func<Scheme, string?>? onlyValueOf = null) =>
        LoadAsync(selection, Shape.Full, cancellationToken, onlyValueOf);

    /// <summary>
    /// The counties in brief (issue 28, decision 0047): for every county only what a region's aggregates need — code, name,
    /// path, state, deadline, required and whether anything is filled, failing codes, the one value asked for — without the
    /// city's name, scores, optional counts and warnings (<see cref="OversightCounty.Brief"/>), which <see cref="DetailsAsync"/>
    /// reads for the few counties a page lists. Reading those values for 2,800 rows costs more than the statement itself.
    /// </summary>
    public Task<RegionCounties> LoadBriefAsync(CountiesExport selection, CancellationToken cancellationToken, Func<Scheme, string?>? onlyValueOf = null) =>
        LoadAsync(selection, Shape.Brief, cancellationToken, onlyValueOf);

    /// <summary>
    /// The counties as the roll-up report reads them (issue 28, second round): in brief (<see cref="LoadBriefAsync"/>) with every
    /// judged value in its stored form (parsed once by the report's facts), and the scores only under a scheme that scores —
    /// no city, optional counts or warnings, which the report does not print.
    /// </summary>
    public Task<RegionCounties> LoadForRollupAsync(CountiesExport selection, CancellationToken cancellationToken) =>
        LoadAsync(selection, Shape.Rollup, cancellationToken, null);

    private enum Shape { Full, Brief, Rollup }

    /// <summary>
    /// Counties read in brief (<see cref="LoadBriefAsync"/>) with their details — city, scores, optional counts, warnings — as
    /// <see cref="LoadAsync(CountiesExport, CancellationToken, Func{Scheme, string?})"/> reads them, in the order given: one
    /// statement for a page of counties (by their codes).
    /// </summary>
    public async Task<IReadOnlyList<OversightCounty>> DetailsAsync(CountiesExport selection, IReadOnlyList<OversightCounty> counties, CancellationToken cancellationToken)
    {
        if (counties.Count == 0) return counties;
        var codes = counties.Select(c => c.Code).ToList();
        var (year, schemeId) = (selection.Year, selection.SchemeId);
        var details = (await (from r in db.Regions.AsNoTracking().Under(r => r.Path, selection.RegionPath).Where(r => r.Level == RegionLevel.County && r.IsActive && codes.Contains(r.Code))
                              join e0 in db.Evaluations.Where(e => e.Year == year && e.SchemeId == schemeId) on r.Id equals e0.CountyId into opened
                              from e in opened.DefaultIfEmpty()
                              join s0 in db.Summaries on (int?)e.Id equals (int?)s0.EvaluationId into summarised
                              from s in summarised.DefaultIfEmpty()
                              select new
                              {
                                  r.Code, Parent = r.Parent == null ? null : r.Parent!.Name, HasSummary = s != null,
                                  Optional = s == null ? 0 : s.Optional, Warnings = s == null ? 0 : s.Warnings,
                                  Score = s == null ? null : s.Score, Grade = s == null ? null : s.Grade,
                                  VerifiedScore = s == null ? null : s.VerifiedScore, VerifiedGrade = s == null ? null : s.VerifiedGrade,
                              }).ToListAsync(cancellationToken))
            .ToDictionary(d => d.Code, StringComparer.Ordinal);
        return counties.Select(c => details.TryGetValue(c.Code, out var d)
            ? c with
            {
                Parent = d.Parent,
                Summary = c.Summary is { } s && d.HasSummary ? s with { Optional = d.Optional, Warnings = d.Warnings } : c.Summary, // no summary stored: the scheme's empty one
                Score = StoredScore.Of(d.Score, d.Grade),
                Verified = StoredScore.Of(d.VerifiedScore, d.VerifiedGrade),
                Brief = false,
            }
            : c).ToList();
    }

    private async Task<RegionCounties> LoadAsync(CountiesExport selection, Shape shape, CancellationToken cancellationToken, Func<Scheme, string?>? onlyValueOf)
    {
        var brief = shape != Shape.Full;
        var path = selection.RegionPath;
        var (year, schemeId) = (selection.Year, selection.SchemeId);
        var scheme = await schemes.GetAsync(db, schemeId, selection.SchemeHash, cancellationToken);
        var childLength = path.Length + AdministrativeCode.Length + 1; // "/140000/" → "/140000/140800/"
        var children = await db.Regions.AsNoTracking()
            .Under(r => r.Path, path).Where(r => r.IsActive && r.Level != RegionLevel.County && r.Path.Length == childLength)
            .OrderBy(r => r.Code).Select(r => new ChildRegion(r.Code, r.Name, r.Path)).ToListAsync(cancellationToken);
        var deadlines = await DeadlinesAsync(selection, cancellationToken);
        var only = onlyValueOf?.Invoke(scheme);
        var key = $";{only}="; // the stored form "A10.03=99.82;A10.06=55.77", with a ';' put in front so every code starts after one
        var joined = Joined(selection);
        var scored = scheme.Scoring is not null;
        var rows = shape == Shape.Rollup
            // What the roll-up prints of every county: the brief columns, every judged value, the scores under a scheme that scores.
            ? await RollupRows(joined, scored).ToListAsync(cancellationToken)
            : brief
            // What the aggregates need of every county; the rest (city, scores, optional counts, warnings) by DetailsAsync.
            ? await joined.Select(x => new CountyRow
            {
                Code = x.Region.Code, Name = x.Region.Name, Path = x.Region.Path,
                EvaluationId = x.Evaluation == null ? null : x.Evaluation.Id, Status = x.Evaluation == null ? null : x.Evaluation.Status, ExtendedTo = x.Evaluation == null ? null : x.Evaluation.ExtendedTo,
                HasSummary = x.Summary != null, RequiredFilled = x.Summary == null ? 0 : x.Summary.RequiredFilled, Required = x.Summary == null ? 0 : x.Summary.Required,
                OptionalFilled = x.Summary == null ? 0 : x.Summary.OptionalFilled,
                FailingCodes = x.Summary == null ? null : x.Summary.FailingCodes,
                JudgedValues = x.Summary == null || onlyValueOf == null ? null
                    : (";" + x.Summary.JudgedValues).Contains(key) ? (";" + x.Summary.JudgedValues).Substring((";" + x.Summary.JudgedValues).IndexOf(key) + 1, key.Length + 40) : null,
            }).ToListAsync(cancellationToken)
            : await joined.Select(x => new CountyRow
            {
                Code = x.Region.Code, Name = x.Region.Name, Path = x.Region.Path, Parent = x.Region.Parent == null ? null : x.Region.Parent!.Name,
                EvaluationId = x.Evaluation == null ? null : x.Evaluation.Id, Status = x.Evaluation == null ? null : x.Evaluation.Status, ExtendedTo = x.Evaluation == null ? null : x.Evaluation.ExtendedTo,
                HasSummary = x.Summary != null, RequiredFilled = x.Summary == null ? 0 : x.Summary.RequiredFilled, Required = x.Summary == null ? 0 : x.Summary.Required,
                OptionalFilled = x.Summary == null ? 0 : x.Summary.OptionalFilled, Optional = x.Summary == null ? 0 : x.Summary.Optional, Warnings = x.Summary == null ? 0 : x.Summary.Warnings,
                FailingCodes = x.Summary == null ? null : x.Summary.FailingCodes,
                Score = x.Summary == null ? null : x.Summary.Score, Grade = x.Summary == null ? null : x.Summary.Grade,
                VerifiedScore = x.Summary == null ? null : x.Summary.VerifiedScore, VerifiedGrade = x.Summary == null ? null : x.Summary.VerifiedGrade,
                JudgedValues = x.Summary == null ? null
                    : onlyValueOf == null ? x.Summary.JudgedValues
                    : (";" + x.Summary.JudgedValues).Contains(key) ? (";" + x.Summary.JudgedValues).Substring((";" + x.Summary.JudgedValues).IndexOf(key) + 1, key.Length + 40) : null,
            }).ToListAsync(cancellationToken);

        var today = ChinaTime.Today(clock);
        var empty = new Lazy<ResultSummary>(() => ResultSummary.Empty(scheme)); // an evaluation whose summary is not stored yet
        // Sorted here, not by the database: sorting thousands of wide rows there costs more than ordering their codes here.
        var counties = rows.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => County(r, deadlines, today, empty, brief)).ToList();
        var due = rows.Select(r => DeadlineState.YearDeadlineFor(r.Path, deadlines)).FirstOrDefault(d => d is not null);
        return new RegionCounties(scheme, counties, children, due, today);
    }

    /// <summary>
    /// Every county of the selection as the roll-up reads it (<see cref="LoadForRollupAsync"/>: state, deadline, completeness,
    /// failing codes, every judged value, stored scores), one at a time as the database returns them, ordered by code
    /// (issue 29, decision 0051): the API's region summaries stream a province of thousands of counties in constant memory —
    /// no list of the counties is built here or by the caller. Two small statements first (the scheme from the cache, the
    /// deadlines that apply), then one streaming read; the work per county is bounded (its stored summary parsed once).
    /// </summary>
    public async Task<(Scheme Scheme, IAsyncEnumerable<OversightCounty> Counties)> StreamAsync(CountiesExport selection, CancellationToken cancellationToken)
    {
        var scheme = await schemes.GetAsync(db, selection.SchemeId, selection.SchemeHash, cancellationToken);
        var deadlines = await DeadlinesAsync(selection, cancellationToken);
        return (scheme, Stream(RollupRows(Joined(selection).OrderBy(x => x.Region.Code), scheme.Scoring is not null), scheme, deadlines, cancellationToken));
    }

    private async IAsyncEnumerable<OversightCounty> Stream(IQueryable<CountyRow> rows, Scheme scheme, List<(string Path, DateOnly DueDate)> deadlines,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var empty = new Lazy<ResultSummary>(() => ResultSummary.Empty(scheme));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
            yield return County(row, deadlines, today, empty, brief: true);
    }

    private async Task<List<(string Path, DateOnly DueDate)>> DeadlinesAsync(CountiesExport selection, CancellationToken cancellationToken)
    {
        var (year, schemeId) = (selection.Year, selection.SchemeId);
        return (await db.Deadlines.AsNoTracking()
                .Where(d => d.SchemeId == schemeId && d.Year == year).OnBranchOf(d => d.Region.Path, selection.RegionPath)
                .Select(d => new { d.Region.Path, d.DueDate }).ToListAsync(cancellationToken))
            .Select(d => (d.Path, d.DueDate)).ToList();
    }

    // The active counties of the selection, each with its evaluation of the year and scheme (if opened) and its stored summary.
    private IQueryable<JoinedRow> Joined(CountiesExport selection)
    {
        var (year, schemeId) = (selection.Year, selection.SchemeId);
        return from r in db.Regions.AsNoTracking().Under(r => r.Path, selection.RegionPath).Where(r => r.Level == RegionLevel.County && r.IsActive)
               join e0 in db.Evaluations.Where(e => e.Year == year && e.SchemeId == schemeId) on r.Id equals e0.CountyId into opened
               from e in opened.DefaultIfEmpty()
               join s0 in db.Summaries on (int?)e.Id equals (int?)s0.EvaluationId into summarised
               from s in summarised.DefaultIfEmpty()
               select new JoinedRow { Region = r, Evaluation = e, Summary = s };
    }

    // What the roll-up reads of every county: the brief columns, every judged value, the scores under a scheme that scores.
    private static IQueryable<CountyRow> RollupRows(IQueryable<JoinedRow> joined, bool scored) => joined.Select(x => new CountyRow
    {
        Code = x.Region.Code, Name = x.Region.Name, Path = x.Region.Path,
        EvaluationId = x.Evaluation == null ? null : x.Evaluation.Id, Status = x.Evaluation == null ? null : x.Evaluation.Status, ExtendedTo = x.Evaluation == null ? null : x.Evaluation.ExtendedTo,
        HasSummary = x.Summary != null, RequiredFilled = x.Summary == null ? 0 : x.Summary.RequiredFilled, Required = x.Summary == null ? 0 : x.Summary.Required,
        OptionalFilled = x.Summary == null ? 0 : x.Summary.OptionalFilled,
        FailingCodes = x.Summary == null ? null : x.Summary.FailingCodes,
        JudgedValues = x.Summary == null ? null : x.Summary.JudgedValues,
        Score = scored && x.Summary != null ? x.Summary.Score : null, Grade = scored && x.Summary != null ? x.Summary.Grade : null,
        VerifiedScore = scored && x.Summary != null ? x.Summary.VerifiedScore : null, VerifiedGrade = scored && x.Summary != null ? x.Summary.VerifiedGrade : null,
    });

    private static OversightCounty County(CountyRow r, List<(string Path, DateOnly DueDate)> deadlines, DateOnly today, Lazy<ResultSummary> empty, bool brief) =>
        r.EvaluationId is not { } id
            ? new OversightCounty(r.Code, r.Name, r.Parent, r.Path, null, CountyState.NotStarted, null, null) { Brief = brief }
            : new OversightCounty(r.Code, r.Name, r.Parent, r.Path, id, CountyStates.Of(r.Status!.Value),
                DeadlineState.Of(r.Status.Value, DeadlineState.YearDeadlineFor(r.Path, deadlines), r.ExtendedTo, today),
                r.HasSummary ? Summaries.Read(r.RequiredFilled, r.Required, r.OptionalFilled, r.Optional, r.FailingCodes ?? "", r.Warnings, r.JudgedValues) : empty.Value)
            {
                Score = StoredScore.Of(r.Score, r.Grade),
                Verified = StoredScore.Of(r.VerifiedScore, r.VerifiedGrade),
                Brief = brief,
            };

    private sealed class JoinedRow
    {
        public required Data.Entities.Region Region { get; init; }
        public Data.Entities.Evaluation? Evaluation { get; init; }
        public Data.Entities.EvaluationSummary? Summary { get; init; }
    }

    private sealed class CountyRow
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
        public required string Path { get; init; }
        public string? Parent { get; init; }
        public int? EvaluationId { get; init; }
        public EvaluationStatus? Status { get; init; }
        public DateOnly? ExtendedTo { get; init; }
        public bool HasSummary { get; init; }
        public int RequiredFilled { get; init; }
        public int Required { get; init; }
        public int OptionalFilled { get; init; }
        public int Optional { get; init; }
        public int Warnings { get; init; }
        public string? FailingCodes { get; init; }
        public string? JudgedValues { get; init; }
        public decimal? Score { get; init; }
        public string? Grade { get; init; }
        public decimal? VerifiedScore { get; init; }
        public string? VerifiedGrade { get; init; }
    }
}
