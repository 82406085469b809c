using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Surveys;
using EduDuty.Core.Figures;
using EduDuty.Core.Security;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The surveys' foundation (issue 31) on both databases: opening a round gives every county of the region its doors (the
/// reference regions: 运城市 has five counties — 盐湖区, 临猗县, 万荣县, 闻喜县, 夏县 — and the example survey three groups plus
/// the problem-report form); a county is in one round per year; a field a round fills is nobody's to type.
/// </summary>
public abstract class SurveyFoundationTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_round_for_a_city_gives_each_county_a_door_per_group_and_one_for_problem_reports()
    {
        var opened = await OpenAsync("140800", await ExampleIdAsync());

        Assert.True(opened.IsDone, opened.Refusal);
        Assert.Equal(["140802", "140821", "140822", "140823", "140828"], opened.Value!.Counties.Select(c => c.Code));
        var links = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().SurveyLinks.Where(l => l.RoundId == opened.Value.RoundId).ToListAsync());
        Assert.Equal(20, links.Count);
        Assert.All(links, l => Assert.Matches("^[A-Za-z0-9_-]{22}$", l.Token));
        Assert.Equal(20, links.Select(l => l.Token).Distinct().Count());
        Assert.Equal(5, links.Count(l => l.Channel == SurveyChannel.Problems));
    }

    [Fact]
    public async Task A_county_already_in_a_round_of_the_year_is_refused_by_name_and_nothing_is_written()
    {
        var example = await ExampleIdAsync();
        Assert.True((await OpenAsync("140823", example)).IsDone);

        var again = await OpenAsync("140800", example);

        Assert.False(again.IsDone);
        Assert.Contains("闻喜县", again.Problems![0].Text);
        Assert.Equal(1, await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().SurveyRounds.CountAsync()));
    }

    [Fact]
    public async Task A_field_a_round_fills_is_refused_to_the_county_unless_left_as_stored()
    {
        // A11.17.1 is an entered percentage of SX-2021 (上年学生近视率): any such field may be filled from a survey.
        var definition = await StoreMappedSurveyAsync("A11.17.1");
        Assert.True((await OpenAsync("140823", definition)).IsDone);
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);
        var id = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations
            .Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync());

        var refused = await WriteAsync(id, official, "A11.17.1", 12.5m);
        var other = await WriteAsync(id, official, "A11.17.2", 11m);

        Assert.Equal("survey-fed-field", refused.Reason?.Code);
        Assert.True(other.IsDone, other.Refusal);
        Assert.Null(await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FigureValues
            .Where(f => f.EvaluationId == id && f.FieldCode == "A11.17.1").Select(f => f.Number).SingleOrDefaultAsync()));
    }

    private Task<int> ExampleIdAsync() => _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().SurveyDefinitions
        .Where(d => d.Code == BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync());

    private Task<int> StoreMappedSurveyAsync(string field) => _host.WithScopeAsync(async s =>
    {
        var json = BuiltInSurveys.Files.Values.Single().Replace("\"group\": \"public\",", $"\"group\": \"public\", \"field\": \"{field}\",", StringComparison.Ordinal);
        var loaded = SurveyLoader.Load(json);
        Assert.Equal([field], loaded.Definition!.FieldSources.Select(f => f.FieldCode));
        var db = s.GetRequiredService<EduDutyDbContext>();
        var record = new SurveyDefinitionRecord
        {
            Code = "MAPPED", Version = 1, Title = "映射测试", Year = 2021, SchemeCode = "SX-2021", Definition = json, ContentHash = SchemeRecord.HashOf(json),
        };
        db.SurveyDefinitions.Add(record);
        await db.SaveChangesAsync();
        return record.Id;
    });

    private Task<Outcome<OpenedRound>> OpenAsync(string region, int definition) => _host.WithScopeAsync(s =>
        s.GetRequiredService<OpenSurveyRound>().HandleAsync(
            new OpenSurveyInput(definition, 2021, region, new DateOnly(2021, 11, 1), new DateOnly(2021, 11, 30)), Actor.CommandLine, default));

    private Task<Outcome<FiguresWritten>> WriteAsync(int id, Actor actor, string code, decimal value) => _host.WithScopeAsync(async s =>
    {
        var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default))!;
        var version = workspace.FigureRows.GetValueOrDefault(code)?.Version ?? 0;
        return await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, actor, [new FigureChange(code, FieldValue.Of(value), version)], null, AuditSource.Form, default);
    });

    private Task<Actor> ActorAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName, [role], user.Region.Path);
    });
}

public sealed class SqliteSurveyFoundationTests : SurveyFoundationTests<SqliteApplicationHost>;

public sealed class PostgresSurveyFoundationTests : SurveyFoundationTests<PostgresApplicationHost>;
