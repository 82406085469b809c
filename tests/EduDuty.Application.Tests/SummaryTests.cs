using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Figures;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Excel;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Stored summaries equal the rule engine's results after every kind of write — a form save, a JSON import, a workbook
/// import, a scheme text changed under them — and the home page reads them with a fixed number of statements, at 6 counties
/// as at 1,000.
/// </summary>
public abstract class SummaryTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    [Fact]
    public async Task The_summary_equals_the_rule_engine_after_a_form_save_a_json_import_an_excel_import_and_a_scheme_change()
    {
        var (id, actor) = await WenxiAsync();

        await WriteAsync(id, actor, async (ws, s) =>
            await s.GetRequiredService<FigureWriter>().WriteAsync(ws, actor, [new FigureChange("A10.01", FieldValue.Of(10755m), 0), new FigureChange("A10.02", FieldValue.Of(8000m), 0)], null, AuditSource.Form, CancellationToken.None));
        await AssertSummaryAsync(id);

        await WriteAsync(id, actor, async (ws, s) =>
        {
            var plan = ImportFigures.Plan(ws, GoldenCase.FiguresJson).Value!;
            return await s.GetRequiredService<ImportFigures>().ApplyAsync(ws, plan, plan.Changes.ToDictionary(c => c.Field.Code, c => c.Version), ImportFormat.Json, actor, CancellationToken.None);
        });
        await AssertSummaryAsync(id);
        Assert.Equal(GoldenExpectations.Failing, await StoredFailingAsync(id)); // the golden file's failing list, from outside the engine

        await WriteAsync(id, actor, async (ws, s) =>
        {
            var workbook = CountyWorkbook.Write(new CountyWorkbookContent(ws.Result, ws.County, null, ws.Year,
                ws.FigureRows.ToDictionary(p => p.Key, p => p.Value.Version), new Dictionary<string, FieldValue>(), host.Clock.GetUtcNow().UtcDateTime));
            var row = XlsxEdit.RowOf(workbook, "（七）规范民办义务教育发展情况", "A07.04"); // 民办义务教育在校生(合计)
            var edited = XlsxEdit.Set(workbook, ("（七）规范民办义务教育发展情况", $"E{row}", 0m));
            var planned = ImportFigures.PlanWorkbook(ws, new MemoryStream(edited));
            Assert.True(planned.IsDone, planned.Refusal);
            var plan = planned.Value!;
            return await s.GetRequiredService<ImportFigures>().ApplyAsync(ws, plan, plan.Changes.ToDictionary(c => c.Field.Code, c => c.Version), ImportFormat.Excel, actor, CancellationToken.None);
        });
        await AssertSummaryAsync(id);
        Assert.DoesNotContain("A07.07", await StoredFailingAsync(id)); // no private pupils: 民办义务教育在校生占比 0% meets ≤ 5%

        // A scheme text replaced under stored summaries (the seeding does this when a shipped scheme is corrected).
        await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Summaries.Where(x => x.EvaluationId == id)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SchemeHash, "computed-under-another-text").SetProperty(x => x.FailingCodes, "").SetProperty(x => x.FailingCount, 0)));
        var refreshed = await host.WithScopeAsync(s => Summaries.RefreshStaleAsync(s.GetRequiredService<EduDutyDbContext>(), s.GetRequiredService<StoredSchemes>(), host.Clock.GetUtcNow().UtcDateTime));
        Assert.Equal(1, refreshed);
        await AssertSummaryAsync(id);
    }

    [Fact]
    public async Task The_home_page_and_the_dashboard_run_the_same_few_statements_for_6_counties_as_for_1000()
    {
        var admin = await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var user = await db.Users.Where(u => u.UserName == "shanxi.admin").Select(u => new { u.Id, u.Region.Path }).SingleAsync();
            return new Actor(user.Id, "山西省管理员", [Roles.Admin], user.Path);
        });

        var atSix = await CountHomeAsync(admin);
        var dashboardAtSix = await CountDashboardAsync(admin);
        var yearAtSix = await CountYearAsync(admin);
        await AddCountiesAsync(994);
        var atThousand = await CountHomeAsync(admin);
        var dashboardAtThousand = await CountDashboardAsync(admin);
        var yearAtThousand = await CountYearAsync(admin);

        Assert.True(atSix.Evaluations >= 6, $"{atSix.Evaluations} evaluations");
        Assert.Equal(atSix.Evaluations + 994, atThousand.Evaluations);
        Assert.True(atThousand.Statements <= 6, $"{atThousand.Statements} statements at 1,000 counties");
        // At 6 counties the first page is not full, so the list needs no count and the to-do no second read (issue 28): fewer
        // statements, never more; what matters is that 1,000 counties cost no statement per county.
        Assert.InRange(atSix.Statements, 1, atThousand.Statements);
        Assert.Equal(atThousand.Evaluations, dashboardAtThousand.Counties);
        // 8: the counties in brief, then the details of the county list's page (issue 28, decision 0047) — one more statement,
        // the same at 6 counties as at 1,000; 9 since issue 31: the year's survey rounds in the region for the satisfaction
        // index by county (three more per round found — none here; an admin reads no problem-report counts).
        Assert.True(dashboardAtThousand.Statements <= 9, $"{dashboardAtThousand.Statements} statements for the dashboard");
        Assert.Equal(dashboardAtSix.Statements, dashboardAtThousand.Statements);
        Assert.Equal(HomeQuery.PageSize, atThousand.Listed); // the list pages; the to-do still sees every evaluation
        Assert.InRange(yearAtSix.Statements, 1, yearAtThousand.Statements); // no count for a first page that is not full
        Assert.Equal((yearAtSix.Counties + 994, Administration.EvaluationYears.PageSize), (yearAtThousand.Counties, yearAtThousand.Listed));
    }

    private async Task<(int Counties, int Listed, int Statements)> CountYearAsync(Actor actor) => await host.WithScopeAsync(async s =>
    {
        host.Commands.Reset();
        var view = await s.GetRequiredService<Administration.EvaluationYears>().ViewAsync(actor, null, 2021, null, 1, CancellationToken.None);
        return (view.Counties.Total, view.Counties.Items.Count, host.Commands.Count);
    });

    private async Task<(int Counties, int Statements)> CountDashboardAsync(Actor actor) => await host.WithScopeAsync(async s =>
    {
        host.Commands.Reset();
        var view = await s.GetRequiredService<Oversight.OversightQuery>().HandleAsync(actor, 2021, null, "140000", null, CancellationToken.None);
        return (view.Counties.Count(c => c.EvaluationId is not null), host.Commands.Count);
    });

    private async Task<(int Evaluations, int Listed, int Statements)> CountHomeAsync(Actor actor)
    {
        await host.WithScopeAsync(s => s.GetRequiredService<HomeQuery>().HandleAsync(actor, CancellationToken.None)); // schemes parsed once per process
        return await host.WithScopeAsync(async s =>
        {
            host.Commands.Reset();
            var home = await s.GetRequiredService<HomeQuery>().HandleAsync(actor, CancellationToken.None);
            return (home.Evaluations.Total, home.Evaluations.Items.Count, host.Commands.Count);
        });
    }

    // 994 more counties in a city of their own, each with a 2021 draft: summaries as the portal stores them.
    private Task AddCountiesAsync(int count) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var scheme = await db.Schemes.Where(x => x.Code == "SX-2021").Select(x => x.Id).FirstAsync();
        var province = await db.Regions.SingleAsync(r => r.Code == "140000");
        for (var c = 0; c * 99 < count; c++)
        {
            var code = $"14{50 + c}00";
            var city = new Region { Code = code, Name = $"测试{c}市", Level = RegionLevel.City, ParentId = province.Id, Path = AdministrativeCode.PathOf(code, province.Path) };
            db.Regions.Add(city);
            for (var k = 1; k <= 99 && c * 99 + k <= count; k++)
            {
                var countyCode = $"14{50 + c}{k:00}";
                var county = new Region { Code = countyCode, Name = $"测试{c}-{k}县", Level = RegionLevel.County, Parent = city, Path = AdministrativeCode.PathOf(countyCode, city.Path) };
                db.Evaluations.Add(new Evaluation { County = county, SchemeId = scheme, Year = 2021, Status = EvaluationStatus.Draft, CreatedAtUtc = host.Clock.GetUtcNow().UtcDateTime, UpdatedAtUtc = host.Clock.GetUtcNow().UtcDateTime });
            }
        }

        await db.SaveChangesAsync();
        return await Summaries.RefreshStaleAsync(db, s.GetRequiredService<StoredSchemes>(), host.Clock.GetUtcNow().UtcDateTime);
    });

    private async Task<(int Id, Actor Actor)> WenxiAsync() => await host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var id = await db.Evaluations.Where(e => e.County.Code == "140823").Select(e => e.Id).SingleAsync();
        var user = await db.Users.Where(u => u.UserName == "wenxi.official").Select(u => new { u.Id, u.Region.Path }).SingleAsync();
        return (id, new Actor(user.Id, "闻喜县填报员", [Roles.CountyOfficial], user.Path));
    });

    private Task WriteAsync(int id, Actor actor, Func<Workspace, IServiceProvider, Task<Outcome<FiguresWritten>>> write) =>
        host.WithScopeAsync(async s =>
        {
            var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, CancellationToken.None))!;
            var outcome = await write(workspace, s);
            Assert.True(outcome is { IsDone: true, Value.Saved: > 0 }, outcome.Refusal);
            return outcome;
        });

    // The rule engine, run here on the figures stored, against the stored summary.
    private Task AssertSummaryAsync(int id) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var figures = await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == id).ToListAsync();
        var expected = ResultSummary.Of(RuleEngine.For(GoldenCase.Scheme).Evaluate(figures.ToValues()));
        var stored = (await db.Summaries.AsNoTracking().SingleAsync(x => x.EvaluationId == id)).ToResult();
        Assert.Equal((expected.RequiredFilled, expected.Required, expected.OptionalFilled, expected.Optional, expected.Warnings),
            (stored.RequiredFilled, stored.Required, stored.OptionalFilled, stored.Optional, stored.Warnings));
        Assert.Equal(expected.FailingCodes, stored.FailingCodes);
        Assert.Equal(expected.JudgedValues.OrderBy(p => p.Key), stored.JudgedValues.OrderBy(p => p.Key));
        return 0;
    });

    private Task<IReadOnlyList<string>> StoredFailingAsync(int id) => host.WithScopeAsync(async s =>
        ResultSummary.ParseCodes((await s.GetRequiredService<EduDutyDbContext>().Summaries.AsNoTracking().SingleAsync(x => x.EvaluationId == id)).FailingCodes));
}

public sealed class SqliteSummaryTests(SqliteApplicationHost host) : SummaryTests<SqliteApplicationHost>(host);

public sealed class PostgresSummaryTests(PostgresApplicationHost host) : SummaryTests<PostgresApplicationHost>(host);
