using EduDuty.Application.Oversight.Rollup;
using EduDuty.Core.Security;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The attacker's review of issue 26: the roll-up's dates were any valid day, so a slip (0221-12-20 for 2021-12-20) printed
/// "221年12月20日" on the report, and a rectification report could be due before the report was dated. Now refused, naming
/// the field, and nothing is stored.
/// </summary>
public abstract class RollupDatesTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    [Theory]
    [InlineData("0221-12-20", null, "Date", "成文日期 0221-12-20 不在 2021年1月1日至2026年12月31日 之间：请核对年份")]
    [InlineData("9999-12-31", null, "Date", "成文日期 9999-12-31 不在 2021年1月1日至2026年12月31日 之间：请核对年份")]
    [InlineData(null, "1900-03-31", "RectificationDue", "整改报告报送日期 1900-03-31 不在 2021年1月1日至2026年12月31日 之间：请核对年份")]
    [InlineData("2021-12-20", "2021-12-01", "RectificationDue", "整改报告报送日期 2021-12-01 早于成文日期 2021-12-20：请填写成文日期之后的日期")]
    public async Task A_date_outside_the_report_years_is_refused_naming_the_field(string? date, string? due, string field, string message)
    {
        var supervisor = await SupervisorAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().RollupReports.ExecuteDeleteAsync());

        var outcome = await SaveAsync(supervisor, date, due);

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal((field, message), (problem.Field, problem.Text));
        Assert.Equal(0, await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().RollupReports.CountAsync()));
    }

    [Fact]
    public async Task A_report_dated_after_its_year_with_a_later_rectification_date_is_saved()
    {
        var supervisor = await SupervisorAsync();
        await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().RollupReports.ExecuteDeleteAsync());

        Assert.True((await SaveAsync(supervisor, "2022-01-10", "2022-03-31")).IsDone);
    }

    private async Task<Outcome<bool>> SaveAsync(Actor supervisor, string? date, string? due)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var view = await scope.ServiceProvider.GetRequiredService<RollupReports>().LoadAsync(supervisor, 2021, null, "140800", default);
        var form = view.Form;
        form.Date = date;
        form.RectificationDue = due;
        return await scope.ServiceProvider.GetRequiredService<SaveRollupTexts>().HandleAsync(supervisor, view, form, default);
    }

    private Task<Actor> SupervisorAsync() => host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == "yuncheng.supervisor")
            .Select(u => new { u.Id, u.DisplayName, u.Region.Path }).SingleAsync();
        return new Actor(user.Id, user.DisplayName, [Roles.Supervisor], user.Path);
    });
}

public sealed class SqliteRollupDatesTests(SqliteApplicationHost host) : RollupDatesTests<SqliteApplicationHost>(host);

public sealed class PostgresRollupDatesTests(PostgresApplicationHost host) : RollupDatesTests<PostgresApplicationHost>(host);
