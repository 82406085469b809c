using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Surveys;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// A closed round's results written into the scheme field it fills (issue 31), on both databases. The survey: the example
/// with the public group's index mapped to A11.17.1 (an entered percentage of SX-2021, precision 2), opened for 运城市 from
/// 1 to 30 November 2021, answered with <see cref="SurveyResultsTests{THost}.SeedFixtureAsync"/>'s sheets: 闻喜县's public
/// index is 6 / 9 = 66.666… % → 66.67; 夏县's 0 / 2 = 0 % (known, so written); 临猗县's 2 / 2 (but its evaluation may be
/// approved); 万荣县 has no sheet (unknown: left empty).
/// </summary>
public abstract class SurveyFillTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private const string Field = "A11.17.1";
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Filling_writes_the_hand_counted_index_audited_once_and_skips_an_approved_evaluation()
    {
        var roundId = await SeedAsync();
        await SetStatusAsync("140821", EvaluationStatus.Approved); // 临猗县: approved, never changed
        var refusedWhileOpen = await FillAsync(roundId);
        Assert.Equal("survey-round-still-open", refusedWhileOpen.Reason?.Code);

        _host.Clock.Advance(TimeSpan.FromDays(30)); // 1 December: the round has closed
        var filled = await FillAsync(roundId);

        Assert.True(filled.IsDone, filled.Refusal);
        Assert.Equal(66.67m, await StoredAsync("140823"));
        Assert.Equal(0m, await StoredAsync("140828"));
        Assert.Null(await StoredAsync("140822"));
        Assert.Null(await StoredAsync("140821"));
        Assert.Contains(filled.Value!.Fields, f => f.County == "临猗县" && f.Note == "评价已审核通过，未改动");
        Assert.Contains(filled.Value.Fields, f => f.County == "万荣县" && f.Note == "无有效答卷，未填入");
        var (audits, from) = await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var id = await EvaluationIdAsync(db, "140823");
            return (await db.AuditEntries.Where(a => a.EvaluationId == id && a.Target == Field).ToListAsync(),
                await db.FigureValues.Where(f => f.EvaluationId == id && f.FieldCode == Field).Select(f => f.FromSurveyRoundId).SingleAsync());
        });
        var audit = Assert.Single(audits);
        Assert.Equal((AuditSource.Survey, "66.67"), (audit.Source, audit.NewValue));
        Assert.Equal(roundId, from);
        Assert.NotNull(await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().SurveyRounds.Where(r => r.Id == roundId).Select(r => r.FilledAtUtc).SingleAsync()));

        // Runs once: a second call (the worker's next round) says so and writes nothing.
        var again = await FillAsync(roundId);
        Assert.True(again.Value!.AlreadyFilled);
        Assert.Equal(0, await _host.WithScopeAsync(s => s.GetRequiredService<FillSurveyFields>().FillDueAsync(default)));
        Assert.Equal(1, await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var id = await EvaluationIdAsync(db, "140823");
            return await db.AuditEntries.CountAsync(a => a.EvaluationId == id && a.Target == Field);
        }));
    }

    [Fact]
    public async Task The_worker_fills_a_round_closed_early_and_the_county_cannot_change_the_value()
    {
        var roundId = await SeedAsync();
        await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().SurveyRounds.Where(r => r.Id == roundId)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClosedEarlyAtUtc, ApplicationHost.Start.UtcDateTime)));

        Assert.Equal(1, await _host.WithScopeAsync(s => s.GetRequiredService<FillSurveyFields>().FillDueAsync(default)));
        Assert.Equal(66.67m, await StoredAsync("140823"));

        var official = await _host.WithScopeAsync(async s =>
        {
            var user = await s.GetRequiredService<EduDutyDbContext>().Users.Include(u => u.Region).SingleAsync(u => u.UserName == "wenxi.official");
            return new Actor(user.Id, user.DisplayName, [Roles.CountyOfficial], user.Region.Path);
        });
        var refused = await _host.WithScopeAsync(async s =>
        {
            var id = await EvaluationIdAsync(s.GetRequiredService<EduDutyDbContext>(), "140823");
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, official, default))!;
            var version = workspace.FigureRows[Field].Version;
            return await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, official, [new FigureChange(Field, FieldValue.Of(90m), version)], null, AuditSource.Form, default);
        });
        Assert.Equal("survey-fed-field", refused.Reason?.Code);
        Assert.Equal(66.67m, await StoredAsync("140823"));
    }

    private async Task<int> SeedAsync()
    {
        var definition = await _host.WithScopeAsync(async s =>
        {
            var json = BuiltInSurveys.Files.Values.Single().Replace("\"group\": \"public\",", $"\"group\": \"public\", \"field\": \"{Field}\",", StringComparison.Ordinal);
            var db = s.GetRequiredService<EduDutyDbContext>();
            var record = new SurveyDefinitionRecord
            {
                Code = "MAPPED", Version = 1, Title = "映射测试", Year = 2021, SchemeCode = "SX-2021", Definition = json, ContentHash = SchemeRecord.HashOf(json),
            };
            db.SurveyDefinitions.Add(record);
            await db.SaveChangesAsync();
            return record.Id;
        });
        var round = await SurveyTestData.OpenAsync(_host, "140800", definition);
        await SurveyTestData.AddSheetsAsync(_host, round.RoundId, "140823", SurveyGroup.Public,
            "3=1;4=2;11=1,2;12=1", "3=2;4=6;11=2;12=3", "3=6;4=3;12=2", "3=4;11=1,3,5;12=1", "!3=1;4=1;12=1");
        await SurveyTestData.AddSheetsAsync(_host, round.RoundId, "140828", SurveyGroup.Public, "3=5;12=5");
        await SurveyTestData.AddSheetsAsync(_host, round.RoundId, "140821", SurveyGroup.Public, "3=1;12=1");
        return round.RoundId;
    }

    private Task<Outcome<SurveyFillReport>> FillAsync(int roundId) =>
        _host.WithScopeAsync(s => s.GetRequiredService<FillSurveyFields>().HandleAsync(roundId, Actor.CommandLine, default));

    private static Task<int> EvaluationIdAsync(EduDutyDbContext db, string county) =>
        db.Evaluations.Where(e => e.County.Code == county && e.Year == 2021).Select(e => e.Id).SingleAsync();

    private Task<int> SetStatusAsync(string county, EvaluationStatus status) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.County.Code == county && e.Year == 2021).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, status)));

    private Task<decimal?> StoredAsync(string county) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var id = await EvaluationIdAsync(db, county);
        return await db.FigureValues.Where(f => f.EvaluationId == id && f.FieldCode == Field).Select(f => f.Number).SingleOrDefaultAsync();
    });
}

public sealed class SqliteSurveyFillTests : SurveyFillTests<SqliteApplicationHost>;

public sealed class PostgresSurveyFillTests : SurveyFillTests<PostgresApplicationHost>;
