using System.Net;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EduDuty.Web.Tests;

/// <summary>
/// What only the Production environment turns on (Development keeps plain HTTP and simple cookie names for local work): HTTPS
/// redirection, HSTS for a year with subdomains, __Host- cookies, and host filtering against a forged Host header.
/// Transport only, so SQLite alone.
/// </summary>
public sealed class ProductionHeadersTests(ProductionHeadersTests.ProductionFactory factory) : IClassFixture<ProductionHeadersTests.ProductionFactory>
{
    private const string Host = "eduduty.example.gov.cn";

    public sealed class ProductionFactory : SqlitePortalFactory
    {
        public override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
        {
            ["AllowedHosts"] = Host,
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private PortalClient Https => PortalClient.For(factory, new Uri($"https://{Host}/"));

    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        var response = await PortalClient.For(factory, new Uri($"http://{Host}/")).Http.GetAsync("/Account/Login");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.TemporaryRedirect, HttpStatusCode.PermanentRedirect });
        Assert.Equal($"https://{Host}/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task On_api_the_production_error_pages_never_answer_every_refusal_is_problem_json()
    {
        await factory.BeginTestAsync(GetType());
        var token = await ApiClients.CreateAsync(factory, "shanxi.admin", ["read", "admin"]);
        var api = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri($"https://{Host}/"), AllowAutoRedirect = false, HandleCookies = false,
        });
        var bad = await api.GetAsync("/api/v1/schemes");
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Secret);
        var missing = await api.GetAsync("/api/v1/no-such-thing");
        var unreadable = await api.PostAsync("/api/v1/regions", new StringContent("{\"code\":", System.Text.Encoding.UTF8, "application/json"));
        foreach (var (response, status) in new[] { (bad, HttpStatusCode.Unauthorized), (missing, HttpStatusCode.NotFound), (unreadable, HttpStatusCode.BadRequest) })
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            Assert.Contains("\"traceId\"", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/schemes")).StatusCode);
    }

    [Fact]
    public async Task A_health_probe_over_plain_http_gets_its_answer_not_a_redirect()
    {
        var response = await PortalClient.For(factory, new Uri($"http://{Host}/")).Http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Https_pages_carry_hsts_for_a_year_with_subdomains_and_the_other_headers_and_no_server_banner()
    {
        var response = await Https.Http.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task Cookies_are_host_only_secure_and_http_only()
    {
        var client = Https;

        var signIn = await client.SignInAsync("wenxi.official");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = client.Cookies.GetAllCookies().ToList();
        Assert.Contains(cookies, c => c.Name == "__Host-EduDuty.Auth");
        Assert.Contains(cookies, c => c.Name == "__Host-EduDuty.Antiforgery");
        Assert.All(cookies, c =>
        {
            // The browser accepts a __Host- cookie only if it is Secure, has Path=/ and no Domain: the rules tested here.
            Assert.StartsWith("__Host-", c.Name);
            Assert.True(c.Secure, c.Name);
            Assert.True(c.HttpOnly, c.Name);
            Assert.Equal("/", c.Path);
        });
        var home = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.True(home.Headers.CacheControl?.NoStore, "a signed-in page must not be kept by a cache (ASVS V14.3.2)");
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("eduduty.example.gov.cn.evil.example")]
    public async Task A_forged_host_is_refused(string forged)
    {
        var response = await PortalClient.For(factory, new Uri($"https://{forged}/")).Http.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
