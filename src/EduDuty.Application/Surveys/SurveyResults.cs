using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys;

/// <summary>A round as the results pages show it.</summary>
public sealed record SurveyRoundInfo(
    int Id, int Year, string RegionName, string Title, bool IsExample, DateOnly OpensOn, DateOnly ClosesOn, RoundPhase Phase, DateTime? FilledAtUtc)
{
    public string Period => $"{Core.Text.ChinaTime.IsoDate(OpensOn)} 至 {Core.Text.ChinaTime.IsoDate(ClosesOn)}";
}

/// <summary>One county's results in a round.</summary>
public sealed record CountySurveyResult(int CountyId, string Code, string Name, string Path, SurveyResult Result);

/// <summary>A round's results for the counties asked for (those the viewer may read), and the definition they were counted by.</summary>
public sealed record RoundResults(SurveyRoundInfo Round, SurveyDefinition Definition, IReadOnlyList<CountySurveyResult> Counties);

/// <summary>
/// The results of a survey round (issue 31): for the counties of the round the viewer may read (or one of them), one SQL
/// GROUP BY over <c>SurveyTallies</c> summing the shards, then Core's <see cref="SurveyStatistics"/>. The answers are never read.
/// </summary>
public sealed class SurveyResultsQuery(EduDutyDbContext db, TimeProvider clock)
{
    public async Task<Outcome<RoundResults>> LoadAsync(int roundId, int? countyId, SurveyViewer viewer, CancellationToken cancellationToken)
    {
        var round = await db.SurveyRounds.AsNoTracking().Where(r => r.Id == roundId)
            .Select(r => new { r.Id, r.Year, RegionName = r.Region.Name, r.Definition.Title, r.Definition.IsExample, r.Definition.Definition, r.OpensOn, r.ClosesOn, r.ClosedEarlyAtUtc, r.FilledAtUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (round is null) return Outcome.NotFound(Messages.SurveyRoundNotFound);
        var definition = SurveyLoader.Load(round.Definition).Definition;
        if (definition is null) return Outcome.NotFound(Messages.SurveyRoundNotFound);

        var counties = await CountiesAsync(roundId, countyId, cancellationToken);
        var readable = counties.Where(c => SurveyPolicy.ReadResults(viewer, c.Path) is null).ToList();
        // A county outside the viewer's region is answered as if it did not exist (404, decision 0005); a role that reads no
        // results in its own region (a department user) is told so.
        if (countyId is not null && counties.Count == 1 && readable.Count == 0)
            return SurveyPolicy.ReadResults(viewer, counties[0].Path) is { } refusal && refusal != Messages.SurveyOutOfScope
                ? Outcome.Refused(refusal)
                : Outcome.NotFound(Messages.SurveyRoundNotFound);
        if (readable.Count == 0) return Outcome.NotFound(Messages.SurveyRoundNotFound);

        var sums = await SumsAsync(roundId, countyId, cancellationToken);
        var byCounty = sums.ToLookup(s => s.CountyId, s => new TallySum(s.Group, s.Question, s.Option, s.Count));
        var info = new SurveyRoundInfo(round.Id, round.Year, round.RegionName, round.Title, round.IsExample, round.OpensOn, round.ClosesOn,
            RoundState.Phase(round.OpensOn, round.ClosesOn, round.ClosedEarlyAtUtc, clock.GetUtcNow()), round.FilledAtUtc);
        return Outcome.Done(new RoundResults(info, definition,
            readable.Select(c => new CountySurveyResult(c.Id, c.Code, c.Name, c.Path, SurveyStatistics.Compute(definition, byCounty[c.Id]))).ToList()));
    }

    /// <summary>The round of a year a county is in (at most one), or null.</summary>
    public async Task<int?> RoundOfAsync(int countyId, int year, CancellationToken cancellationToken) =>
        await db.SurveyLinks.AsNoTracking().Where(l => l.CountyId == countyId && l.Year == year).Select(l => (int?)l.RoundId).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The counties of a round (or the one asked for, when it is in the round), in code order.</summary>
    private async Task<List<RoundCounty>> CountiesAsync(int roundId, int? countyId, CancellationToken cancellationToken) =>
        await db.Regions.AsNoTracking()
            .Where(r => db.SurveyLinks.Any(l => l.RoundId == roundId && l.CountyId == r.Id) && (countyId == null || r.Id == countyId))
            .OrderBy(r => r.Code).Select(r => new RoundCounty(r.Id, r.Code, r.Name, r.Path)).ToListAsync(cancellationToken);

    /// <summary>The one statement: the round's tallies summed over their shards, per county, group, question and option.</summary>
    private async Task<List<CountySum>> SumsAsync(int roundId, int? countyId, CancellationToken cancellationToken) =>
        await db.SurveyTallies.AsNoTracking()
            .Where(t => t.RoundId == roundId && (countyId == null || t.CountyId == countyId))
            .GroupBy(t => new { t.CountyId, t.Group, t.Question, t.Option })
            .Select(g => new CountySum(g.Key.CountyId, g.Key.Group, g.Key.Question, g.Key.Option, g.Sum(t => t.Count)))
            .ToListAsync(cancellationToken);

    private sealed record RoundCounty(int Id, string Code, string Name, string Path);

    private sealed record CountySum(int CountyId, SurveyGroup Group, short Question, short Option, long Count);
}

/// <summary>A round a viewer's region takes part in.</summary>
public sealed record SurveyRoundRow(SurveyRoundInfo Round, int Counties);

/// <summary>The survey rounds with a county under the viewer's region, newest first (the 满意度调查 list).</summary>
public sealed class SurveyRoundList(EduDutyDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<SurveyRoundRow>> LoadAsync(SurveyViewer viewer, int? year, CancellationToken cancellationToken)
    {
        var counties = db.Regions.Under(c => c.Path, viewer.RegionPath).Select(c => c.Id);
        var rows = await db.SurveyRounds.AsNoTracking()
            .Where(r => (year == null || r.Year == year) && db.SurveyLinks.Any(l => l.RoundId == r.Id && counties.Contains(l.CountyId)))
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.OpensOn).ThenByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id, r.Year, RegionName = r.Region.Name, r.Definition.Title, r.Definition.IsExample, r.OpensOn, r.ClosesOn, r.ClosedEarlyAtUtc, r.FilledAtUtc,
                Counties = db.SurveyLinks.Count(l => l.RoundId == r.Id && l.Channel == SurveyChannel.Problems && counties.Contains(l.CountyId)),
            })
            .Take(100).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.Select(r => new SurveyRoundRow(new SurveyRoundInfo(r.Id, r.Year, r.RegionName, r.Title, r.IsExample, r.OpensOn, r.ClosesOn,
            RoundState.Phase(r.OpensOn, r.ClosesOn, r.ClosedEarlyAtUtc, now), r.FilledAtUtc), r.Counties)).ToList();
    }
}

/// <summary>The 满意度调查 page: each round of the viewer's region (newest first, at most <see cref="MaxRounds"/>) with its counties' results.</summary>
public sealed class SurveyOverview(SurveyRoundList rounds, SurveyResultsQuery results)
{
    public const int MaxRounds = 10;

    public async Task<IReadOnlyList<RoundResults>> LoadAsync(SurveyViewer viewer, CancellationToken cancellationToken)
    {
        var list = new List<RoundResults>();
        foreach (var row in (await rounds.LoadAsync(viewer, null, cancellationToken)).Take(MaxRounds))
        {
            var loaded = await results.LoadAsync(row.Round.Id, null, viewer, cancellationToken);
            if (loaded.IsDone) list.Add(loaded.Value!);
        }

        return list;
    }

    /// <summary>The county's results in its round of the evaluation's year (the county's own view), or not found when it is in none.</summary>
    public async Task<Outcome<RoundResults>> ForCountyAsync(int countyId, int year, SurveyViewer viewer, CancellationToken cancellationToken)
    {
        var roundId = await results.RoundOfAsync(countyId, year, cancellationToken);
        return roundId is null ? Outcome.NotFound(Messages.SurveyNoRoundForEvaluation) : await results.LoadAsync(roundId.Value, countyId, viewer, cancellationToken);
    }
}
