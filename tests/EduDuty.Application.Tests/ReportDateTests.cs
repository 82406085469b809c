using EduDuty.Application.Demo;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The date a report carries when the county chose none: the day it was submitted (China time, where the day turns at
/// 16:00 UTC), not the day someone downloads it years later; only a report never submitted is dated today.
/// </summary>
public abstract class ReportDateTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    [Fact]
    public async Task A_submitted_report_is_dated_the_day_of_submission_in_china_and_a_draft_today()
    {
        await host.WithScopeAsync(s => s.GetRequiredService<DemoData>().SeedAsync(prefillFigures: true));
        var submittedAt = new DateTime(2022, 3, 30, 17, 5, 0, DateTimeKind.Utc); // 2022-03-31 01:05 in Beijing
        await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.County.Code == "140828")
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.SubmittedAtUtc, submittedAt)));

        var submitted = await DateOfAsync("140828");
        var draft = await DateOfAsync("140823");

        Assert.Equal("2022年3月31日", submitted);
        var today = host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        Assert.Equal($"{today.Year}年{today.Month}月{today.Day}日", draft);
    }

    [Fact]
    public async Task An_approved_report_keeps_its_submission_day_takes_the_approval_day_without_one_and_a_typed_date_wins()
    {
        await host.WithScopeAsync(s => s.GetRequiredService<DemoData>().SeedAsync(prefillFigures: true));
        var approvedAt = new DateTime(2022, 4, 15, 2, 0, 0, DateTimeKind.Utc);
        await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var id = await db.Evaluations.Where(e => e.County.Code == "140822").Select(e => e.Id).SingleAsync();
            var reviewer = await db.Users.Where(u => u.UserName == "shanxi.admin").Select(u => u.Id).SingleAsync();
            await db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(e => e.Status, EvaluationStatus.Approved).SetProperty(e => e.SubmittedAtUtc, (DateTime?)null));
            db.EvaluationTransitions.Add(new Data.Entities.EvaluationTransition
            {
                EvaluationId = id, Action = ReviewAction.Approve, From = EvaluationStatus.Submitted, To = EvaluationStatus.Approved,
                UserId = reviewer, UserDisplayName = "山西省管理员", UserRole = Roles.Admin, AtUtc = approvedAt,
            });
            return await db.SaveChangesAsync();
        });

        Assert.Equal("2022年4月15日", await DateOfAsync("140822"));

        await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.County.Code == "140822")
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.SubmittedAtUtc, new DateTime(2022, 3, 30, 17, 5, 0, DateTimeKind.Utc))));
        Assert.Equal("2022年3月31日", await DateOfAsync("140822"));
    }

    private Task<string> DateOfAsync(string countyCode) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var evaluation = await db.Evaluations.Where(e => e.County.Code == countyCode).Select(e => new { e.Id, e.County.Path }).SingleAsync();
        var admin = await db.Users.Where(u => u.UserName == "shanxi.admin").Select(u => u.Id).SingleAsync();
        var workspace = await s.GetRequiredService<WorkspaceLoader>()
            .LoadAsync(evaluation.Id, new Actor(admin, "山西省管理员", [Roles.Admin], "/140000/"), CancellationToken.None);
        return (await s.GetRequiredService<ReportPage>().LoadAsync(workspace!, CancellationToken.None)).Document.Date;
    });
}

public sealed class SqliteReportDateTests(SqliteApplicationHost host) : ReportDateTests<SqliteApplicationHost>(host);

public sealed class PostgresReportDateTests(PostgresApplicationHost host) : ReportDateTests<PostgresApplicationHost>(host);
