using System.Net;
using EduDuty.Data;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>Two portal instances on one database share Data Protection keys: a session from one works on the other.</summary>
public abstract class SharedKeysTests<TFactory>
    where TFactory : PortalFactory, new()
{
    [Fact]
    public async Task Cookie_issued_by_one_instance_is_accepted_by_another_on_the_same_database()
    {
        await using var first = new TFactory();
        await first.InitializeAsync();
        var signIn = await PortalClient.For(first).SignInAsync("wenxi.official");
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("EduDuty.Auth=", StringComparison.Ordinal)).Split(';')[0];

        await using var second = new SecondInstance(first);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var response = await second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("闻喜县填报员", await response.Content.ReadAsStringAsync());
        // The key ring lives in the database, not in a per-machine folder that happens to be shared in this process.
        var keys = await first.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<key ", xml));
    }

    private sealed class SecondInstance(PortalFactory first) : PortalFactory
    {
        public override DatabaseProvider Provider => first.Provider;

        public override string ConnectionString => first.ConnectionString;

        public override Task InitializeAsync() => Task.CompletedTask;

        public override Task StopDatabaseAsync() => throw new NotSupportedException();
    }
}

public sealed class SqliteSharedKeysTests : SharedKeysTests<SqlitePortalFactory>;

public sealed class PostgresSharedKeysTests : SharedKeysTests<PostgresPortalFactory>;
