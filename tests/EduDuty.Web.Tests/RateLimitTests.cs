using System.Net;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

/// <summary>
/// Sign-in POSTs are limited per client address and per account name, each answering 429 with Retry-After and the Chinese
/// page; the sign-in page itself (a GET) is never counted. The limiters are in memory and do not touch the database, so these
/// run on SQLite only.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.PerAddressFactory perAddress, RateLimitTests.PerAccountFactory perAccount)
    : IClassFixture<RateLimitTests.PerAddressFactory>, IClassFixture<RateLimitTests.PerAccountFactory>
{
    private const int Limit = 4;

    /// <summary>
    /// Every request comes from 198.51.100.1, as over a real connection: the test server leaves the address empty, and
    /// ASP.NET Core believes X-Forwarded-For from an empty address (a server that cannot tell), which would hide the check.
    /// </summary>
    public sealed class PerAddressFactory : SqlitePortalFactory
    {
        public override IReadOnlyDictionary<string, string> ExtraSettings { get; } =
            new Dictionary<string, string> { ["Security:LoginAttemptsPerMinute"] = Limit.ToString() };

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
                    context.Connection.RemoteIpAddress = IPAddress.Parse("198.51.100.1");
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
    public async Task Posts_from_one_address_are_limited_but_the_page_itself_is_not_and_a_forged_forwarded_address_does_not_help()
    {
        var client = PortalClient.For(perAddress);
        for (var i = 0; i < 3 * Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Account/Login")).StatusCode);
        }

        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync($"someone.{i}", "Wrong-Password-2021")).StatusCode);
        }

        await AssertRefusedAsync(await client.SignInAsync("someone.else", "Wrong-Password-2021"));

        // X-Forwarded-For is believed only from a known proxy: a client cannot claim a fresh address.
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        await AssertRefusedAsync(await client.SignInAsync("someone.forged", "Wrong-Password-2021"));
    }

    [Fact]
    public async Task Attempts_at_one_account_are_limited_whatever_the_case_while_other_accounts_and_the_officials_own_browser_still_sign_in()
    {
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

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("操作过于频繁", await response.Content.ReadAsStringAsync());
    }
}
