using EduDuty.Application.Demo;
using EduDuty.Core.Figures;
using EduDuty.Core.Schemes;
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
    public async Task Prefilling_writes_the_real_report_figures_and_a_complete_second_county_as_their_officials_through_the_write_path_once()
    {
        await host.WithScopeAsync(s => s.GetRequiredService<DemoData>().SeedAsync(prefillFigures: true));
        var first = await SnapshotAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<DemoData>().SeedAsync(prefillFigures: true));

        Assert.Equal(first, await SnapshotAsync());
        var (figures, audit, drafts, opened) = first;
        var golden = FiguresFileReader.Read(GoldenCase.FiguresJson, GoldenCase.Scheme).File!.Values;
        var inputs = GoldenCase.Scheme.Fields.Count(f => f.Kind.IsInput());
        Assert.Equal(golden.Count + inputs, figures); // 闻喜县 as its report has it; 夏县 with every input (188, catalog count)
        // One per figure, one per 闻喜 area text, and one for 闻喜's evidence PDF.
        Assert.Equal(golden.Count + GoldenCase.Scheme.Areas.Count + inputs + 1, audit);
        Assert.Equal(6, drafts);
        Assert.Equal(1, opened);

        var entries = await host.WithScopeAsync(s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            return (from a in db.AuditEntries join e in db.Evaluations on a.EvaluationId equals e.Id
                    select new { a.Source, a.UserDisplayName, a.Target, a.NewValue, County = e.County.Name, e.County.Code }).ToListAsync();
        });
        Assert.All(entries, e => Assert.Equal((DemoData.Source, e.County + "填报员"), (e.Source, e.UserDisplayName)));
        Assert.Equal(10755m.ToString(System.Globalization.CultureInfo.InvariantCulture), entries.Single(e => e.Target == "A10.01" && e.Code == "140823").NewValue);
        Assert.Contains("闻喜县民办义务教育学校名单（闻喜县民办义务教育学校名单.pdf", entries.Single(e => e.Target == "A07.07" && e.Code == "140823").NewValue);
    }

    [Fact]
    public async Task The_second_demo_county_is_complete_so_its_lead_may_submit()
    {
        await host.WithScopeAsync(s => s.GetRequiredService<DemoData>().SeedAsync(prefillFigures: true));
        var (id, leadId, path) = await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var evaluation = await db.Evaluations.Where(e => e.County.Code == "140828").Select(e => new { e.Id, e.County.Path }).SingleAsync();
            var lead = await db.Users.Where(u => u.UserName == "xiaxian.lead").Select(u => u.Id).SingleAsync();
            return (evaluation.Id, lead, evaluation.Path);
        });

        var workspace = await host.WithScopeAsync(s => s.GetRequiredService<Evaluations.WorkspaceLoader>()
            .LoadAsync(id, new Actor(leadId, "夏县负责人", [Core.Security.Roles.CountyLead], path), CancellationToken.None));

        Assert.Empty(workspace!.MissingRequired);
        Assert.True(Core.Review.EvaluationPolicy.Submit(workspace.Facts, workspace.Viewer).Allowed);
    }

    [Fact]
    public async Task The_demo_accounts_share_one_hash_of_the_demo_password_made_once()
    {
        await host.WithScopeAsync(s => s.GetRequiredService<DemoData>().SeedAsync(prefillFigures: false));
        var (hashes, verified) = await host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Data.Entities.AppUser>>();
            var names = DemoData.Accounts.Select(a => a.UserName).ToList();
            var demo = await s.GetRequiredService<EduDutyDbContext>().Users.Where(u => names.Contains(u.UserName!)).ToListAsync();
            var distinct = demo.Select(u => u.PasswordHash).Distinct().ToList();
            var ok = 0;
            foreach (var user in demo) ok += await users.CheckPasswordAsync(user, DemoData.DemoPassword) ? 1 : 0;
            return (distinct, ok);
        });

        Assert.Single(hashes); // one hash for seven accounts: start-up pays for one, not seven (issue 28)
        Assert.Equal(DemoData.Accounts.Count, verified);
    }

    private Task<(int Figures, int Audit, int Drafts, int Opened)> SnapshotAsync() => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return (await db.FigureValues.CountAsync(), await db.AuditEntries.CountAsync(), await db.Evaluations.CountAsync(),
            await db.AdminAuditEntries.CountAsync(a => a.Action == Data.Entities.AdminAction.OpenYear));
    });
}

public sealed class SqliteDemoDataTests(SqliteApplicationHost host) : DemoDataTests<SqliteApplicationHost>(host);

public sealed class PostgresDemoDataTests(PostgresApplicationHost host) : DemoDataTests<PostgresApplicationHost>(host);
