using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests.Api;

/// <summary>
/// Issue 29: the API's rate limit counts each token apart (<c>Api:RateLimit:PerMinute</c>): one token past its limit gets 429
/// problem+json with Retry-After while another token of the same user and address goes on. The limiter is in memory, the
/// same for both databases: one SQLite host of its own (the shared hosts set no limit).
/// </summary>
public sealed class ApiRateLimitTests(ApiRateLimitTests.Factory factory) : IClassFixture<ApiRateLimitTests.Factory>
{
    public sealed class Factory : SqlitePortalFactory
    {
        public override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
        {
            ["Api:RateLimit:PerMinute"] = "3",
        };
    }

    [Fact]
    public async Task One_token_past_its_limit_is_refused_with_429_while_another_token_goes_on()
    {
        await factory.BeginTestAsync(GetType());
        using var first = await ApiClients.ForAsync(factory, "wenxi.official", ["read"]);
        using var second = await ApiClients.ForAsync(factory, "wenxi.official", ["read"]);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await first.GetAsync("/api/v1/schemes")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        var limited = await first.GetAsync("/api/v1/schemes");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(limited.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("api-rate-limited", problem.GetProperty("code").GetString());
        Assert.Contains("3 次", problem.GetProperty("title").GetString());
        Assert.False(limited.Headers.Contains("Set-Cookie"));

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/schemes")).StatusCode);
    }
    // Attacker review (issue 29): the limit is partitioned by the presented token's hash before authentication, so a caller
    // who sends a fresh random well-formed token each time had a fresh partition each call and an unlimited number of token
    // look-ups in the database. Unknown tokens now use up a budget of their address: past it, 429 without a look-up.
    [Fact]
    public async Task Random_invalid_tokens_from_one_address_are_limited_like_one_token()
    {
        await factory.BeginTestAsync(GetType());
        using var platform = await ApiClients.ForAsync(factory, "wenxi.official", ["read"]);
        Assert.Equal(HttpStatusCode.OK, (await platform.GetAsync("/api/v1/schemes")).StatusCode);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var random = "edt_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            using var client = ApiClients.WithToken(factory, random);
            statuses.Add((await client.GetAsync("/api/v1/schemes")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        using var last = ApiClients.WithToken(factory, "edt_" + new string('B', 43));
        var limited = await last.GetAsync("/api/v1/schemes");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("api-token-attempts-limited", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // A token this instance has let in before goes on from the same address.
        Assert.Equal(HttpStatusCode.OK, (await platform.GetAsync("/api/v1/schemes")).StatusCode);
    }
}
