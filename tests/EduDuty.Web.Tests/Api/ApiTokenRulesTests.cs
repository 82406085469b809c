using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EduDuty.Application.Security.Tokens;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Api;

/// <summary>
/// Issue 29 on both databases: the region tree a level at a time within the token user's region (outside it 404), a token
/// without the admin scope never writes, an admin token's writes go through the admin page's handlers and are recorded with
/// the token's name, and a revoke holds against 8 and 50 calls at once: once it has returned, no call is let in.
/// </summary>
public abstract class ApiTokenRulesTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<string?> Codes(JsonElement level) => level.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("code").GetString());

    [Fact]
    public async Task Regions_come_a_level_at_a_time_within_the_users_region_and_only_an_admin_token_changes_them()
    {
        using var admin = await ApiClients.ForAsync(Factory, "shanxi.admin", ["read"]);
        var province = await JsonAsync(await admin.GetAsync("/api/v1/regions"), HttpStatusCode.OK);
        Assert.Equal("140000", province.GetProperty("region").GetProperty("code").GetString());
        Assert.Equal("province", province.GetProperty("region").GetProperty("level").GetString());
        Assert.Contains("140800", Codes(province));
        var city = await JsonAsync(await admin.GetAsync("/api/v1/regions/140800"), HttpStatusCode.OK);
        Assert.Equal("运城市", city.GetProperty("region").GetProperty("name").GetString());
        Assert.Contains("140823", Codes(city));
        Assert.Equal(["140000"], city.GetProperty("trail").EnumerateArray().Select(r => r.GetProperty("code").GetString()));

        using var official = await ApiClients.ForAsync(Factory, "wenxi.official", ["read"]);
        var own = await JsonAsync(await official.GetAsync("/api/v1/regions"), HttpStatusCode.OK);
        Assert.Equal("闻喜县", own.GetProperty("region").GetProperty("name").GetString());
        Assert.False(own.GetProperty("region").GetProperty("canChange").GetBoolean());
        await ApiFoundationTests<TFactory>.ProblemAsync(await official.GetAsync("/api/v1/regions/140800"), HttpStatusCode.NotFound, "region-not-found");
        using var jincheng = await ApiClients.ForAsync(Factory, "jincheng.supervisor", ["read"]);
        await ApiFoundationTests<TFactory>.ProblemAsync(await jincheng.GetAsync("/api/v1/regions/140823"), HttpStatusCode.NotFound, "region-not-found");
        var supervised = await JsonAsync(await jincheng.GetAsync("/api/v1/regions"), HttpStatusCode.OK);
        Assert.All(supervised.GetProperty("children").EnumerateArray(), c => Assert.False(c.GetProperty("canChange").GetBoolean()));

        // A read token never writes: 403 before anything is read, and nothing is stored.
        var newRegion = new { code = "140899", name = "测试新区", parentCode = "140800" };
        await ApiFoundationTests<TFactory>.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/regions", newRegion), HttpStatusCode.Forbidden, "api-scope-missing");
        await ApiFoundationTests<TFactory>.ProblemAsync(await admin.PatchAsJsonAsync("/api/v1/regions/140823", new { name = "改名" }), HttpStatusCode.Forbidden, "api-scope-missing");
        Assert.False(await Factory.WithDbAsync(db => db.Regions.AnyAsync(r => r.Code == "140899")));
        Assert.Equal("闻喜县", await Factory.WithDbAsync(db => db.Regions.Where(r => r.Code == "140823").Select(r => r.Name).SingleAsync()));

        // An admin token: the admin page's rules, its answers, the admin audit with the token's name.
        using var writer = await ApiClients.ForAsync(Factory, "shanxi.admin", ["read", "admin"]);
        var created = await writer.PostAsJsonAsync("/api/v1/regions", newRegion);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/regions/140899", created.Headers.Location?.ToString());
        Assert.Equal("测试新区", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("region").GetProperty("name").GetString());
        var audit = await Factory.WithDbAsync(db => db.AdminAuditEntries.OrderByDescending(a => a.Id).Select(a => new { a.UserDisplayName, a.After }).FirstAsync());
        Assert.Equal("山西省管理员（令牌“测试令牌”）", audit.UserDisplayName);
        Assert.Contains("140899", audit.After);

        var renamed = await JsonAsync(await writer.PatchAsJsonAsync("/api/v1/regions/140899", new { name = "测试改名区" }), HttpStatusCode.OK);
        Assert.Equal("测试改名区", renamed.GetProperty("region").GetProperty("name").GetString());
        Assert.True(renamed.GetProperty("region").GetProperty("isActive").GetBoolean());
        var invalid = await ApiFoundationTests<TFactory>.ProblemAsync(
            await writer.PostAsJsonAsync("/api/v1/regions", new { code = "12", name = "坏", parentCode = "140800" }), HttpStatusCode.UnprocessableEntity, "invalid");
        Assert.NotEmpty(invalid.GetProperty("errors").EnumerateArray());
        await ApiFoundationTests<TFactory>.ProblemAsync(await writer.PatchAsJsonAsync("/api/v1/regions/130100", new { name = "外省" }), HttpStatusCode.NotFound, "region-not-found");
        await ApiFoundationTests<TFactory>.ProblemAsync(
            await writer.PostAsync("/api/v1/regions", new StringContent("code=1", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "api-unsupported-media-type");
        // A search longer than any region's name: refused before it is looked for.
        await ApiFoundationTests<TFactory>.ProblemAsync(await writer.GetAsync("/api/v1/regions?q=" + new string('县', 51)), HttpStatusCode.UnprocessableEntity, "region-search-too-long");
        await ApiFoundationTests<TFactory>.ProblemAsync(
            await writer.PostAsync("/api/v1/regions", new StringContent("{\"code\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "api-json-value-unreadable"); // cut off: named at $.code
        await ApiFoundationTests<TFactory>.ProblemAsync(
            await writer.PostAsync("/api/v1/regions", new StringContent("{\"code\":\"140898\",\"name\":\"a\\u0000b\",\"parentCode\":\"140800\"}", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "api-json-nul-character"); // named at $.name

        // A county lead's token can never hold admin; a supervisor's admin scope is refused at creation.
        var (_, supervisor) = await ApiClients.ActorAsync(Factory, "yuncheng.supervisor");
        await using var scope = Factory.Services.CreateAsyncScope();
        var refused = await scope.ServiceProvider.GetRequiredService<CreateApiToken>().ForSelfAsync(new("管理", ["read", "admin"], 30), supervisor.Actor);
        Assert.Contains("admin", refused.Problems.Single().Text);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Once_a_revoke_has_returned_no_call_with_the_token_is_let_in(int callers)
    {
        var token = await ApiClients.CreateAsync(Factory, "yuncheng.supervisor", ["read"]);
        var (_, owner) = await ApiClients.ActorAsync(Factory, "yuncheng.supervisor");
        using var api = ApiClients.WithToken(Factory, token.Secret);
        var revoked = 0;
        var afterRevoke = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var before = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, callers).Select(async _ =>
        {
            while (true)
            {
                var startedAfter = Volatile.Read(ref revoked) == 1;
                var status = (await api.GetAsync("/api/v1/schemes")).StatusCode;
                if (status == HttpStatusCode.OK) answered.TrySetResult(); // the calls are under way: now revoke
                (startedAfter ? afterRevoke : before).Add(status);
                if (startedAfter) return;
            }
        }).ToList();

        await answered.Task;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<RevokeApiToken>().HandleAsync(token.Token.Id, owner.Actor);
            Assert.True(outcome.IsDone, outcome.Refusal);
        }

        Volatile.Write(ref revoked, 1);
        await Task.WhenAll(calls);
        Assert.Equal(callers, afterRevoke.Count);
        Assert.All(afterRevoke, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(before, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Unauthorized, s.ToString()));
        Assert.Contains(HttpStatusCode.OK, before);
        Assert.NotNull(await Factory.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == token.Token.Id).Select(t => t.RevokedAtUtc).SingleAsync()));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteApiTokenRulesTests(SqlitePortalFactory factory) : ApiTokenRulesTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresApiTokenRulesTests(PostgresPortalFactory factory) : ApiTokenRulesTests<PostgresPortalFactory>(factory);
