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

    /// <summary>
    /// The pages' header query is compiled once per page (issue 28, second round): the evaluation and the viewer's region are
    /// its parameters, so after one county's official has read their pages another county's official reads their own and not
    /// the first one's, and neither reaches the other's (404), in either order.
    /// </summary>
    [Fact]
    public async Task The_compiled_header_query_takes_the_evaluation_and_the_viewer_from_each_request()
    {
        var wenxiId = await Wenxi.EvaluationIdAsync(Factory);
        var xiaxianId = await Wenxi.EvaluationIdAsync(Factory, "140828");
        var wenxi = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var xiaxian = await PortalClient.For(Factory).SignedInAsync("xiaxian.official");
        string[] Pages(int id) => [$"/Evaluations/{id}", Wenxi.AreaUrl(id), $"/Evaluations/{id}/Report"];

        foreach (var (mine, own, county, other) in new[] { (wenxi, wenxiId, "闻喜县", xiaxianId), (xiaxian, xiaxianId, "夏县", wenxiId), (wenxi, wenxiId, "闻喜县", xiaxianId) })
        {
            foreach (var url in Pages(own))
            {
                var page = await mine.Http.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);
                Assert.Contains(county, await page.Content.ReadAsStringAsync());
            }

            foreach (var url in Pages(other)) Assert.Equal(HttpStatusCode.NotFound, (await mine.Http.GetAsync(url)).StatusCode);
        }
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteLightPageStatementTests(SqlitePortalFactory factory) : LightPageStatementTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresLightPageStatementTests(PostgresPortalFactory factory) : LightPageStatementTests<PostgresPortalFactory>(factory);

/// <summary>
/// The pages' compiled header query across providers in one process (issue 28, second round): EF Core binds a compiled query
/// to the model it first ran with, and the SQLite and PostgreSQL portals have different models. A SQLite portal and a
/// PostgreSQL portal serve the overview, area and report pages in turn, each its own county's pages, never a 500.
/// </summary>
public sealed class CompiledHeaderQueryAcrossProvidersTests
{
    [Fact]
    public async Task A_SQLite_and_a_PostgreSQL_portal_in_one_process_both_serve_the_evaluation_pages()
    {
        await using var sqlite = new SqlitePortalFactory();
        await sqlite.InitializeAsync();
        await using var postgres = new PostgresPortalFactory();
        await postgres.InitializeAsync();

        foreach (PortalFactory portal in new PortalFactory[] { sqlite, postgres, sqlite, postgres })
        {
            var id = await Wenxi.EvaluationIdAsync(portal);
            var client = await PortalClient.For(portal).SignedInAsync("wenxi.official");
            foreach (var url in new[] { $"/Evaluations/{id}", Wenxi.AreaUrl(id), $"/Evaluations/{id}/Report" })
            {
                var page = await client.Http.GetAsync(url);
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"{portal.Provider} {url}: {(int)page.StatusCode}");
                Assert.Contains("闻喜县", await page.Content.ReadAsStringAsync());
            }
        }
    }
}
