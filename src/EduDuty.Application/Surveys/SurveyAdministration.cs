using EduDuty.Application.Administration;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Core.Schemes;
using EduDuty.Core.Surveys;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys;

/// <summary>A stored survey version as the admin's list shows it.</summary>
public sealed record SurveyVersionItem(
    int Id, string Code, int Version, string Title, int? Year, string? SchemeCode, bool IsExample, string Owner, int Rounds,
    DateTime UploadedAtUtc, string? UploadedByName);

/// <summary>A stored version read back: its list row and its questionnaires as the public reads them.</summary>
public sealed record SurveyVersionPreview(SurveyVersionItem Item, SurveyDefinition Definition);

/// <summary>A round as the admin's list shows it: the answers so far are counted sheets (tally question 0, option 0).</summary>
public sealed record SurveyRoundItem(
    int Id, string Region, string RegionCode, int Year, string Survey, int SurveyVersion, DateOnly OpensOn, DateOnly ClosesOn,
    RoundPhase Phase, int Counties, long Answers);

/// <summary>A region an admin may open a round for.</summary>
public sealed record SurveyRegionChoice(string Code, string Name, RegionLevel Level, string Path);

/// <summary>A county's public door in a round: its channel and its path (the link is the portal's address plus this).</summary>
public sealed record RoundDoor(SurveyChannel Channel, string Path)
{
    public string Name => Channel.Name();
}

/// <summary>One county of a round with its doors (groups first, the problem-report form last).</summary>
public sealed record SurveyRoundCounty(int Id, string Code, string Name, IReadOnlyList<RoundDoor> Doors, long Answers);

/// <summary>A round read whole for its page.</summary>
public sealed record SurveyRoundDetail(
    int Id, string Region, string RegionPath, int Year, string SurveyTitle, string SurveyCode, int SurveyVersion, bool IsExample,
    SurveyDefinition Definition, DateOnly OpensOn, DateOnly ClosesOn, DateTime? ClosedEarlyAtUtc, RoundPhase Phase, int Version,
    string CreatedByName, IReadOnlyList<SurveyRoundCounty> Counties)
{
    /// <summary>The period as the public reads it: 2021年11月1日至2021年11月30日.</summary>
    public string Period => $"{OpensOn.Year}年{OpensOn.Month}月{OpensOn.Day}日至{ClosesOn.Year}年{ClosesOn.Month}月{ClosesOn.Day}日";
}

/// <summary>
/// The admin's survey files and rounds (issue 31, decision 0057): the versions an admin may use, one read back for preview, an
/// upload stored as the next version of its code (never overwriting one), the rounds of the admin's region with their answers
/// so far, a round's counties and doors, and closing a round early. Opening is <see cref="OpenSurveyRound"/>. Who may do what
/// is <see cref="SurveyPolicy"/>; every change is one write through the executor with its admin-audit entry.
/// </summary>
public sealed class SurveyAdministration(EduDutyDbContext db, AdminAuditLog audit, WriteExecutor executor, TimeProvider clock)
{
    /// <summary>The largest survey file accepted (the portal refuses a bigger body before reading it).</summary>
    public const int MaxFileBytes = 256 * 1024;

    /// <summary>The public questionnaire's path of a door (part B's and D's pages).</summary>
    public static string PathOf(SurveyChannel channel, string token) =>
        channel == SurveyChannel.Problems ? $"/public/problems/{token}" : $"/public/survey/{token}";

    /// <summary>Shipped versions, those of the admin's region and above, and those of regions below it.</summary>
    public async Task<IReadOnlyList<SurveyVersionItem>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var rows = await Visible(actor).OrderBy(d => d.Code).ThenByDescending(d => d.Version)
            .Select(d => new
            {
                d.Id, d.Code, d.Version, d.Title, d.Year, d.SchemeCode, d.IsExample, d.UploadedAtUtc, d.UploadedByName,
                Owner = d.OwnerRegionId == null ? null : db.Regions.Where(r => r.Id == d.OwnerRegionId).Select(r => r.Name).FirstOrDefault(),
                Rounds = db.SurveyRounds.Count(r => r.DefinitionId == d.Id),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(d => new SurveyVersionItem(d.Id, d.Code, d.Version, d.Title, d.Year, d.SchemeCode, d.IsExample, d.Owner ?? "系统内置", d.Rounds, d.UploadedAtUtc, d.UploadedByName)).ToList();
    }

    /// <summary>One version with its questionnaires, or null when it does not exist or the admin may not see it.</summary>
    public async Task<SurveyVersionPreview?> PreviewAsync(int id, Actor actor, CancellationToken cancellationToken = default)
    {
        var item = (await ListAsync(actor, cancellationToken)).FirstOrDefault(i => i.Id == id);
        if (item is null) return null;
        var json = await db.SurveyDefinitions.Where(d => d.Id == id).Select(d => d.Definition).SingleAsync(cancellationToken);
        return SurveyLoader.Load(json).Definition is { } definition ? new SurveyVersionPreview(item, definition) : null;
    }

    /// <summary>
    /// Stores a survey file as the next version of its code: invalid with every problem of the file by its place (the loader's,
    /// then the mapped fields against the named scheme), refused when the code is another region's or shipped, or when the file
    /// is the newest version exactly. The uploader's region owns a new code.
    /// </summary>
    public Task<Outcome<SurveyVersionItem>> UploadAsync(string? json, Actor actor, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync<SurveyVersionItem>($"upload survey by {actor.Id}", async (_, ct) =>
        {
            var viewer = new SurveyViewer(actor.Roles, actor.RegionPath);
            if (SurveyPolicy.Manage(viewer, actor.RegionPath) is { } refusal) return Outcome.Refused(refusal);
            if (string.IsNullOrWhiteSpace(json) || json.Length > MaxFileBytes) return Outcome.Invalid("SurveyFile", Messages.SurveyFileMissing(MaxFileBytes / 1024));
            var loaded = SurveyLoader.Load(json);
            if (loaded.Definition is not { } definition) return Outcome.Invalid(ProblemsOf(loaded.Errors));
            if (definition.SchemeCode is { } schemeCode)
            {
                var schemeJson = await db.Schemes.AsNoTracking().Where(s => s.Code == schemeCode).OrderByDescending(s => s.Version)
                    .Select(s => s.Definition).FirstOrDefaultAsync(ct);
                if (schemeJson is null) return Outcome.Invalid("scheme", Messages.SurveySchemeMissing(schemeCode));
                var fieldErrors = SurveyFields.Check(definition, SchemeLoader.Load(schemeJson));
                if (fieldErrors.Count > 0) return Outcome.Invalid(ProblemsOf(fieldErrors));
            }
            else if (definition.FieldSources.Any())
            {
                return Outcome.Invalid("scheme", "问卷文件写了 field（填入方案指标），就必须用 scheme 写明方案代码（如 SX-2021）。");
            }

            var versions = await db.SurveyDefinitions.Where(d => d.Code == definition.Code)
                .Select(d => new { d.Version, d.ContentHash, d.OwnerRegionId, OwnerPath = db.Regions.Where(r => r.Id == d.OwnerRegionId).Select(r => r.Path).FirstOrDefault() })
                .ToListAsync(ct);
            int? ownerId;
            string ownerPath;
            if (versions.Count > 0)
            {
                var newest = versions.MaxBy(v => v.Version)!;
                if (SurveyPolicy.NewVersion(viewer, newest.OwnerPath, definition.Code) is { } taken) return Outcome.Refused(taken);
                if (newest.ContentHash == SchemeRecord.HashOf(json)) return Outcome.Refused(Messages.SurveyUnchanged(definition.Code, newest.Version));
                ownerId = newest.OwnerRegionId;
                ownerPath = newest.OwnerPath ?? string.Empty;
            }
            else
            {
                var own = await db.Regions.Where(r => r.Path == actor.RegionPath).Select(r => new { r.Id, r.Path }).SingleOrDefaultAsync(ct);
                ownerId = own?.Id;
                ownerPath = own?.Path ?? string.Empty;
            }

            var record = new SurveyDefinitionRecord
            {
                Code = definition.Code, Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1, Title = definition.Title,
                Year = definition.Year, SchemeCode = definition.SchemeCode, IsExample = definition.IsExample, Definition = json,
                ContentHash = SchemeRecord.HashOf(json), OwnerRegionId = ownerId, UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
                UploadedByName = actor.RecordedName,
            };
            db.SurveyDefinitions.Add(record);
            var questions = definition.Questionnaires.Sum(q => q.Questions.Count());
            audit.Add(actor, AdminAction.UploadSurvey, $"{record.Title}（{record.Code}）",
                versions.Count == 0 ? null : $"第{versions.Max(v => v.Version)}版", $"第{record.Version}版：{definition.Questionnaires.Count} 份问卷，{questions} 道题", ownerPath);
            return Outcome.Done(
                new SurveyVersionItem(0, record.Code, record.Version, record.Title, record.Year, record.SchemeCode, record.IsExample, "", 0, record.UploadedAtUtc, record.UploadedByName),
                $"已保存问卷《{record.Title}》第 {record.Version} 版（{definition.Questionnaires.Count} 份问卷，共 {questions} 道题）。");
        }, cancellationToken);

    /// <summary>
    /// The stored version a command-line opening uses: <paramref name="code"/> at <paramref name="version"/> (its newest when
    /// null), or without a code the newest version of the one survey stored for <paramref name="year"/>; invalid, naming the
    /// stored codes, when there is none or there are several.
    /// </summary>
    public async Task<Outcome<SurveyVersionItem>> ChooseAsync(int year, string? code, int? version, Actor actor, CancellationToken cancellationToken = default)
    {
        var versions = await ListAsync(actor, cancellationToken);
        string Codes(IEnumerable<SurveyVersionItem> items) => string.Join("、", items.Select(v => v.Year is { } y ? $"{v.Code}（{y}年度）" : v.Code).Distinct());
        if (code is not null)
        {
            var ofCode = versions.Where(v => string.Equals(v.Code, code, StringComparison.Ordinal)).ToList();
            if (ofCode.Count == 0)
                return Outcome.Invalid("survey", $"没有代码为“{code}”的问卷。已保存的问卷：{(versions.Count == 0 ? "无" : Codes(versions))}。");
            var chosen = version is { } v ? ofCode.FirstOrDefault(x => x.Version == v) : ofCode.MaxBy(x => x.Version);
            return chosen is null
                ? Outcome.Invalid("survey", $"问卷“{code}”没有第 {version} 版，已有：{string.Join("、", ofCode.Select(x => $"第 {x.Version} 版"))}。")
                : Outcome.Done(chosen);
        }

        var ofYear = versions.Where(v => v.Year == year).GroupBy(v => v.Code).ToList();
        return ofYear.Count switch
        {
            1 => Outcome.Done(ofYear[0].MaxBy(v => v.Version)!),
            0 => Outcome.Invalid("survey", $"没有 {year} 年度的问卷。请用 --survey 指定问卷代码；已保存的问卷：{(versions.Count == 0 ? "无" : Codes(versions))}。"),
            _ => Outcome.Invalid("survey", $"{year} 年度有 {ofYear.Count} 份问卷：{string.Join("、", ofYear.Select(g => g.Key))}。请用 --survey 指定其中一份。"),
        };
    }

    /// <summary>The regions the admin may open a round for: their own and every province, city or county under it.</summary>
    public async Task<IReadOnlyList<SurveyRegionChoice>> RegionsAsync(Actor actor, CancellationToken cancellationToken = default) =>
        (await db.Regions.AsNoTracking().Under(r => r.Path, actor.RegionPath).Where(r => r.IsActive)
            .Select(r => new { r.Code, r.Name, r.Level, r.Path }).ToListAsync(cancellationToken))
        .OrderBy(r => r.Path, StringComparer.Ordinal).Select(r => new SurveyRegionChoice(r.Code, r.Name, r.Level, r.Path)).ToList();

    /// <summary>The rounds of regions under the admin's (newest year first), with the counted sheets so far.</summary>
    public async Task<IReadOnlyList<SurveyRoundItem>> RoundsAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        var rounds = await db.SurveyRounds.AsNoTracking().Under(r => r.Region.Path, actor.RegionPath)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id, Region = r.Region.Name, RegionCode = r.Region.Code, r.Year, Survey = r.Definition.Title, SurveyVersion = r.Definition.Version,
                r.OpensOn, r.ClosesOn, r.ClosedEarlyAtUtc,
                Counties = db.SurveyLinks.Where(l => l.RoundId == r.Id).Select(l => l.CountyId).Distinct().Count(),
            })
            .Take(200).ToListAsync(cancellationToken);
        var ids = rounds.Select(r => r.Id).ToList();
        var answers = await AnswersAsync(db.SurveyTallies.Where(t => ids.Contains(t.RoundId)), t => t.RoundId, cancellationToken);
        var now = clock.GetUtcNow();
        return rounds.Select(r => new SurveyRoundItem(r.Id, r.Region, r.RegionCode, r.Year, r.Survey, r.SurveyVersion, r.OpensOn, r.ClosesOn,
            RoundState.Phase(r.OpensOn, r.ClosesOn, r.ClosedEarlyAtUtc, now), r.Counties, answers.GetValueOrDefault(r.Id))).ToList();
    }

    // Counted sheets (question 0, option 0) summed per key, in SQL.
    private static async Task<Dictionary<int, long>> AnswersAsync(IQueryable<SurveyTally> tallies, System.Linq.Expressions.Expression<Func<SurveyTally, int>> key, CancellationToken cancellationToken) =>
        (await tallies.Where(t => t.Question == 0 && t.Option == 0).GroupBy(key)
            .Select(g => new { g.Key, Count = g.Sum(t => t.Count) }).ToListAsync(cancellationToken))
        .ToDictionary(x => x.Key, x => x.Count);

    /// <summary>A round with its counties and doors; not found when it does not exist or is outside the admin's region.</summary>
    public async Task<Outcome<SurveyRoundDetail>> RoundAsync(int roundId, Actor actor, CancellationToken cancellationToken = default)
    {
        var round = await db.SurveyRounds.AsNoTracking().Where(r => r.Id == roundId)
            .Select(r => new
            {
                r.Id, Region = r.Region.Name, RegionPath = r.Region.Path, r.Year, r.Definition.Title, r.Definition.Code, DefinitionVersion = r.Definition.Version,
                r.Definition.IsExample, Json = r.Definition.Definition, r.OpensOn, r.ClosesOn, r.ClosedEarlyAtUtc, r.Version, r.CreatedByName,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (round is null || SurveyPolicy.Manage(new SurveyViewer(actor.Roles, actor.RegionPath), round.RegionPath) is not null)
            return Outcome.NotFound(Messages.SurveyNotFound);
        var definition = SurveyLoader.Load(round.Json).Definition;
        if (definition is null) return Outcome.NotFound(Messages.SurveyNotFound);
        var links = await db.SurveyLinks.AsNoTracking().Where(l => l.RoundId == roundId)
            .Select(l => new { l.CountyId, CountyCode = l.County.Code, CountyName = l.County.Name, l.Channel, l.Token })
            .ToListAsync(cancellationToken);
        var answers = await AnswersAsync(db.SurveyTallies.Where(t => t.RoundId == roundId), t => t.CountyId, cancellationToken);
        var counties = links.GroupBy(l => (l.CountyId, l.CountyCode, l.CountyName)).OrderBy(g => g.Key.CountyCode, StringComparer.Ordinal)
            .Select(g => new SurveyRoundCounty(g.Key.CountyId, g.Key.CountyCode, g.Key.CountyName,
                g.OrderBy(l => (int)l.Channel).Select(l => new RoundDoor(l.Channel, PathOf(l.Channel, l.Token))).ToList(),
                answers.GetValueOrDefault(g.Key.CountyId)))
            .ToList();
        return Outcome.Done(new SurveyRoundDetail(round.Id, round.Region, round.RegionPath, round.Year, round.Title, round.Code, round.DefinitionVersion,
            round.IsExample, definition, round.OpensOn, round.ClosesOn, round.ClosedEarlyAtUtc,
            RoundState.Phase(round.OpensOn, round.ClosesOn, round.ClosedEarlyAtUtc, clock.GetUtcNow()), round.Version, round.CreatedByName ?? "", counties));
    }

    /// <summary>
    /// 结束调查: closes an open (or not yet open) round now. <paramref name="version"/> is the round's version the admin saw: a
    /// round changed since is a conflict; an ended one is refused. Audited.
    /// </summary>
    public Task<Outcome<Unit>> CloseAsync(int roundId, int version, Actor actor, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync<Unit>($"close survey round {roundId} by {actor.Id}", async (scope, ct) =>
        {
            var round = await db.SurveyRounds.Include(r => r.Region).Include(r => r.Definition).SingleOrDefaultAsync(r => r.Id == roundId, ct);
            if (round is null || SurveyPolicy.Manage(new SurveyViewer(actor.Roles, actor.RegionPath), round.Region.Path) is not null)
                return Outcome.NotFound(Messages.SurveyNotFound);
            var now = clock.GetUtcNow();
            if (RoundState.Phase(round.OpensOn, round.ClosesOn, round.ClosedEarlyAtUtc, now) == RoundPhase.Closed) return Outcome.Refused(Messages.SurveyAlreadyClosed);
            if (round.Version != version) return Outcome.Conflict(Messages.RowChanged);
            round.ClosedEarlyAtUtc = now.UtcDateTime;
            round.Version++;
            audit.Add(actor, AdminAction.CloseSurvey, $"{round.Region.Name} {round.Year} 年度 {round.Definition.Title}",
                $"{ChinaTime.IsoDate(round.OpensOn)} 至 {ChinaTime.IsoDate(round.ClosesOn)}", $"提前于 {ChinaTime.IsoTimestamp(now.UtcDateTime)} 结束", round.Region.Path);
            await scope.FlushAsync(ct);
            return Outcome.DoneSaying($"已结束{round.Region.Name}的这次调查，此后不再接受答卷和问题线索。");
        }, cancellationToken);

    private IQueryable<SurveyDefinitionRecord> Visible(Actor actor)
    {
        var owners = db.Regions.OnBranchOf(r => r.Path, actor.RegionPath).Select(r => (int?)r.Id);
        return db.SurveyDefinitions.AsNoTracking().Where(d => d.OwnerRegionId == null || owners.Contains(d.OwnerRegionId));
    }

    private static IReadOnlyList<FieldProblem> ProblemsOf(IReadOnlyList<SchemeError> errors) =>
        errors.Count > 0 ? errors.Select(e => new FieldProblem(e.Location, e.ToString())).ToList() : [new FieldProblem("SurveyFile", "问卷文件无效，请检查后重新上传。")];
}
