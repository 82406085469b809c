using System.Net;
using System.Text.Json;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests;

// Each test stops its own database, so each gets its own portal rather than a shared fixture.
public abstract class HealthTests<TFactory>
    where TFactory : PortalFactory, new()
{
    [Fact]
    public async Task Healthz_answers_200_while_the_database_answers_and_503_once_it_stops()
    {
        await using var factory = new TFactory();
        await factory.InitializeAsync();
        var client = factory.CreateClient();

        var healthy = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", Status(await healthy.Content.ReadAsStringAsync()));

        await factory.StopDatabaseAsync();

        var unhealthy = await client.GetAsync("/healthz");
        var body = await unhealthy.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        Assert.Equal("Unhealthy", Status(body));
        Assert.DoesNotContain("Exception", body);
    }

    // Anonymous callers (a load balancer) get the overall status only.
    private static string? Status(string json) => JsonDocument.Parse(json).RootElement.GetProperty("status").GetString();
}

public sealed class SqliteHealthTests : HealthTests<SqlitePortalFactory>;

public sealed class PostgresHealthTests : HealthTests<PostgresPortalFactory>;
