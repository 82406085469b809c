using EduDuty.Application.Administration;
using EduDuty.Application.Evaluations.Scores;
using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Excel;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Excel;

/// <summary>A year a region can be exported for, under the scheme its counties were evaluated by.</summary>
public sealed record CountiesExportChoice(int Year, int SchemeId, string Label, int Evaluations);

/// <summary>What the export form offers: the years (with their schemes) and the regions within the actor's.</summary>
public sealed record CountiesExportOptions(IReadOnlyList<CountiesExportChoice> Years, IReadOnlyList<RegionOption> Regions);

/// <summary>An export the actor may make: which counties (by region path), which year and scheme (with its text's hash, so the parsed scheme comes from the cache).</summary>
public sealed record CountiesExport(int Year, int SchemeId, string SchemeHash, string RegionPath, string RegionName)
{
    public string FileName => CountiesWorkbook.FileName(RegionName, Year);
}

/// <summary>
/// Every county of a region in one workbook (<see cref="CountiesWorkbook"/>), for supervisors and admins within their region.
/// The counties' figures are read and evaluated a batch at a time and written on, so a region of thousands of counties is
/// exported in bounded memory; the statements run are a handful plus one per batch.
/// </summary>
public sealed class CountiesWorkbookExport(EduDutyDbContext db, StoredSchemes schemes, Reports.RenderGate gate)
{
    /// <summary>What the gate's messages call this workbook.</summary>
    public const string What = "数据表";

    private const int Batch = 200;

    public async Task<CountiesExportOptions> OptionsAsync(Actor actor, CancellationToken cancellationToken)
    {
        var path = actor.RegionPath;
        var years = await db.Evaluations.AsNoTracking().Under(e => e.County.Path, path)
            .GroupBy(e => new { e.Year, e.SchemeId, e.Scheme.Title, e.Scheme.Version })
            .Select(g => new { g.Key.Year, g.Key.SchemeId, g.Key.Title, g.Key.Version, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var regions = await db.Regions.AsNoTracking().Under(r => r.Path, path).Where(r => r.Level != RegionLevel.County)
            .OrderBy(r => r.Code).Select(r => new RegionOption(r.Code, r.Name, r.Level, r.IsActive)).ToListAsync(cancellationToken);
        return new CountiesExportOptions(
            years.OrderByDescending(y => y.Year).ThenByDescending(y => y.Count)
                .Select(y => new CountiesExportChoice(y.Year, y.SchemeId, $"{y.Year} 年度（{Core.Schemes.SchemeNames.Of(y.Title, y.Version)}）", y.Count)).ToList(),
            regions);
    }

    /// <summary>
    /// The export the actor asks for, defaulting to their own region and the latest year (under the scheme most of its counties
    /// use); null with the reason when the actor may not make it or there is nothing to export.
    /// </summary>
    public async Task<(CountiesExport? Export, string? Refusal)> ResolveAsync(
        Actor actor, int? year, int? schemeId, string? regionCode, CancellationToken cancellationToken)
    {
        var outcome = await SelectAsync(actor, year, schemeId, regionCode, cancellationToken);
        return (outcome.Value, outcome.Refusal);
    }

    /// <summary>
    /// <see cref="ResolveAsync"/> as an outcome (the API, issue 29): refused for a county user, not found for a region outside
    /// the actor's or a year without evaluations — the one rule for which counties a supervisor or admin may read together.
    /// </summary>
    public async Task<Outcome<CountiesExport>> SelectAsync(Actor actor, int? year, int? schemeId, string? regionCode, CancellationToken cancellationToken)
    {
        if (!Roles.Oversight.Any(actor.IsInRole)) return Outcome.Refused(Messages.OnlyOversightReadsCounties);
        var region = string.IsNullOrEmpty(regionCode)
            ? await db.Regions.AsNoTracking().Where(r => r.Path == actor.RegionPath).Select(r => new { r.Path, r.Name }).SingleOrDefaultAsync(cancellationToken)
            : await db.Regions.AsNoTracking().Under(r => r.Path, actor.RegionPath).Where(r => r.Code == regionCode).Select(r => new { r.Path, r.Name }).SingleOrDefaultAsync(cancellationToken);
        var path = region?.Path ?? (string.IsNullOrEmpty(regionCode) ? actor.RegionPath : null);
        if (path is null) return Outcome.NotFound(Messages.CountiesRegionUnknown(regionCode!));

        var choices = await db.Evaluations.AsNoTracking().Under(e => e.County.Path, path).Where(e => (year == null || e.Year == year) && (schemeId == null || e.SchemeId == schemeId))
            .GroupBy(e => new { e.Year, e.SchemeId, e.Scheme.ContentHash }).Select(g => new { g.Key.Year, g.Key.SchemeId, g.Key.ContentHash, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var choice = choices.OrderByDescending(c => c.Year).ThenByDescending(c => c.Count).FirstOrDefault();
        if (choice is null) return Outcome.NotFound(Messages.CountiesNoEvaluations(region?.Name ?? "所选地区", year));
        return Outcome.Done(new CountiesExport(choice.Year, choice.SchemeId, choice.ContentHash, path, region?.Name ?? "全部地区"));
    }

    /// <summary>
    /// The portal's download: <see cref="WriteAsync"/> through the <see cref="Reports.RenderGate"/> — refused when every slot
    /// stays busy, stopped when the budget is spent (between two counties) or the client leaves.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="aborted"/> was cancelled: the client left.</exception>
    public Task<Outcome<Unit>> ExportAsync(CountiesExport export, Stream output, CancellationToken aborted, Action<int>? observer = null) =>
        gate.RunAsync(What, async (progress, token) =>
        {
            await WriteAsync(export, output, token, progress);
            return Unit.Value;
        }, aborted, observer);

    /// <summary>The workbook written to <paramref name="output"/>; the command line calls it directly (an operator's own run has no budget).</summary>
    /// <param name="progress">Told of every row written; stops the work between rows when its token is cancelled.</param>
    public async Task WriteAsync(CountiesExport export, Stream output, CancellationToken cancellationToken, Reporting.RenderProgress? progress = null)
    {
        var scheme = await schemes.GetAsync(db, export.SchemeId, export.SchemeHash, cancellationToken);
        var counties = await db.Regions.AsNoTracking()
            .Under(r => r.Path, export.RegionPath).Where(r => r.Level == RegionLevel.County && r.IsActive).OrderBy(r => r.Code)
            .Select(r => new { r.Id, r.Code, r.Name, City = r.Parent == null ? null : r.Parent.Name }).ToListAsync(cancellationToken);
        var evaluations = EvaluationsOf(export);
        var headers = await evaluations.Select(e => new { e.Id, e.CountyId, e.Status, e.SubmittedAtUtc }).ToDictionaryAsync(e => e.CountyId, cancellationToken);
        var approved = await db.EvaluationTransitions.AsNoTracking()
            .Where(t => t.Action == ReviewAction.Approve && evaluations.Any(e => e.Id == t.EvaluationId))
            .GroupBy(t => t.EvaluationId).Select(g => new { g.Key, At = g.Max(t => t.AtUtc) })
            .ToDictionaryAsync(g => g.Key, g => g.At, cancellationToken);

        using var workbook = new CountiesWorkbook(scheme, counties.Count, progress);
        var engine = RuleEngine.For(scheme);
        foreach (var batch in counties.Chunk(Batch))
        {
            var ids = batch.Select(c => headers.GetValueOrDefault(c.Id)?.Id).OfType<int>().ToList();
            var figures = (await db.FigureValues.AsNoTracking().Where(f => ids.Contains(f.EvaluationId)).ToListAsync(cancellationToken))
                .ToLookup(f => f.EvaluationId);
            var reviews = scheme.Scoring is null ? null : await ScoreReviews.LoadAsync(db, ids, cancellationToken);
            foreach (var county in batch)
            {
                var evaluation = headers.GetValueOrDefault(county.Id);
                workbook.Add(evaluation is null
                    ? new CountyLine(county.Code, county.Name, county.City, CountyState.NotStarted.DisplayName(), null, null, null)
                    : Line(county.Code, county.Name, county.City, evaluation.Status, evaluation.SubmittedAtUtc,
                        evaluation.Status == EvaluationStatus.Approved && approved.TryGetValue(evaluation.Id, out var at) ? at : null,
                        engine.Evaluate(figures[evaluation.Id].ToValues()), reviews?.Of(evaluation.Id) ?? ScoreReview.None));
            }
        }

        await workbook.SaveAsync(output, cancellationToken);
    }

    // A county with its evaluation's results and, under a scheme that scores, its self-score and verified score.
    private static CountyLine Line(string code, string name, string? city, EvaluationStatus status, DateTime? submitted, DateTime? approved, EvaluationResult result, ScoreReview review) =>
        new(code, name, city, CountyStates.Of(status).DisplayName(Core.Scoring.Scorer.HasFigures(result)), submitted, approved, result, review.SelfScore(result), review.VerifiedScore(result));

    private IQueryable<Evaluation> EvaluationsOf(CountiesExport export) => db.Evaluations.AsNoTracking()
        .Where(e => e.SchemeId == export.SchemeId && e.Year == export.Year).Under(e => e.County.Path, export.RegionPath);
}
