using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Opening a year carries last year's figures into the new drafts through the guarded write path: each draft claimed with the
/// carry-forward rule, each value audited 上年带入 by the admin who opened the year, each summary refreshed by the write, all
/// in the opening's transaction.
/// </summary>
public abstract class CarryForwardWriteTests<THost> : IClassFixture<THost>
    where THost : ApplicationHost
{
    private readonly THost host;

    protected CarryForwardWriteTests(THost host)
    {
        this.host = host;
        host.Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1); // every reading of the clock a later moment: times tell who wrote what
    }

    [Fact]
    public async Task Last_years_figures_carried_into_a_new_draft_are_claimed_audited_and_summarised_in_the_opening_transaction()
    {
        // 夏县's 2021 spending entered by its official and approved; the province's admin opens 2022 for 运城市.
        var (last, official, admin) = await host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            var users = (await db.Users.Where(u => u.UserName == "xiaxian.official" || u.UserName == "shanxi.admin")
                .Select(u => new { u.UserName, u.Id, u.DisplayName, u.Region.Path }).ToListAsync()).ToDictionary(u => u.UserName!);
            return (await db.Evaluations.Where(e => e.County.Code == "140828" && e.Year == 2021).Select(e => e.Id).SingleAsync(),
                new Actor(users["xiaxian.official"].Id, users["xiaxian.official"].DisplayName, [Roles.CountyOfficial], users["xiaxian.official"].Path),
                new Actor(users["shanxi.admin"].Id, users["shanxi.admin"].DisplayName, [Roles.Admin], users["shanxi.admin"].Path));
        });
        var written = await host.WithScopeAsync(async s =>
        {
            var ws = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(last, official, CancellationToken.None))!;
            return await s.GetRequiredService<FigureWriter>().WriteAsync(ws, official, [new FigureChange("A04.01", FieldValue.Of(57628m), 0)], null, AuditSource.Form, CancellationToken.None);
        });
        Assert.Equal(1, written.Value?.Saved);
        await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == last)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Approved)));

        var opening = await host.WithScopeAsync(async s =>
        {
            var scheme = await s.GetRequiredService<EduDutyDbContext>().Schemes.Where(x => x.Code == "SX-2021").Select(x => x.Id).FirstAsync();
            return await s.GetRequiredService<Administration.EvaluationYears>().OpenAsync(scheme, 2022, "/140000/140800/", admin);
        });

        Assert.Null(opening.Refusal);
        Assert.True(opening.Value!.Carried.Counties >= 1, opening.Value.Describe(2022));
        var drafts = (await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Year == 2022)
            .Select(e => new { e.County.Code, e.Id, e.CreatedAtUtc, e.UpdatedAtUtc }).ToListAsync())).ToDictionary(e => e.Code);
        var draft = drafts["140828"];
        var id = draft.Id;
        var audit = await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AuditEntries.AsNoTracking().Where(a => a.EvaluationId == id).ToListAsync());
        var carried = Assert.Single(audit, a => a.Target == "A04.02");
        Assert.Equal((AuditSource.CarriedForward, admin.Id, (string?)null, "57628"), (carried.Source, carried.UserId, carried.OldValue, carried.NewValue));
        Assert.All(audit, a => Assert.Equal(AuditSource.CarriedForward, a.Source));
        // Claimed after it was opened, then written and summarised by the write itself, at its time (not by the refresh of the
        // new drafts after the commit); a draft that took nothing (闻喜县: its 2021 is a draft) was not touched.
        var summarised = await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Summaries.Where(x => x.EvaluationId == id).Select(x => x.UpdatedAtUtc).SingleAsync());
        Assert.True(draft.CreatedAtUtc < draft.UpdatedAtUtc && draft.UpdatedAtUtc < carried.AtUtc, $"opened {draft.CreatedAtUtc:O}, claimed {draft.UpdatedAtUtc:O}, written {carried.AtUtc:O}");
        Assert.Equal(carried.AtUtc, summarised);
        Assert.Equal(drafts["140823"].CreatedAtUtc, drafts["140823"].UpdatedAtUtc);
        var figures = await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FigureValues.AsNoTracking().Where(f => f.EvaluationId == id).ToListAsync());
        var expected = ResultSummary.Of(RuleEngine.For(GoldenCase.Scheme).Evaluate(figures.ToValues()));
        var stored = await host.WithScopeAsync(async s => (await s.GetRequiredService<EduDutyDbContext>().Summaries.AsNoTracking().SingleAsync(x => x.EvaluationId == id)).ToResult());
        Assert.Equal((expected.RequiredFilled, expected.FailingCodes.Count), (stored.RequiredFilled, stored.FailingCodes.Count));
        Assert.Equal(expected.JudgedValues.OrderBy(p => p.Key), stored.JudgedValues.OrderBy(p => p.Key));
    }
}

public sealed class SqliteCarryForwardWriteTests(SqliteApplicationHost host) : CarryForwardWriteTests<SqliteApplicationHost>(host);

public sealed class PostgresCarryForwardWriteTests(PostgresApplicationHost host) : CarryForwardWriteTests<PostgresApplicationHost>(host);
