using System.Security.Cryptography;
using EduDuty.Application.Administration;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Core.Surveys;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys;

/// <summary>What an admin asks for: a stored survey version, a year, a region (by its code) and a period (China dates, both included).</summary>
public sealed record OpenSurveyInput(int DefinitionId, int Year, string RegionCode, DateOnly OpensOn, DateOnly ClosesOn);

/// <summary>A round opened: its id and each county's doors (token per channel).</summary>
public sealed record OpenedRound(int RoundId, IReadOnlyList<OpenedCounty> Counties);

public sealed record OpenedCounty(int CountyId, string Code, string Name, IReadOnlyDictionary<SurveyChannel, string> Tokens);

/// <summary>
/// Opens a survey for a year, a region and a period (issue 31): every active county under the region gets one random link per
/// group of the questionnaire and one for problem reports, in one write with its admin-audit entry. A county already in a
/// round of that year is refused by name (checked first, and held by the unique index on (year, county, channel) when two
/// admins open at once).
/// </summary>
public sealed class OpenSurveyRound(EduDutyDbContext db, AdminAuditLog audit, WriteExecutor executor, TimeProvider clock)
{
    public async Task<Outcome<OpenedRound>> HandleAsync(OpenSurveyInput input, Actor actor, CancellationToken cancellationToken)
    {
        var region = await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == input.RegionCode, cancellationToken);
        if (region is null) return Outcome.Invalid("RegionCode", $"地区代码“{input.RegionCode}”不存在，请从列表中选择地区。");
        if (SurveyPolicy.Manage(new SurveyViewer(actor.Roles, actor.RegionPath), region.Path) is { } refusal) return Outcome.Refused(refusal);
        var stored = await db.SurveyDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == input.DefinitionId, cancellationToken);
        if (stored is null) return Outcome.Invalid("DefinitionId", "所选问卷不存在，请从列表中选择问卷。");
        var definition = SurveyLoader.Load(stored.Definition).Definition;
        if (definition is null) return Outcome.Invalid("DefinitionId", "所选问卷文件已损坏，请重新上传问卷。");
        if (input.Year is < 2000 or > 2100) return Outcome.Invalid("Year", "年度应为 2000 至 2100 之间的整数。");
        if (input.ClosesOn < input.OpensOn) return Outcome.Invalid("ClosesOn", "结束日期不能早于开始日期。");
        if (input.ClosesOn < ChinaTime.Today(clock)) return Outcome.Invalid("ClosesOn", "结束日期已过，请选择今天或以后的日期。");

        var counties = await db.Regions.AsNoTracking().Under(r => r.Path, region.Path)
            .Where(r => r.Level == RegionLevel.County && r.IsActive).OrderBy(r => r.Code)
            .Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(cancellationToken);
        if (counties.Count == 0) return Outcome.Invalid("RegionCode", $"{region.Name}下没有启用的县（市、区），不能开启调查。");
        var channels = definition.Questionnaires.Select(q => (SurveyChannel)q.Group).Append(SurveyChannel.Problems).ToList();
        var fieldCodes = SurveyFedFields.Format(definition.FieldSources.Select(s => s.FieldCode));

        var ids = counties.Select(c => c.Id).ToList();
        var outcome = await executor.ExecuteAsync<OpenedRound>($"open survey {stored.Code} v{stored.Version} for {region.Code} {input.Year} by {actor.Id}", async (scope, ct) =>
        {
            if (await TakenAsync(input.Year, ids, ct) is { } taken) return taken;
            var now = clock.GetUtcNow().UtcDateTime;
            var round = new SurveyRound
            {
                DefinitionId = stored.Id, Year = input.Year, RegionId = region.Id, OpensOn = input.OpensOn, ClosesOn = input.ClosesOn,
                FieldCodes = fieldCodes, CreatedAtUtc = now, CreatedByUserId = actor.IsCommandLine ? null : actor.Id, CreatedByName = actor.RecordedName,
            };
            db.SurveyRounds.Add(round);
            var opened = new List<OpenedCounty>();
            foreach (var county in counties)
            {
                var tokens = channels.ToDictionary(c => c, _ => NewToken());
                foreach (var (channel, token) in tokens)
                    db.SurveyLinks.Add(new SurveyLink { Round = round, Year = input.Year, CountyId = county.Id, Channel = channel, Token = token });
                opened.Add(new OpenedCounty(county.Id, county.Code, county.Name, tokens));
            }

            audit.Add(actor, AdminAction.OpenSurvey, $"{region.Name} {input.Year} 年度 {stored.Title}",
                null, $"{ChinaTime.IsoDate(input.OpensOn)} 至 {ChinaTime.IsoDate(input.ClosesOn)}，{counties.Count} 个县", region.Path);
            await scope.FlushAsync(ct);
            return Outcome.Done(new OpenedRound(round.Id, opened), $"已为{region.Name}的 {counties.Count} 个县开启满意度调查。");
        }, cancellationToken);

        // Two admins opening overlapping regions at once: both found the counties free, and the unique index on (year, county,
        // channel) refused the later commit. Answer that one as the check would have, with the counties named.
        if (outcome.Kind == OutcomeKind.Refused && outcome.Reason?.Code == Messages.SaveFailed.Code && await TakenAsync(input.Year, ids, cancellationToken) is { } raced)
            return raced;
        return outcome;
    }

    // The counties of the list already in a round of the year (at most five named), or null when none is.
    private async Task<Failure?> TakenAsync(int year, List<int> ids, CancellationToken cancellationToken)
    {
        var taken = await db.SurveyLinks.Where(l => l.Year == year && ids.Contains(l.CountyId))
            .Select(l => l.County.Code).Distinct().ToListAsync(cancellationToken);
        if (taken.Count == 0) return null;
        var names = await db.Regions.Where(r => taken.Contains(r.Code)).OrderBy(r => r.Code).Select(r => r.Name).Take(5).ToListAsync(cancellationToken);
        var more = taken.Count > names.Count ? $"等 {taken.Count} 个县" : string.Empty;
        return Outcome.Invalid("RegionCode", Messages.SurveyCountiesTaken(year, string.Join("、", names) + more));
    }

    /// <summary>22 URL-safe characters from 16 random bytes.</summary>
    public static string NewToken() => DoorTokens.New();
}
