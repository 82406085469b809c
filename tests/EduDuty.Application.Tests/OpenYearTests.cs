using EduDuty.Application.Administration;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Opening a year with its deadline is one use case in one transaction: both happen, or neither — a refused deadline leaves
/// no draft, no carried figure, no deadline and no admin audit entry behind.
/// </summary>
public abstract class OpenYearTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_year_opens_with_its_deadline_in_one_call()
    {
        var before = await StateAsync();

        var opening = await OpenAsync(new DateOnly(2022, 12, 31), confirmed: false);

        Assert.Null(opening.Refusal);
        Assert.Equal(new DateOnly(2022, 12, 31), opening.Value!.Deadline);
        var after = await StateAsync();
        Assert.Equal(5, after.Drafts); // 运城市's five counties
        Assert.Equal(1, after.Deadlines);
        Assert.Equal(before.AuditEntries + 2, after.AuditEntries); // 开启评价年度 and 设置截止日期
    }

    [Fact]
    public async Task A_refused_deadline_leaves_no_evaluation_opened_and_a_confirmed_retry_opens_each_county_once()
    {
        var before = await StateAsync();

        // Before today (1 November 2021) and not confirmed: the deadline is refused after the drafts were saved in the
        // transaction; then, in the same scope (the same context), the date confirmed: everything happens once.
        var (refused, accepted) = await _host.WithScopeAsync(async s =>
            (await OpenAsync(s, new DateOnly(2021, 6, 30), confirmed: false), await OpenAsync(s, new DateOnly(2021, 6, 30), confirmed: true)));

        Assert.Equal(Core.Messaging.Messages.DeadlineUnusualCode, refused.Reason?.Code);
        Assert.Equal(OutcomeKind.Refused, refused.Kind);
        Assert.Contains("已经过去", refused.Refusal);
        Assert.Null(refused.Value);
        Assert.Null(accepted.Refusal);
        Assert.Equal(5, accepted.Value!.Opened);
        var after = await StateAsync();
        Assert.Equal(new State(5, 1, before.AuditEntries + 2), after);
    }

    [Fact]
    public async Task A_refused_deadline_changes_nothing_in_the_database()
    {
        var before = await StateAsync();

        var refused = await _host.WithScopeAsync(s => OpenAsync(s, new DateOnly(2021, 6, 30), confirmed: false));

        Assert.NotNull(refused.Refusal);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(0, before.Drafts);
    }

    [Fact]
    public async Task Without_a_deadline_the_year_opens_as_before()
    {
        var opening = await OpenAsync(null, confirmed: false);

        Assert.Null(opening.Refusal);
        Assert.Equal(5, opening.Value!.Opened);
        Assert.Null(opening.Value.Deadline);
        Assert.Equal((5, 0), ((await StateAsync()).Drafts, (await StateAsync()).Deadlines));
    }

    private Task<Outcome<YearOpening>> OpenAsync(DateOnly? deadline, bool confirmed) => _host.WithScopeAsync(s => OpenAsync(s, deadline, confirmed));

    private static async Task<Outcome<YearOpening>> OpenAsync(IServiceProvider s, DateOnly? deadline, bool confirmed)
    {
        var found = await s.GetRequiredService<EvaluationYears>().TargetAsync("SX-2021", 2022, "140800");
        Assert.True(found is { IsDone: true, Value: not null }, found.Refusal);
        var target = found.Value;
        return await s.GetRequiredService<OpenYear>().HandleAsync(target.SchemeId, 2022, target.RegionPath, deadline, confirmed, Actor.CommandLine);
    }

    private sealed record State(int Drafts, int Deadlines, int AuditEntries);

    private Task<State> StateAsync() => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return new State(
            await db.Evaluations.CountAsync(e => e.Year == 2022),
            await db.Deadlines.CountAsync(d => d.Year == 2022),
            await db.AdminAuditEntries.CountAsync());
    });
}

public sealed class SqliteOpenYearTests : OpenYearTests<SqliteApplicationHost>;

public sealed class PostgresOpenYearTests : OpenYearTests<PostgresApplicationHost>;
