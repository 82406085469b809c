using System.Net;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 28 item 3: a light page GET runs at most four SQL statements once the user's session and unread count are known to
/// the instance (decision 0046) — home, the evaluation overview, an area page and the report page, with figures entered.
/// </summary>
public abstract class LightPageStatementTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const int Budget = 4;

    [Theory]
    [InlineData("wenxi.official")]
    [InlineData("yuncheng.supervisor")]
    public async Task Home_overview_area_and_report_pages_run_at_most_four_statements_per_GET(string user)
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        await Wenxi.SeedGoldenFiguresAsync(Factory, id);
        var official = await PortalClient.For(Factory).SignedInAsync(user);
        // PostgreSQL: the instance keeps nothing until it listens for changes (decision 0046); the listener starts on first use.
        var cache = Factory.Services.GetRequiredService<EduDuty.Application.Caching.InstanceCache>();
        for (var attempt = 0; attempt < 100 && cache.Begin() < 0; attempt++) await Task.Delay(50);

        var over = new List<string>();
        foreach (var url in new[] { "/", $"/Evaluations/{id}", Wenxi.AreaUrl(id), $"/Evaluations/{id}/Report" })
        {
            Assert.Equal(HttpStatusCode.OK, (await official.Http.GetAsync(url)).StatusCode);
            Factory.Statements.Reset();
            var page = await official.Http.GetAsync(url);
            var run = Factory.Statements.Texts;

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            if (run.Count > Budget) over.Add($"{user}: GET {url} ran {run.Count} statements (at most {Budget}):\n{string.Join("\n---\n", run)}");
        }

        Assert.True(over.Count == 0, string.Join("\n\n", over));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteLightPageStatementTests(SqlitePortalFactory factory) : LightPageStatementTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresLightPageStatementTests(PostgresPortalFactory factory) : LightPageStatementTests<PostgresPortalFactory>(factory);
