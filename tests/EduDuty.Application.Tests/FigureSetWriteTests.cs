using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// A set of figures across areas written at once with a condition on the version of the evaluation's figures (the API's PUT,
/// issue 29), on both databases: the area form's validation names each code, a stale version changes nothing, and of 8 or 50
/// writes based on one version exactly one is made, with one set of audit entries. 闻喜县 2021 (140823) as the test database
/// holds it; the web tests read its seeded figures through the API.
/// </summary>
public abstract class FigureSetWriteTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_set_across_areas_is_saved_checked_by_the_form_rule_and_refused_whole_on_a_stale_version()
    {
        var (id, official) = await CountyAsync();
        var (rows, version) = await StoredAsync(id);

        // Invalid: a letter in a number, a derived field, an unknown code, a code twice — each named, nothing stored.
        var invalid = await SaveAsync(id, official, version,
            new FigureSetEntry("B00.01", "12a", V(rows, "B00.01")), new FigureSetEntry("A10.03", "99", 0), new FigureSetEntry("Z99", "1", 0), new FigureSetEntry("A01.11", "x", 1), new FigureSetEntry("A01.11", "y", 1));
        Assert.Equal(OutcomeKind.Invalid, invalid.Kind);
        Assert.Equal(["B00.01", "fields[1].code", "fields[2].code", "fields[4].code"], invalid.Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.Contains("A10.03", invalid.Problems.Single(p => p.Field == "fields[1].code").Text);
        Assert.Equal(version, (await StoredAsync(id)).Version);

        // Two figures of two areas, based on the version read: both saved, the version grows by two, two audit entries from 接口.
        var done = await SaveAsync(id, official, version, new FigureSetEntry("B00.01", "1170", V(rows, "B00.01")), new FigureSetEntry("A01.11", "API 写入", V(rows, "A01.11")));
        Assert.True(done is { IsDone: true, Value.Saved: 2 }, done.Refusal);
        Assert.Equal(version + 2, done.Value!.FiguresVersion);
        var (after, afterVersion) = await StoredAsync(id);
        Assert.Equal((version + 2, "1170", "API 写入"), (afterVersion, after["B00.01"].ToValue()!.Value.ToInvariantString(), after["A01.11"].Text));
        Assert.Equal(2, await AuditedAsync(id, AuditSource.Api));

        // The same write again, on the old version: 412's conflict, nothing written.
        var stale = await SaveAsync(id, official, version, new FigureSetEntry("B00.01", "1180", V(after, "B00.01")));
        Assert.Equal((OutcomeKind.Conflict, "figures-version-stale", RefusalKind.Stale), (stale.Kind, stale.Reason!.Code, stale.Reason.Kind));
        Assert.Equal(afterVersion, (await StoredAsync(id)).Version);
        Assert.Equal(2, await AuditedAsync(id, AuditSource.Api));

        // The current version but a field's own version old: the field's conflict (409), nothing written.
        var moved = await SaveAsync(id, official, afterVersion, new FigureSetEntry("B00.01", "1180", V(rows, "B00.01")));
        Assert.Equal((OutcomeKind.Conflict, "figures-moved"), (moved.Kind, moved.Reason!.Code));
        Assert.Equal("B00.01", Assert.Single(moved.Conflicts).Target);

        // A supervisor may not write figures at all: refused before anything is read.
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        var refused = await SaveAsync(id, supervisor, afterVersion, new FigureSetEntry("B00.01", "1180", V(after, "B00.01")));
        Assert.Equal((OutcomeKind.Refused, RefusalKind.Forbidden), (refused.Kind, refused.Reason!.Kind));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Of_many_writes_based_on_one_version_exactly_one_is_made(int atOnce)
    {
        var (id, official) = await CountyAsync();
        var (rows, version) = await StoredAsync(id);
        var audited = await AuditedAsync(id, AuditSource.Api);

        // The same figures to the same values: without the condition all but the first would be "nothing to save" (done).
        var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var s = scope.ServiceProvider;
            var ws = (await s.GetRequiredService<SaveWorkspaceLoader>().LoadAsync(id, official, default))!;
            await gate();
            return await s.GetRequiredService<SaveFigureSet>().HandleAsync(ws,
                [new FigureSetEntry("B00.01", "1171", V(rows, "B00.01")), new FigureSetEntry("A01.11", "同时写入", V(rows, "A01.11"))], version, official, default);
        });

        Assert.Equal(1, outcomes.Count(o => o is { IsDone: true, Value.Saved: 2 }));
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.Equal((OutcomeKind.Conflict, "figures-version-stale"), (o.Kind, o.Reason!.Code)));
        Assert.Equal(version + 2, (await StoredAsync(id)).Version);
        Assert.Equal(audited + 2, await AuditedAsync(id, AuditSource.Api));
    }

    private static int V(Dictionary<string, FigureValue> rows, string code) => rows.GetValueOrDefault(code)?.Version ?? 0;

    private Task<Outcome<FiguresWritten>> SaveAsync(int id, Actor actor, long version, params FigureSetEntry[] entries) => _host.WithScopeAsync(async s =>
    {
        var ws = (await s.GetRequiredService<SaveWorkspaceLoader>().LoadAsync(id, actor, default))!;
        return await s.GetRequiredService<SaveFigureSet>().HandleAsync(ws, entries, version, actor, default);
    });

    private Task<(Dictionary<string, FigureValue> Rows, long Version)> StoredAsync(int id) => _host.WithScopeAsync(async s =>
    {
        var rows = await s.GetRequiredService<EduDutyDbContext>().FigureValues.AsNoTracking().Where(f => f.EvaluationId == id).ToListAsync();
        return (rows.ToDictionary(r => r.FieldCode, StringComparer.Ordinal), FigureWriter.FiguresVersion(rows));
    });

    private Task<int> AuditedAsync(int id, AuditSource source) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().AuditEntries.CountAsync(a => a.EvaluationId == id && a.Source == source));

    private Task<(int Id, Actor Actor)> CountyAsync() => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var id = await db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync();
        await db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Draft));
        return (id, await ActorAsync("wenxi.official", Roles.CountyOfficial));
    });

    private Task<Actor> ActorAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName, [role], user.Region.Path);
    });
}

public sealed class SqliteFigureSetWriteTests : FigureSetWriteTests<SqliteApplicationHost>;

public sealed class PostgresFigureSetWriteTests : FigureSetWriteTests<PostgresApplicationHost>;
