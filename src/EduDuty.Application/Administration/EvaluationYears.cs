using EduDuty.Core.Schemes;
using EduDuty.Core.Years;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

public sealed record CountyRow(string Code, string Name, CountyState State, DateTime? LastActivityUtc, int? EvaluationId);

public sealed record SchemeOption(int Id, string Label, int Year);

public sealed record RegionOption(string Code, string Name, RegionLevel Level, bool IsActive);

/// <summary>The scheme, year and region (its path) a form of the year page names, checked against the admin's.</summary>
public sealed record YearChoice(int SchemeId, int Year, string Path);

/// <summary>A year to open named by codes, as the command line names it: the scheme version it runs with and the region.</summary>
public sealed record YearTarget(int SchemeId, int SchemeVersion, string RegionPath, string RegionName);

/// <summary>What the year page shows: the schemes to choose from, the regions, every county's state, the deadline.</summary>
public sealed record YearView(
    IReadOnlyList<SchemeOption> Schemes, IReadOnlyList<RegionOption> Regions, int? SchemeId, int? Year, Paged<CountyRow> Counties,
    IReadOnlyDictionary<CountyState, int> States, DateOnly? Due, IReadOnlyList<YearMapping>? Mappings = null)
{
    /// <summary>The scheme's carry-forward mappings checked against each scheme the region's counties used last year.</summary>
    public IReadOnlyList<YearMapping> CarryMappings => Mappings ?? [];

    public static YearView Empty(IReadOnlyList<SchemeOption> schemes, IReadOnlyList<RegionOption> regions, int? schemeId, int? year) =>
        new(schemes, regions, schemeId, year, new Paged<CountyRow>([], 0, 1, EvaluationYears.PageSize), new Dictionary<CountyState, int>(), null);
}

/// <summary>Opening an evaluation year for the counties of a region, and the state of every county in it.</summary>
/// <summary>One mapping of last year's field into this year's, as it applies under one of last year's schemes (null: no evaluations last year).</summary>
public sealed record YearMapping(CarryMapping Mapping, string? LastScheme);

/// <summary>What opening a year did: drafts opened and last year's figures carried, and the deadline set with them (<see cref="OpenYear"/>).</summary>
public sealed record YearOpening(int Opened, CarryOutcome Carried, DateOnly? Deadline = null)
{
    /// <summary>What the admin page and the command line say: the drafts opened and what last year gave them.</summary>
    public string Describe(int year) =>
        Opened == 0 ? "所有县都已开启本年度评价，没有新建。"
            : $"已为 {Opened} 个县开启 {year} 年度评价（草稿）。" + (Carried.Counties > 0 ? $"其中 {Carried.Counties} 个县带入了上年数据，共 {Carried.Values} 项，标为“来自上年”，填报人可以修改。" : "");
}

public sealed class EvaluationYears(
    EduDutyDbContext db, SchemeAdministration schemes, StoredSchemes storedSchemes, PreviousYear previousYear, AdminAuditLog audit, WriteExecutor executor, TimeProvider clock)
{
    /// <summary>
    /// One draft per active county under the region that has none for this scheme and year; running it again creates
    /// nothing. The one place drafts are opened: the admin's year page, the command line and the demo data. The region must
    /// be the actor's or below it, and the scheme must be its province's. Each new draft takes last year's figures its
    /// scheme maps (<see cref="PreviousYear.CarryIntoAsync"/>, through the guarded write path), in the same write — the
    /// caller's, when one is under way (<see cref="OpenYear"/> opens the year and sets its deadline in one).
    /// </summary>
    public async Task<Outcome<YearOpening>> OpenAsync(int schemeId, int year, string regionPath, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var outcome = await executor.ExecuteAsync<YearOpening>($"open {year} of scheme {schemeId} under {regionPath} by {actor.Id}", async (scope, ct) =>
        {
            if (await RefusalAsync(schemeId, regionPath, actor, ct) is { } refusal) return Outcome.Refused(refusal);
            var counties = await db.Regions.Under(r => r.Path, regionPath).Where(r => r.Level == RegionLevel.County && r.IsActive).Select(r => r.Id).ToListAsync(ct);
            var opened = await db.Evaluations.Where(e => e.SchemeId == schemeId && e.Year == year).Select(e => e.CountyId).ToListAsync(ct);
            var missing = counties.Except(opened).ToList();
            if (missing.Count == 0)
            {
                scope.Discard(); // nothing changed, nothing to record
                return Outcome.Done(new YearOpening(0, CarryOutcome.None));
            }

            var drafts = missing.Select(county => new Evaluation { CountyId = county, SchemeId = schemeId, Year = year, Status = EvaluationStatus.Draft, CreatedAtUtc = now, UpdatedAtUtc = now }).ToList();
            db.Evaluations.AddRange(drafts);
            var scheme = await db.Schemes.Where(s => s.Id == schemeId).Select(s => new { s.Title, s.Version, s.ContentHash }).SingleAsync(ct);
            var region = await db.Regions.Where(r => r.Path == regionPath).Select(r => r.Name).SingleOrDefaultAsync(ct) ?? "全部地区";
            await scope.FlushAsync(ct); // the drafts get their ids, which the carried figures and their audit name
            var carried = await previousYear.CarryIntoAsync(drafts, await storedSchemes.GetAsync(db, schemeId, scheme.ContentHash, ct), scheme.ContentHash, actor, ct);
            audit.Add(actor, AdminAction.OpenYear, $"{year}年度 《{SchemeNames.Of(scheme.Title, scheme.Version)}》 {region}", $"已开启 {opened.Count(counties.Contains)} 县",
                $"新开启 {missing.Count} 县" + (carried.Counties > 0 ? $"，{carried.Counties} 县带入上年数据 {carried.Values} 项" : ""), regionPath);
            return Outcome.Done(new YearOpening(missing.Count, carried));
        }, cancellationToken);

        // The drafts without carried figures get their summaries (inside a caller's write, in its transaction).
        if (outcome is { IsDone: true, Value.Opened: > 0 }) await Evaluations.Summaries.RefreshStaleAsync(db, storedSchemes, now, schemeId, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Why the actor may not act for this scheme in this region, or null: the region must be the actor's or below it, and the
    /// scheme must belong to the region's province (or above). A scheme of another province is answered as not there.
    /// </summary>
    public async Task<Core.Messaging.Message?> RefusalAsync(int schemeId, string regionPath, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.Covers(regionPath)) return Core.Messaging.Messages.RegionNotCovered;
        var owner = await schemes.Usable(actor).Where(s => s.Id == schemeId).Select(s => s.OwnerRegion == null ? null : s.OwnerRegion.Path).ToListAsync(cancellationToken);
        if (owner.Count == 0) return Core.Messaging.Messages.SchemeNotUsable;
        if (owner[0] is { } ownerPath && !Core.Regions.RegionPaths.Covers(ownerPath, regionPath)) return Core.Messaging.Messages.SchemeOfOtherRegion;
        return null;
    }

    /// <summary>
    /// The year page for an admin: the scheme (the one chosen, else the year's active one, else the newest), its year, the
    /// regions under the admin, and the counties of the chosen region (the admin's own when none is chosen).
    /// </summary>
    public const int PageSize = 50;

    public async Task<YearView> ViewAsync(Actor actor, int? schemeId, int? year, string? regionCode, int page, CancellationToken cancellationToken = default)
    {
        var options = (await schemes.Usable(actor).OrderByDescending(s => s.Year).ThenByDescending(s => s.Version)
            .Select(s => new { s.Id, s.Title, s.Version, s.Year }).ToListAsync(cancellationToken))
            .Select(s => new SchemeOption(s.Id, SchemeNames.Of(s.Title, s.Version), s.Year)).ToList();
        var regions = await db.Regions.AsNoTracking().Under(r => r.Path, actor.RegionPath).Where(r => r.Level != RegionLevel.County).OrderBy(r => r.Code)
            .Select(r => new RegionOption(r.Code, r.Name, r.Level, r.IsActive)).ToListAsync(cancellationToken);
        if (schemeId is { } chosen && options.All(o => o.Id != chosen)) schemeId = null;
        schemeId ??= year is { } y ? await schemes.Usable(actor).Where(s => s.ActiveForYear == y).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken) : null;
        schemeId ??= options.FirstOrDefault()?.Id;
        year ??= options.FirstOrDefault(s => s.Id == schemeId)?.Year;
        if (schemeId is not { } id || year is not { } y2) return YearView.Empty(options, regions, schemeId, year);

        var path = await RegionPathAsync(actor, regionCode, cancellationToken) ?? actor.RegionPath;
        var counties = Counties(id, y2, path);
        var states = (await counties.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .GroupBy(g => g.Key is { } status ? CountyStates.Of(status) : CountyState.NotStarted).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var listed = await counties.OrderBy(c => c.Code).ToPagedAsync(page, PageSize, cancellationToken);
        return new YearView(options, regions, schemeId, year,
            listed.Select(c => new CountyRow(c.Code, c.Name, c.Status is { } s ? CountyStates.Of(s) : CountyState.NotStarted, c.UpdatedAtUtc, c.EvaluationId)),
            states, await DeadlineForAsync(id, y2, path, cancellationToken), await MappingsAsync(id, y2, path, cancellationToken));
    }

    // What the admin sees before opening a year: which of last year's fields feed this scheme's fields, under each scheme the
    // region's counties were evaluated with last year (a version that lacks a source is named; nothing is guessed).
    private async Task<IReadOnlyList<YearMapping>> MappingsAsync(int schemeId, int year, string path, CancellationToken cancellationToken)
    {
        var scheme = await storedSchemes.GetAsync(db, schemeId, cancellationToken);
        if (!scheme.Fields.Any(f => f.CarryFrom is not null)) return [];
        var lastIds = await db.Evaluations.AsNoTracking().Under(e => e.County.Path, path).Where(e => e.Year == year - 1).Select(e => e.SchemeId).Distinct().ToListAsync(cancellationToken);
        if (lastIds.Count == 0) return CarryForward.Mappings(scheme, scheme).Select(m => new YearMapping(m with { Problem = null }, null)).ToList();
        var mappings = new List<YearMapping>();
        foreach (var lastId in lastIds.Order())
        {
            var last = await storedSchemes.GetAsync(db, lastId, cancellationToken);
            mappings.AddRange(CarryForward.Mappings(scheme, last).Select(m => new YearMapping(m, last.Name)));
        }

        return mappings;
    }

    /// <summary>
    /// The scheme version a year runs with — the one active for that year, else the newest of that code — and the region, by
    /// their codes; not found says which is missing.
    /// </summary>
    public async Task<Outcome<YearTarget>> TargetAsync(string schemeCode, int year, string regionCode, CancellationToken cancellationToken = default)
    {
        var scheme = await db.Schemes.Where(s => s.Code == schemeCode)
            .OrderByDescending(s => s.ActiveForYear == year).ThenByDescending(s => s.Version)
            .Select(s => new { s.Id, s.Version }).FirstOrDefaultAsync(cancellationToken);
        if (scheme is null) return Outcome.NotFound(Messages.SchemeCodeUnknown(schemeCode));
        var region = await db.Regions.Where(r => r.Code == regionCode).Select(r => new { r.Path, r.Name }).SingleOrDefaultAsync(cancellationToken);
        if (region is null) return Outcome.NotFound(Messages.RegionCodeUnknown(regionCode));
        return Outcome.Done(new YearTarget(scheme.Id, scheme.Version, region.Path, region.Name));
    }

    /// <summary>The deadline that applies to the counties of a region: the one set for it, else its nearest region above's.</summary>
    public Task<DateOnly?> DeadlineForAsync(int schemeId, int year, string regionPath, CancellationToken cancellationToken = default)
    {
        var paths = AdministrativeCode.SelfAndAncestors(regionPath);
        return db.Deadlines.Where(d => d.SchemeId == schemeId && d.Year == year && paths.Contains(d.Region.Path))
            .OrderByDescending(d => d.Region.Path.Length).Select(d => (DateOnly?)d.DueDate).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The scheme, year and region path a POST names, when the scheme is one the admin may use and the region is the admin's;
    /// else invalid (the form's choices are the only ones it offers).
    /// </summary>
    public async Task<Outcome<YearChoice>> ResolveAsync(Actor actor, int? schemeId, int? year, string? regionCode, CancellationToken cancellationToken = default)
    {
        if (schemeId is not { } id || !await schemes.Usable(actor).AnyAsync(s => s.Id == id, cancellationToken)) return Outcome.Invalid(Messages.ChooseYearTarget);
        var y = year ?? await db.Schemes.Where(s => s.Id == id).Select(s => s.Year).SingleAsync(cancellationToken);
        if (y is < 2000 or > 2100) return Outcome.Invalid(Messages.ChooseYearTarget);
        var path = string.IsNullOrEmpty(regionCode) ? actor.RegionPath : await RegionPathAsync(actor, regionCode, cancellationToken);
        return path is null ? Outcome.Invalid(Messages.ChooseYearTarget) : Outcome.Done(new YearChoice(id, y, path));
    }

    // Every county under the region with its evaluation of the scheme and year, if any: one row per county, in the database.
    private IQueryable<CountyEvaluation> Counties(int schemeId, int year, string regionPath) =>
        from r in db.Regions.AsNoTracking().Under(r => r.Path, regionPath).Where(r => r.Level == RegionLevel.County)
        join e in db.Evaluations.Where(e => e.SchemeId == schemeId && e.Year == year) on r.Id equals e.CountyId into opened
        from e in opened.DefaultIfEmpty()
        select new CountyEvaluation { Code = r.Code, Name = r.Name, Status = e == null ? null : e.Status, UpdatedAtUtc = e == null ? null : e.UpdatedAtUtc, EvaluationId = e == null ? null : e.Id };

    // Initialised by member (not by constructor) so that the database can order and group by its members.
    private sealed class CountyEvaluation
    {
        public required string Code { get; init; }

        public required string Name { get; init; }

        public EvaluationStatus? Status { get; init; }

        public DateTime? UpdatedAtUtc { get; init; }

        public int? EvaluationId { get; init; }
    }

    private Task<string?> RegionPathAsync(Actor actor, string? regionCode, CancellationToken cancellationToken) =>
        db.Regions.Under(r => r.Path, actor.RegionPath).Where(r => r.Code == regionCode).Select(r => r.Path).SingleOrDefaultAsync(cancellationToken);
}
