using EduDuty.Application.Departments;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Departments;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EduDuty.Application.Tests;

/// <summary>
/// Issue 30, part C: the county's decisions on its departments' parts started at the same moment, 8 and 50 at once on both
/// databases — accepts and returns of one field (exactly one decides it), accepts against the department's resubmission (an
/// accept lands only after the field was sent again, never on the returned one), and accepts against the department's saves
/// (nothing the department writes lands on a field sent or accepted).
/// </summary>
public abstract class DepartmentReviewRaceTests<THost> : IClassFixture<THost>, IAsyncLifetime
    where THost : ApplicationHost
{
    private readonly THost _host;
    private readonly ITestOutputHelper _output;
    private int _id;

    protected DepartmentReviewRaceTests(THost host, ITestOutputHelper output)
    {
        (_host, _output) = (host, output);
        host.Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
    }

    public async Task InitializeAsync()
    {
        _id = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations
            .Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync());
        await DepartmentTestData.ResetAsync(_host, _id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(8, 4)]
    [InlineData(50, 2)]
    public async Task Accepts_and_returns_of_one_field_at_once_decide_it_exactly_once(int atOnce, int rounds)
    {
        var official = await DepartmentTestData.ActorAsync(_host, "wenxi.official");
        var code = DepartmentTestData.FinanceNumbers[0];
        for (var round = 0; round < rounds; round++)
        {
            await DepartmentTestData.SubmitAsync(_host, _id, code);
            var start = _host.Clock.GetUtcNow().UtcDateTime;
            var version = await VersionAsync(code);
            var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
            {
                await using var scope = _host.Services.CreateAsyncScope();
                var workspace = (await scope.ServiceProvider.GetRequiredService<WorkspaceLoader>().LoadAsync(_id, official, default))!;
                await gate();
                var accept = i % 2 == 0;
                var outcome = await scope.ServiceProvider.GetRequiredService<ReviewDepartmentParts>()
                    .HandleAsync(workspace, official, [new PartDecision(code, accept, accept ? null : $"第 {i} 位：请核实", version)], default);
                return (Accept: accept, outcome.IsDone, outcome.Kind);
            });

            var done = Assert.Single(outcomes, o => o.IsDone);
            Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.Equal(OutcomeKind.Conflict, o.Kind));
            var state = await StateAsync(code);
            Assert.Equal(done.Accept ? DepartmentFieldStatus.Accepted : DepartmentFieldStatus.Returned, state.Status);
            Assert.Equal(version + 1, state.Version);
            Assert.Single(await DecisionsAsync(code, start));
            _output.WriteLine($"{typeof(THost).Name}: {atOnce} at once, round {round}: decided by {(done.Accept ? "an accept" : "a return")}");
        }
    }

    [Theory]
    [InlineData(8, 4)]
    [InlineData(50, 2)]
    public async Task Accepts_started_with_the_departments_resubmission_land_only_after_it(int atOnce, int rounds)
    {
        var official = await DepartmentTestData.ActorAsync(_host, "wenxi.official");
        var caizheng = await DepartmentTestData.ActorAsync(_host, "wenxi.caizheng");
        var codes = DepartmentTestData.FinanceNumbers.Take(4).ToList();
        var (landed, refused) = (0, 0);
        for (var round = 0; round < rounds; round++)
        {
            await DepartmentTestData.SubmitAsync(_host, _id, [.. codes]);
            await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().DepartmentFieldStates.Where(x => x.EvaluationId == _id && codes.Contains(x.FieldCode))
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, DepartmentFieldStatus.Returned).SetProperty(x => x.Reason, "请核实")));
            var start = _host.Clock.GetUtcNow().UtcDateTime;
            var resubmitAt = new Random(round).Next(atOnce);
            var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
            {
                await using var scope = _host.Services.CreateAsyncScope();
                var s = scope.ServiceProvider;
                if (i == resubmitAt)
                {
                    var own = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(_id, caizheng, default))!;
                    await gate();
                    var sent = await ResubmitAsync(s, own, caizheng, codes);
                    return (Code: (string?)null, Done: sent);
                }

                var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(_id, official, default))!;
                await gate();
                var code = codes[i % codes.Count];
                var outcome = await s.GetRequiredService<ReviewDepartmentParts>().HandleAsync(workspace, official, [new PartDecision(code, true)], default);
                return (Code: (string?)code, Done: outcome.IsDone);
            });

            Assert.True(outcomes.Single(o => o.Code is null).Done);
            var sentAt = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AuditEntries.AsNoTracking()
                .Where(a => a.EvaluationId == _id && a.Kind == AuditKind.DepartmentPart && a.AtUtc >= start && a.NewValue == "已报送").MaxAsync(a => a.AtUtc));
            foreach (var code in codes)
            {
                var decisions = await DecisionsAsync(code, start);
                var accepted = decisions.Where(d => d.NewValue == "已采纳").ToList();
                Assert.True(accepted.Count <= 1, $"{code} accepted {accepted.Count} times");
                Assert.All(accepted, a => Assert.True(a.AtUtc > sentAt, $"{code} accepted at {a.AtUtc:O}, sent again at {sentAt:O}"));
                Assert.Equal(accepted.Count == 1 ? DepartmentFieldStatus.Accepted : DepartmentFieldStatus.Submitted, (await StateAsync(code)).Status);
            }

            landed += outcomes.Count(o => o.Code is not null && o.Done);
            refused += outcomes.Count(o => o.Code is not null && !o.Done);
        }

        _output.WriteLine($"{typeof(THost).Name}: {atOnce} at once × {rounds}: {landed} accepts after the resubmission, {refused} refused");
        Assert.Equal((atOnce - 1) * rounds, landed + refused);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task The_departments_saves_started_with_an_accept_never_change_the_field(int atOnce)
    {
        var official = await DepartmentTestData.ActorAsync(_host, "wenxi.official");
        var caizheng = await DepartmentTestData.ActorAsync(_host, "wenxi.caizheng");
        var code = DepartmentTestData.FinanceNumbers[0];
        await WriteAsync(caizheng, code, DepartmentTestData.Golden(code));
        await DepartmentTestData.SubmitAsync(_host, _id, code);
        var acceptAt = atOnce / 2;

        var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var s = scope.ServiceProvider;
            var actor = i == acceptAt ? official : caizheng;
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(_id, actor, default))!;
            var version = workspace.FigureRows[code].Version;
            await gate();
            if (i == acceptAt)
                return (await s.GetRequiredService<ReviewDepartmentParts>().HandleAsync(workspace, actor, [new PartDecision(code, true)], default)).IsDone;
            return (await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, actor, [new FigureChange(code, FieldValue.Of(1000m + i), version)], null, AuditSource.Department, default)).IsDone;
        });

        Assert.True(outcomes[acceptAt]);
        Assert.Equal(1, outcomes.Count(o => o));
        Assert.Equal(DepartmentFieldStatus.Accepted, (await StateAsync(code)).Status);
        Assert.Equal(DepartmentTestData.Golden(code).ToInvariantString(), await _host.WithScopeAsync(async s =>
            (await s.GetRequiredService<EduDutyDbContext>().FigureValues.AsNoTracking().SingleAsync(f => f.EvaluationId == _id && f.FieldCode == code)).ToValue()?.ToInvariantString()));
    }

    // The department's resubmission as part B stores it: under its own claim (DepartmentSubmit), its returned fields sent again, audited.
    private static async Task<bool> ResubmitAsync(IServiceProvider s, Workspace workspace, Actor actor, IReadOnlyList<string> codes)
    {
        var write = await s.GetRequiredService<ContentWriter>().WriteAsync(EvaluationAction.DepartmentSubmit, workspace, actor, AuditSource.Department, async (scope, ct) =>
        {
            var rows = await scope.Db.DepartmentFieldStates.Where(x => x.EvaluationId == workspace.Id && codes.Contains(x.FieldCode) && x.Status == DepartmentFieldStatus.Returned).ToListAsync(ct);
            foreach (var row in rows)
            {
                scope.Audit(AuditKind.DepartmentPart, row.FieldCode, row.Status.DisplayName(), DepartmentFieldStatus.Submitted.DisplayName());
                (row.Status, row.Reason, row.AtUtc, row.Version) = (DepartmentFieldStatus.Submitted, null, scope.NowUtc, row.Version + 1);
            }

            return (rows.Count, rows.Count > 0);
        }, default);
        return write.Status == ContentWriteStatus.Written;
    }

    private Task<Outcome<FiguresWritten>> WriteAsync(Actor actor, string code, FieldValue value) => _host.WithScopeAsync(async s =>
    {
        var ws = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(_id, actor, default))!;
        return await s.GetRequiredService<FigureWriter>().WriteAsync(ws, actor, [new FigureChange(code, value, ws.FigureRows.TryGetValue(code, out var r) ? r.Version : 0)], null, AuditSource.Department, default);
    });

    private Task<int> VersionAsync(string code) => _host.WithScopeAsync(async s => (await StateOf(s, code)).Version);

    private Task<DepartmentFieldState> StateAsync(string code) => _host.WithScopeAsync(s => StateOf(s, code));

    private Task<DepartmentFieldState> StateOf(IServiceProvider s, string code) =>
        s.GetRequiredService<EduDutyDbContext>().DepartmentFieldStates.AsNoTracking().SingleAsync(x => x.EvaluationId == _id && x.FieldCode == code);

    // The county's decisions on the field since the round started (accept or return; the department's own sending excluded).
    private Task<List<AuditEntry>> DecisionsAsync(string code, DateTime since) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.EvaluationId == _id && a.Kind == AuditKind.DepartmentPart && a.Target == code && a.AtUtc >= since && a.NewValue != "已报送")
            .OrderBy(a => a.Id).ToListAsync());
}

public sealed class SqliteDepartmentReviewRaceTests(SqliteApplicationHost host, ITestOutputHelper output) : DepartmentReviewRaceTests<SqliteApplicationHost>(host, output);

public sealed class PostgresDepartmentReviewRaceTests(PostgresApplicationHost host, ITestOutputHelper output) : DepartmentReviewRaceTests<PostgresApplicationHost>(host, output);
