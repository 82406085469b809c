using System.Net;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

/// <summary>
/// Sign-in POSTs are limited per client address and per account name, each answering 429 with Retry-After and the Chinese
/// page; the sign-in page itself (a GET) is never counted. The counts live in the database (issue 24): two instances of one
/// deployment share them. X-Forwarded-For is believed only from a proxy named in the settings — not from loopback.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.PerAddressFactory perAddress, RateLimitTests.PerAccountFactory perAccount)
    : IClassFixture<RateLimitTests.PerAddressFactory>, IClassFixture<RateLimitTests.PerAccountFactory>
{
    private const int Limit = 4;
    private const string Proxy = "198.51.100.9";

    /// <summary>The header a test sets to say which address its request comes from (loopback when absent).</summary>
    private const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>
    /// Requests come from the address a test names (loopback by default), as over a real connection: the test server leaves
    /// the address empty. <see cref="Proxy"/> is the one proxy the deployment names.
    /// </summary>
    public sealed class PerAddressFactory : SqlitePortalFactory
    {
        public override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
        {
            ["Security:LoginAttemptsPerMinute"] = Limit.ToString(),
            ["Security:ForwardedHeaders:KnownProxies"] = Proxy,
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ClientAddress>());
        }

        private sealed class ClientAddress : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(
                        context.Request.Headers[ClientAddressHeader].FirstOrDefault() ?? IPAddress.Loopback.ToString());
                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }

    public sealed class PerAccountFactory : SqlitePortalFactory
    {
        public override IReadOnlyDictionary<string, string> ExtraSettings { get; } =
            new Dictionary<string, string> { ["Security:LoginAttemptsPerAccountPerMinute"] = Limit.ToString() };
    }

    [Fact]
    public async Task Posts_from_one_address_are_limited_but_the_page_itself_is_not_and_a_forwarded_address_from_loopback_does_not_help()
    {
        perAddress.Clock.Advance(TimeSpan.FromMinutes(1)); // a window of this test's own
        var client = PortalClient.For(perAddress);
        for (var i = 0; i < 3 * Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Account/Login")).StatusCode);
        }

        // From loopback, each attempt claiming another address: loopback is no proxy the deployment named, so every
        // attempt counts against loopback itself.
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(client, null, $"203.0.113.{i + 1}", $"someone.{i}")).StatusCode);
        }

        await AssertRefusedAsync(await SignInFromAsync(client, null, "203.0.113.99", "someone.else"));
        await AssertRefusedAsync(await SignInFromAsync(client, null, null, "someone.else"));

        // A minute later loopback may try again.
        perAddress.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(client, null, null, "someone.later")).StatusCode);
    }

    [Fact]
    public async Task The_named_proxy_is_believed_so_the_clients_behind_it_are_counted_apart()
    {
        perAddress.Clock.Advance(TimeSpan.FromMinutes(1));
        var client = PortalClient.For(perAddress);
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(client, Proxy, "203.0.113.50", $"someone.{i}")).StatusCode);
        }

        await AssertRefusedAsync(await SignInFromAsync(client, Proxy, "203.0.113.50", "someone.else"));
        // Another office behind the same proxy still signs in.
        Assert.Equal(HttpStatusCode.OK, (await SignInFromAsync(client, Proxy, "203.0.113.51", "someone.else")).StatusCode);
    }

    [Fact]
    public async Task Attempts_at_one_account_are_limited_whatever_the_case_while_other_accounts_and_the_officials_own_browser_still_sign_in()
    {
        perAccount.Clock.Advance(TimeSpan.FromMinutes(1));
        var victim = await Accounts.CreateAsync(perAccount, "140823", "CountyOfficial");
        var officialsBrowser = await PortalClient.For(perAccount).SignedInAsync(victim);
        await officialsBrowser.PostFormAsync("/", "#logout-form", []);
        for (var i = 1; i < Limit; i++)
        {
            var name = i % 2 == 0 ? victim : victim.ToUpperInvariant();
            Assert.Equal(HttpStatusCode.OK, (await PortalClient.For(perAccount).SignInAsync(name, "Wrong-Password-" + i)).StatusCode);
        }

        // From a fresh client (another browser), and with the right password: still refused until the minute is over.
        await AssertRefusedAsync(await PortalClient.For(perAccount).SignInAsync(victim, PortalClient.DemoPassword));

        // The browser the official signed in from before has an allowance of its own; other accounts are untouched.
        Assert.Equal(HttpStatusCode.Redirect, (await officialsBrowser.SignInAsync(victim)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.For(perAccount).SignInAsync("wenxi.official")).StatusCode);
    }

    [Fact]
    public async Task Two_instances_on_one_database_share_the_count_of_an_account()
    {
        perAccount.Clock.Advance(TimeSpan.FromMinutes(1));
        await using var second = new SecondInstance(perAccount);
        var victim = await Accounts.CreateAsync(perAccount, "140823", "CountyOfficial");

        // Half the allowance on each instance: in memory each would still allow as many again.
        for (var i = 0; i < Limit; i++)
        {
            var instance = i % 2 == 0 ? perAccount : (PortalFactory)second;
            Assert.Equal(HttpStatusCode.OK, (await PortalClient.For(instance).SignInAsync(victim, "Wrong-Password-" + i)).StatusCode);
        }

        await AssertRefusedAsync(await PortalClient.For(perAccount).SignInAsync(victim, "Wrong-Password-x"));
        await AssertRefusedAsync(await PortalClient.For(second).SignInAsync(victim, "Wrong-Password-y"));
    }

    private static async Task<HttpResponseMessage> SignInFromAsync(PortalClient client, string? from, string? forwardedFor, string userName)
    {
        client.Http.DefaultRequestHeaders.Remove(ClientAddressHeader);
        client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        if (from is not null) client.Http.DefaultRequestHeaders.Add(ClientAddressHeader, from);
        if (forwardedFor is not null) client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return await client.SignInAsync(userName, "Wrong-Password-2021");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("操作过于频繁", await response.Content.ReadAsStringAsync());
    }
}
