using EduDuty.Application.Demo;
using EduDuty.Core.Figures;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>The demo data go through the same use cases as real data: drafts opened once, figures written and audited as the official.</summary>
public abstract class DemoDataTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    [Fact]
    public async Task Prefilling_writes_the_real_report_figures_as_the_official_through_the_write_path_once()
    {
        await host.WithScopeAsync(s => s.GetRequiredService<DemoData>().SeedAsync(prefillFigures: true));
        var first = await SnapshotAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<DemoData>().SeedAsync(prefillFigures: true));

        Assert.Equal(first, await SnapshotAsync());
        var (figures, audit, drafts, opened) = first;
        var golden = FiguresFileReader.Read(GoldenCase.FiguresJson, GoldenCase.Scheme).File!.Values;
        Assert.Equal(golden.Count, figures);
        Assert.Equal(golden.Count + GoldenCase.Scheme.Areas.Count, audit); // one per figure and one per area text
        Assert.Equal(6, drafts);
        Assert.Equal(1, opened);

        var entries = await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AuditEntries.ToListAsync());
        Assert.All(entries, e => Assert.Equal((DemoData.Source, "闻喜县填报员"), (e.Source, e.UserDisplayName)));
        Assert.Equal(10755m.ToString(System.Globalization.CultureInfo.InvariantCulture), entries.Single(e => e.Target == "A10.01").NewValue);
    }

    private Task<(int Figures, int Audit, int Drafts, int Opened)> SnapshotAsync() => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return (await db.FigureValues.CountAsync(), await db.AuditEntries.CountAsync(), await db.Evaluations.CountAsync(),
            await db.AdminAuditEntries.CountAsync(a => a.Action == "开启评价年度"));
    });
}

public sealed class SqliteDemoDataTests(SqliteApplicationHost host) : DemoDataTests<SqliteApplicationHost>(host);

public sealed class PostgresDemoDataTests(PostgresApplicationHost host) : DemoDataTests<PostgresApplicationHost>(host);
