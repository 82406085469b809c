using EduDuty.Application.Oversight.Rollup;
using EduDuty.Core.Security;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Issue 26. The roll-up's settings (texts, date, rectification date, drafts included) saved by several supervisors at once from
/// the same version: one save lands and raises the version by one; every other one is told someone saved meanwhile (or, on the
/// very first save, that the save failed) and changes nothing. 8 and 50 at once, on both databases.
/// </summary>
public abstract class RollupRaceTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    [Theory]
    [InlineData(8, true)]
    [InlineData(50, true)]
    [InlineData(8, false)]
    [InlineData(50, false)]
    public async Task Settings_saved_at_once_from_one_version_land_once_and_the_others_are_refused(int atOnce, bool saved)
    {
        var supervisor = await SupervisorAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().RollupReports.ExecuteDeleteAsync());
        if (saved) Assert.True((await SaveAsync(supervisor, "2021-12-01", includeDrafts: false)).IsDone); // version 1 stored

        var before = await StoredVersionAsync();
        var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var view = await scope.ServiceProvider.GetRequiredService<RollupReports>().LoadAsync(supervisor, 2021, null, "140800", default);
            var form = view.Form;
            form.Date = $"2021-12-{i % 28 + 1:00}";
            form.IncludeDrafts = i % 2 == 0;
            form.Addressee = $"第{i}位督导人员的主送机关";
            await gate();
            var outcome = await scope.ServiceProvider.GetRequiredService<SaveRollupTexts>().HandleAsync(supervisor, view, form, default);
            return (i, outcome.Kind);
        });

        var done = Assert.Single(outcomes, o => o.Kind == OutcomeKind.Done);
        Assert.All(outcomes.Where(o => o != done), o => Assert.Contains(o.Kind, new[] { OutcomeKind.Conflict, OutcomeKind.Refused }));
        Assert.Equal(before + 1, await StoredVersionAsync());
        var json = await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().RollupReports.Select(r => r.TextsJson).SingleAsync());
        Assert.Contains($"第{done.i}位督导人员的主送机关", json); // the winner's settings, whole
    }

    private async Task<Outcome<bool>> SaveAsync(Actor supervisor, string date, bool includeDrafts)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<RollupReports>().LoadAsync(supervisor, 2021, null, "140800", default);
        var form = view.Form;
        form.Date = date;
        form.IncludeDrafts = includeDrafts;
        return await scope.ServiceProvider.GetRequiredService<SaveRollupTexts>().HandleAsync(supervisor, view, form, default);
    }

    private Task<int> StoredVersionAsync() => host.WithScopeAsync(async s =>
        await s.GetRequiredService<EduDutyDbContext>().RollupReports.Select(r => (int?)r.Version).SingleOrDefaultAsync() ?? 0);

    private Task<Actor> SupervisorAsync() => host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == "yuncheng.supervisor")
            .Select(u => new { u.Id, u.DisplayName, u.Region.Path }).SingleAsync();
        return new Actor(user.Id, user.DisplayName, [Roles.Supervisor], user.Path);
    });
}

public sealed class SqliteRollupRaceTests(SqliteApplicationHost host) : RollupRaceTests<SqliteApplicationHost>(host);

public sealed class PostgresRollupRaceTests(PostgresApplicationHost host) : RollupRaceTests<PostgresApplicationHost>(host);
