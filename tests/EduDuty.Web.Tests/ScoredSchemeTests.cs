using System.Text.Json.Nodes;
using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Core.Security;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 16: a county evaluated under a scheme that scores (the documented example, uploaded by the province's admin) sees
/// its self-score and grade with the breakdown per area, and its report opens with "自评总得分为××分，其中申请加分×分";
/// under SX-2021, which has no points, nothing of it shows.
/// </summary>
public abstract class ScoredSchemeTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : PortalFactory
{
    [Fact]
    public async Task A_scoring_scheme_shows_the_self_score_on_the_overview_and_in_the_reports_introduction()
    {
        var id = await factory.WithDbAsync(async db =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var user = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == "shanxi.admin");
            var admin = new Actor(user.Id, user.DisplayName, [Roles.Admin], user.Region.Path);
            var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "examples", "scored-scheme.json")))!.AsObject();
            json["province"] = "山西省";
            var (record, errors) = await services.GetRequiredService<SchemeAdministration>().SaveAsync(json.ToJsonString(), admin);
            Assert.True(record is not null, string.Join("; ", errors));
            var opening = await services.GetRequiredService<EvaluationYears>().OpenAsync(record!.Id, 2022, "/140000/140800/", admin);
            Assert.Null(opening.Refusal);
            return await db.Evaluations.Where(e => e.SchemeId == record.Id && e.County.Code == Wenxi.Code).Select(e => e.Id).SingleAsync();
        });

        // Every deduction once (hand-scored in ScorerTests): 74.4 of 100, 合格.
        await factory.WithDbAsync(async db =>
        {
            foreach (var (code, number) in new[] { ("A01.01", 950m), ("A01.02", 1000m), ("A01.04", 615m), ("A01.05.1", 1000m), ("A01.05.2", 850m), ("A02.03", 97.5m) })
                db.FigureValues.Add(new FigureValue { EvaluationId = id, FieldCode = code, Number = number, Version = 1, UpdatedAtUtc = factory.Clock.GetUtcNow().UtcDateTime });
            foreach (var (code, flag) in new[] { ("A01.06", false), ("A02.01", false), ("A02.02", false) })
                db.FigureValues.Add(new FigureValue { EvaluationId = id, FieldCode = code, Flag = flag, Version = 1, UpdatedAtUtc = factory.Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });

        var official = await PortalClient.For(factory).SignedInAsync("wenxi.official");
        var overview = (await official.GetDocumentAsync($"/Evaluations/{id}")).QuerySelector("#self-score")!;
        Assert.Equal("74.4 / 100 分", overview.QuerySelector(".score-total")!.TextContent.Trim());
        Assert.Equal("合格", overview.QuerySelector(".score-grade")!.TextContent.Trim());
        Assert.Equal(["25.4", "49"], overview.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()));
        var report = (await official.GetDocumentAsync($"/Evaluations/{id}/Report")).QuerySelector("#report-preview")!;
        Assert.Contains("自评总得分为74.4分，其中申请加分0分。", report.TextContent);

        // SX-2021 as published: no score anywhere.
        var sx = await factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == Wenxi.Code && e.Year == 2021).Select(e => e.Id).SingleAsync());
        Assert.Null((await official.GetDocumentAsync($"/Evaluations/{sx}")).QuerySelector("#self-score"));
        Assert.DoesNotContain("自评总得分", (await official.GetDocumentAsync($"/Evaluations/{sx}/Report")).QuerySelector("#report-preview")!.TextContent);
    }
}

public sealed class SqliteScoredSchemeTests(SqlitePortalFactory factory) : ScoredSchemeTests<SqlitePortalFactory>(factory);

public sealed class PostgresScoredSchemeTests(PostgresPortalFactory factory) : ScoredSchemeTests<PostgresPortalFactory>(factory);
