using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>Deadlines are counted in China's days, by the injected clock, on the page and in the database alike.</summary>
public abstract class ChinaDayTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    [Fact]
    public async Task The_last_day_ends_at_midnight_china_time_not_utc()
    {
        var official = await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var user = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == "wenxi.official");
            var evaluation = await db.Evaluations.Where(e => e.County.Code == "140823").SingleAsync();
            var shanxi = await db.Regions.Where(r => r.Code == "140000").Select(r => r.Id).SingleAsync();
            db.Deadlines.Add(new EvaluationDeadline { SchemeId = evaluation.SchemeId, Year = 2021, RegionId = shanxi, DueDate = new DateOnly(2021, 11, 1) });
            await db.SaveChangesAsync();
            return (Actor: new Actor(user.Id, user.DisplayName, [Roles.CountyOfficial], user.Region.Path), evaluation.Id);
        });

        host.Clock.SetUtcNow(new DateTimeOffset(2021, 11, 1, 15, 58, 0, TimeSpan.Zero)); // 23:58 on 1 November in China
        var lastMinute = await WriteAsync(official.Actor, official.Id, 1m);          // loaded at 23:58, saved at 23:59
        var loadedBeforeMidnight = await PageAsync(official.Actor, official.Id);
        host.Clock.Advance(TimeSpan.FromMinutes(1));                                  // 00:00 on 2 November in China
        var page = await PageAsync(official.Actor, official.Id);
        var late = await WriteAsync(official.Actor, official.Id, 2m, loadedBeforeMidnight);

        Assert.Null(lastMinute.Refusal);
        Assert.Equal(1, lastMinute.Value!.Saved);
        Assert.True(loadedBeforeMidnight.CanEdit);
        Assert.Equal(DeadlineKind.Late, page.Deadline.Kind);
        Assert.False(page.CanEdit);
        Assert.Equal("已过截止日期（2021年11月1日），内容只读。如需继续填报，请联系管理员延期。", late.Refusal);
    }

    private Task<Workspace> PageAsync(Actor actor, int id) =>
        host.WithScopeAsync(async s => (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default))!);

    // Saves A10.01 from a page loaded earlier (by default a minute ago), so that the database claim decides on the time of saving.
    private Task<Outcome<FiguresWritten>> WriteAsync(Actor actor, int id, decimal value, Workspace? loaded = null) => host.WithScopeAsync(async s =>
    {
        var workspace = loaded ?? (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default))!;
        if (loaded is null) host.Clock.Advance(TimeSpan.FromMinutes(1));
        var version = workspace.FigureRows.TryGetValue("A10.01", out var row) ? row.Version : 0;
        return await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, actor, [new FigureChange("A10.01", FieldValue.Of(value), version)], null, AuditSource.Form, default);
    });
}

public sealed class SqliteChinaDayTests(SqliteApplicationHost host) : ChinaDayTests<SqliteApplicationHost>(host);

public sealed class PostgresChinaDayTests(PostgresApplicationHost host) : ChinaDayTests<PostgresApplicationHost>(host);
