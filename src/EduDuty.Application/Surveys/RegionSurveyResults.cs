using EduDuty.Core.Messaging;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys;

/// <summary>One county of a region in its round of the year: where it was surveyed and its results.</summary>
public sealed record RegionCountyResult(SurveyRoundInfo Round, CountySurveyResult County);

/// <summary>
/// A region's survey results for a year (issue 31): every county under the region that is in a round of that year (a county is
/// in at most one), with its results — the command line's <c>survey results</c> and the 督导总览's index by county.
/// </summary>
public sealed class RegionSurveyResults(EduDutyDbContext db, SurveyResultsQuery results)
{
    public async Task<Outcome<IReadOnlyList<RegionCountyResult>>> LoadAsync(int year, string regionCode, SurveyViewer viewer, CancellationToken cancellationToken)
    {
        var region = await db.Regions.AsNoTracking().Where(r => r.Code == regionCode).Select(r => new { r.Path, r.Name }).SingleOrDefaultAsync(cancellationToken);
        if (region is null) return Outcome.Invalid("region", $"地区代码“{regionCode}”不存在，请写 6 位行政区划代码，如 140800。");
        if (!Core.Regions.RegionPaths.Covers(viewer.RegionPath, region.Path) && !Core.Regions.RegionPaths.Covers(region.Path, viewer.RegionPath))
            return Outcome.Refused(Messages.SurveyOutOfScope);
        return Outcome.Done(await LoadByPathAsync(year, region.Path, viewer, cancellationToken));
    }

    /// <summary>The counties under <paramref name="regionPath"/> that the viewer may read, in the rounds of the year, by code.</summary>
    public async Task<IReadOnlyList<RegionCountyResult>> LoadByPathAsync(int year, string regionPath, SurveyViewer viewer, CancellationToken cancellationToken)
    {
        var counties = db.Regions.Under(r => r.Path, regionPath).Select(r => r.Id);
        var rounds = await db.SurveyRounds.AsNoTracking()
            .Where(r => r.Year == year && db.SurveyLinks.Any(l => l.RoundId == r.Id && counties.Contains(l.CountyId)))
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        var rows = new List<RegionCountyResult>();
        foreach (var roundId in rounds)
        {
            var loaded = await results.LoadAsync(roundId, null, viewer, cancellationToken);
            if (!loaded.IsDone) continue;
            rows.AddRange(loaded.Value!.Counties.Where(c => Core.Regions.RegionPaths.Covers(regionPath, c.Path)).Select(c => new RegionCountyResult(loaded.Value.Round, c)));
        }

        return rows.OrderBy(r => r.County.Code, StringComparer.Ordinal).ToList();
    }
}
