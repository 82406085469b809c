using EduDuty.Application.Audit;
using EduDuty.Application.Demo;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The audit is a hash chain (ASVS V16.4.2: logs protected from modification): entries written through the real write path
/// verify; an entry changed, removed or cut from the end afterwards, by SQL straight into the database, is found at its
/// place. Each test gets its own database, because it breaks the chain on purpose.
/// </summary>
public abstract class AuditChainTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        // 闻喜县's figures and texts as the official, through the write path: a real chain of audited changes.
        await _host.WithScopeAsync(s => s.GetRequiredService<DemoData>().SeedAsync(prefillFigures: true));
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Entries_written_through_the_write_path_form_an_intact_chain_from_one()
    {
        var reports = await VerifyAsync();
        var evaluations = reports.Single(r => r.Chain == AuditVerification.EvaluationChains);
        var entries = await QueryAsync(db => db.AuditEntries.CountAsync());

        Assert.All(reports, r => Assert.True(r.Intact, r.FirstBroken));
        Assert.Equal(entries, evaluations.Verified);
        Assert.True(entries > 90, $"{entries} entries");
        Assert.Equal(0, evaluations.Unchained);
        // Each evaluation's own chain runs 1, 2, 3… (decision 0045).
        var chains = await QueryAsync(db => db.AuditEntries.OrderBy(a => a.EvaluationId).ThenBy(a => a.ChainIndex).Select(a => new { a.EvaluationId, Index = a.ChainIndex!.Value }).ToListAsync());
        Assert.All(chains.GroupBy(c => c.EvaluationId), chain => Assert.Equal(Enumerable.Range(1, chain.Count()).Select(i => (long)i), chain.Select(c => c.Index)));
    }

    [Fact]
    public async Task A_value_changed_by_sql_is_found_at_its_entry()
    {
        var victim = await QueryAsync(db => db.AuditEntries.Where(a => a.Target == "A10.01").OrderBy(a => a.EvaluationId).ThenBy(a => a.ChainIndex).FirstAsync());

        await ExecuteAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "AuditEntries" SET "NewValue" = '10756' WHERE "Id" = {victim.Id}"""));

        var report = (await VerifyAsync()).Single(r => r.Chain == AuditVerification.EvaluationChains);
        Assert.False(report.Intact);
        Assert.Equal(victim.ChainIndex - 1, report.Verified);
        Assert.Contains($"记录编号 {victim.Id}", report.FirstBroken);
        Assert.Contains("被改动", report.FirstBroken);
    }

    [Fact]
    public async Task The_source_is_stored_as_its_text_and_a_source_changed_by_sql_is_found()
    {
        // The typed source keeps the column and its words (no migration): the demo's entries say 演示数据 in SQL too.
        var stored = await QueryAsync(db => db.Database.SqlQuery<string>($"""SELECT DISTINCT "Source" AS "Value" FROM "AuditEntries" """).ToListAsync());
        Assert.Equal(["演示数据"], stored);
        var victim = await QueryAsync(db => db.AuditEntries.OrderBy(a => a.EvaluationId).ThenBy(a => a.ChainIndex).Skip(3).FirstAsync());
        Assert.Equal(AuditSource.Demo, victim.Source);

        await ExecuteAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "AuditEntries" SET "Source" = '表单' WHERE "Id" = {victim.Id}"""));

        Assert.Equal(AuditSource.Form, await QueryAsync(db => db.AuditEntries.Where(a => a.Id == victim.Id).Select(a => a.Source).SingleAsync()));
        var report = (await VerifyAsync()).Single(r => r.Chain == AuditVerification.EvaluationChains);
        Assert.False(report.Intact);
        Assert.Equal(victim.ChainIndex - 1, report.Verified);
    }

    [Fact]
    public async Task A_changed_time_or_author_is_found_too()
    {
        var victim = await QueryAsync(db => db.AuditEntries.OrderBy(a => a.EvaluationId).ThenBy(a => a.ChainIndex).Skip(5).FirstAsync());

        await ExecuteAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "AuditEntries" SET "UserDisplayName" = '别人' WHERE "Id" = {victim.Id}"""));

        Assert.Contains($"记录编号 {victim.Id}", (await VerifyAsync()).Single(r => r.Chain == AuditVerification.EvaluationChains).FirstBroken);
    }

    [Fact]
    public async Task An_entry_deleted_from_the_middle_is_found_as_a_missing_link()
    {
        var victim = await QueryAsync(db => db.AuditEntries.OrderBy(a => a.EvaluationId).ThenBy(a => a.ChainIndex).Skip(10).FirstAsync());

        await ExecuteAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "AuditEntries" WHERE "Id" = {victim.Id}"""));

        var report = (await VerifyAsync()).Single(r => r.Chain == AuditVerification.EvaluationChains);
        Assert.Equal(10, report.Verified);
        Assert.Contains($"第 {victim.ChainIndex} 环缺失", report.FirstBroken);
    }

    [Fact]
    public async Task The_last_entries_cut_off_are_found_by_the_head()
    {
        // The last evaluation's chain: the walk reaches its end after every other evaluation's entries.
        var evaluation = await QueryAsync(db => db.AuditEntries.MaxAsync(a => a.EvaluationId));
        var last = await QueryAsync(db => db.AuditEntries.Where(a => a.EvaluationId == evaluation).MaxAsync(a => a.ChainIndex!.Value));
        var total = await QueryAsync(db => db.AuditEntries.CountAsync());

        await ExecuteAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "AuditEntries" WHERE "EvaluationId" = {evaluation} AND "ChainIndex" > {last - 2}"""));

        var report = (await VerifyAsync()).Single(r => r.Chain == AuditVerification.EvaluationChains);
        Assert.Equal(total - 2, report.Verified);
        Assert.Contains($"链头记录到第 {last} 环", report.FirstBroken);
    }

    [Fact]
    public async Task Two_writers_at_once_extend_the_chain_one_after_the_other()
    {
        var before = await QueryAsync(db => db.AuditEntries.CountAsync());
        var evaluationId = await QueryAsync(db => db.AuditEntries.Select(a => a.EvaluationId).FirstAsync());

        await Task.WhenAll(Enumerable.Range(0, 2).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 15; i++)
            {
                await ExecuteAsync(db =>
                {
                    db.AuditEntries.Add(AuditEntry.Of(
                        evaluationId, AuditKind.Narrative, $"writer{writer}.{i}", null, "文字", "test", "并发测试", _host.Clock.GetUtcNow().UtcDateTime, AuditSource.Form));
                    return db.SaveChangesAsync();
                });
            }
        })));

        var report = (await VerifyAsync()).Single(r => r.Chain == AuditVerification.EvaluationChains);
        Assert.True(report.Intact, report.FirstBroken);
        Assert.Equal(before + 30, report.Verified);
    }

    private Task<IReadOnlyList<ChainReport>> VerifyAsync() =>
        _host.WithScopeAsync(s => s.GetRequiredService<AuditVerification>().VerifyAsync());

    private Task<T> QueryAsync<T>(Func<EduDutyDbContext, Task<T>> query) =>
        _host.WithScopeAsync(s => query(s.GetRequiredService<EduDutyDbContext>()));

    private Task<int> ExecuteAsync(Func<EduDutyDbContext, Task<int>> command) => QueryAsync(command);
}

public sealed class SqliteAuditChainTests : AuditChainTests<SqliteApplicationHost>;

public sealed class PostgresAuditChainTests : AuditChainTests<PostgresApplicationHost>;
