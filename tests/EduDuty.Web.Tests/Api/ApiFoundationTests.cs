using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Api;

/// <summary>
/// Issue 29, the API's foundation on both databases: the bearer token is the only way in on /api (no cookie read or set, not
/// even a signed-in browser's), every refusal is problem+json with the catalogue's code and a traceId (401, 403, 404, 405, 413,
/// 415), and GET /api/v1/schemes answers with what the scheme model says.
/// </summary>
public abstract class ApiFoundationTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"), "no cookie on /api");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal("urn:eduduty:problem:" + code, body.GetProperty("type").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("traceId").GetString()));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", body.GetProperty("title").GetString()!);
        return body;
    }

    [Fact]
    public async Task Schemes_are_listed_and_described_with_a_read_token_and_no_cookie_is_set()
    {
        using var api = await ApiClients.ForAsync(Factory, "wenxi.official", ["read"]);
        var list = await api.GetAsync("/api/v1/schemes");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.False(list.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store", list.Headers.CacheControl?.ToString());
        var schemes = await list.Content.ReadFromJsonAsync<JsonElement>();
        var sx = schemes.EnumerateArray().Single(s => s.GetProperty("code").GetString() == "SX-2021");
        Assert.Equal(2021, sx.GetProperty("year").GetInt32());
        Assert.Equal("2021年对市县级政府履行教育职责的评价方案", sx.GetProperty("title").GetString());

        var one = await api.GetAsync("/api/v1/schemes/SX-2021");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var text = await one.Content.ReadAsStringAsync();
        Assert.Contains("学前教育", text); // Chinese as characters, not \u escapes
        var scheme = JsonDocument.Parse(text).RootElement;
        var fields = scheme.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("fields").EnumerateArray()).ToList();
        var a0305 = fields.Single(f => f.GetProperty("code").GetString() == "A03.05");
        Assert.Equal("%", a0305.GetProperty("unit").GetString());
        Assert.Equal("derived", a0305.GetProperty("kind").GetString());
        Assert.Contains("÷", a0305.GetProperty("formula").GetString());
        Assert.EndsWith("× 100%", a0305.GetProperty("formula").GetString());
        Assert.Contains("100", a0305.GetProperty("threshold").GetString());
        Assert.True(fields.Single(f => f.GetProperty("code").GetString() == "A01.01").GetProperty("required").GetBoolean());

        await ProblemAsync(await api.GetAsync("/api/v1/schemes/NO-SUCH"), HttpStatusCode.NotFound, "scheme-not-found");
    }

    [Fact]
    public async Task Without_a_valid_token_api_answers_401_problem_json_and_a_browser_session_counts_for_nothing()
    {
        using var none = ApiClients.WithToken(Factory, null);
        var missing = await ProblemAsync(await none.GetAsync("/api/v1/schemes"), HttpStatusCode.Unauthorized, "api-token-missing");
        Assert.Equal("Bearer", (await none.GetAsync("/api/v1/schemes")).Headers.WwwAuthenticate.ToString());
        await ProblemAsync(await none.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.Unauthorized, "api-token-missing");

        using var wrong = ApiClients.WithToken(Factory, "edt_" + new string('A', 43));
        await ProblemAsync(await wrong.GetAsync("/api/v1/schemes"), HttpStatusCode.Unauthorized, "api-token-invalid");
        using var garbage = ApiClients.WithToken(Factory, "not-a-token");
        await ProblemAsync(await garbage.GetAsync("/api/v1/schemes"), HttpStatusCode.Unauthorized, "api-token-invalid");
        using var basic = ApiClients.WithToken(Factory, null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("wenxi.official:" + PortalClient.DemoPassword)));
        // A header that is not "Bearer …" (Basic, the token alone): not "no token", but how to write the header.
        var notBearer = await ProblemAsync(await basic.GetAsync("/api/v1/schemes"), HttpStatusCode.Unauthorized, "api-token-not-bearer");
        Assert.Contains("Authorization: Bearer edt_…", notBearer.GetProperty("title").GetString());
        using var bare = ApiClients.WithToken(Factory, null);
        bare.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "edt_" + new string('A', 43));
        var bareAnswer = await bare.GetAsync("/api/v1/schemes");
        await ProblemAsync(bareAnswer, HttpStatusCode.Unauthorized, "api-token-not-bearer");
        Assert.Contains("invalid_request", bareAnswer.Headers.WwwAuthenticate.ToString());

        // A signed-in browser: its session, antiforgery and TempData cookies are neither read nor renewed on /api.
        var browser = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        await browser.GetDocumentAsync("/Admin/Users"); // an antiforgery cookie too
        var cookieNames = browser.Cookies.GetAllCookies().Select(c => c.Name).ToList();
        Assert.Contains(cookieNames, n => n.Contains("Auth", StringComparison.Ordinal));
        Assert.Contains(cookieNames, n => n.Contains("Antiforgery", StringComparison.Ordinal));
        browser.Cookies.Add(new Cookie(cookieNames.First(n => n.Contains("Auth", StringComparison.Ordinal)).Replace("Auth", "TempData", StringComparison.Ordinal), "x", "/", "localhost"));
        var before = browser.Cookies.GetAllCookies().Select(c => (c.Name, c.Value)).OrderBy(c => c.Name).ToList();
        await ProblemAsync(await browser.Http.GetAsync("/api/v1/schemes"), HttpStatusCode.Unauthorized, "api-token-missing");
        await ProblemAsync(await browser.Http.PostAsync("/api/v1/schemes", JsonContent.Create(new { })), HttpStatusCode.Unauthorized, "api-token-missing");
        Assert.Equal(before, browser.Cookies.GetAllCookies().Select(c => (c.Name, c.Value)).OrderBy(c => c.Name).ToList());
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/")).StatusCode); // the session itself still works on the pages
        Assert.Equal(JsonValueKind.Array, missing.GetProperty("errors").ValueKind);
    }

    [Fact]
    public async Task Refusals_on_api_are_problem_json_never_the_html_error_page()
    {
        using var admin = await ApiClients.ForAsync(Factory, "shanxi.admin", ["review"]);
        var scope = await ProblemAsync(await admin.GetAsync("/api/v1/schemes"), HttpStatusCode.Forbidden, "api-scope-missing");
        Assert.Contains("read", scope.GetProperty("title").GetString());

        using var api = await ApiClients.ForAsync(Factory, "shanxi.admin", ["read"]);
        await ProblemAsync(await api.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound, "api-not-found");
        await ProblemAsync(await api.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "api-not-found");
        await ProblemAsync(await api.DeleteAsync("/api/v1/schemes"), HttpStatusCode.MethodNotAllowed, "api-method-not-allowed");
        using var big = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        big.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await ProblemAsync(await api.PostAsync("/api/v1/schemes", big), HttpStatusCode.RequestEntityTooLarge, "api-body-too-large");
    }

    [Fact]
    public async Task Tokens_are_stored_as_hashes_refused_when_revoked_expired_or_their_user_disabled_and_scopes_follow_the_role()
    {
        var created = await ApiClients.CreateAsync(Factory, "wenxi.lead", ["read", "figures:write"], days: 10);
        Assert.Matches("^edt_[A-Za-z0-9_-]{43}$", created.Secret);
        var row = await Factory.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == created.Token.Id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret))), row.SecretHash);
        Assert.Equal(created.Secret[..12], row.Prefix);
        Assert.Equal("read figures:write", row.Scopes);
        Assert.DoesNotContain(created.Secret[12..], JsonSerializer.Serialize(row));

        using var api = ApiClients.WithToken(Factory, created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/schemes")).StatusCode);
        var used = await Factory.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == created.Token.Id).Select(t => t.LastUsedAtUtc).SingleAsync());
        Assert.InRange(used!.Value, created.Token.CreatedAtUtc, Factory.Clock.GetUtcNow().UtcDateTime);

        // Expired: ten days on (the fake clock), the same token is refused.
        Factory.Clock.Advance(TimeSpan.FromDays(10));
        await ProblemAsync(await api.GetAsync("/api/v1/schemes"), HttpStatusCode.Unauthorized, "api-token-expired");

        // Revoked: refused at its next call.
        var other = await ApiClients.CreateAsync(Factory, "wenxi.lead", ["read"]);
        using var second = ApiClients.WithToken(Factory, other.Secret);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/schemes")).StatusCode);
        var (leadId, lead) = await ApiClients.ActorAsync(Factory, "wenxi.lead");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var revoked = await scope.ServiceProvider.GetRequiredService<EduDuty.Application.Security.Tokens.RevokeApiToken>().HandleAsync(other.Token.Id, lead.Actor);
            Assert.True(revoked.IsDone);
        }

        await ProblemAsync(await second.GetAsync("/api/v1/schemes"), HttpStatusCode.Unauthorized, "api-token-revoked");

        // Disabled user: every token of theirs ends at once.
        var userName = await Accounts.CreateAsync(Factory, "140823", EduDuty.Core.Security.Roles.CountyOfficial);
        using var third = await ApiClients.ForAsync(Factory, userName, ["read"]);
        Assert.Equal(HttpStatusCode.OK, (await third.GetAsync("/api/v1/schemes")).StatusCode);
        var (userId, _) = await ApiClients.ActorAsync(Factory, userName);
        var (adminId, admin) = await ApiClients.ActorAsync(Factory, "shanxi.admin");
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var disabled = await scope.ServiceProvider.GetRequiredService<EduDuty.Application.Administration.SetUserActive>().HandleAsync(userId, false, admin.Actor, default);
            Assert.True(disabled.IsDone);
        }

        await ProblemAsync(await third.GetAsync("/api/v1/schemes"), HttpStatusCode.Unauthorized, "api-token-user-inactive");

        // A county official cannot give a token review or admin; an unknown scope and a year and a day are refused with the field named.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var create = scope.ServiceProvider.GetRequiredService<EduDuty.Application.Security.Tokens.CreateApiToken>();
            var review = await create.ForSelfAsync(new("审核", ["read", "review"], 30), lead.Actor);
            Assert.Equal(EduDuty.Application.OutcomeKind.Invalid, review.Kind);
            Assert.Contains("review", review.Problems.Single(p => p.Field == "Scopes").Text);
            var bad = await create.ForSelfAsync(new("", ["read", "write-all"], 366), lead.Actor);
            Assert.Equal(["Name", "Scopes", "ExpiresInDays"], bad.Problems.Select(p => p.Field));
            Assert.Contains("write-all", bad.Problems[1].Text);
        }

        Assert.NotEqual(leadId, adminId);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteApiFoundationTests(SqlitePortalFactory factory) : ApiFoundationTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresApiFoundationTests(PostgresPortalFactory factory) : ApiFoundationTests<PostgresPortalFactory>(factory);
