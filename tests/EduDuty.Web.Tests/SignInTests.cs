using EduDuty.Web.Pages.Account;
using System.Net;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

public abstract class SignInTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Evaluations/1")]
    public async Task Anonymous_user_is_sent_to_sign_in(string url)
    {
        var response = await PortalClient.For(Factory).Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location.Query);
    }

    [Fact]
    public async Task Demo_official_signs_in_and_sees_only_the_own_county()
    {
        var client = PortalClient.For(Factory);

        var response = await client.SignInAsync("wenxi.official");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var setCookie = string.Join(";", response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);

        var home = await client.GetDocumentAsync("/");
        var rows = home.QuerySelectorAll("#evaluations tbody tr").Select(r => r.TextContent).ToList();
        Assert.Single(rows);
        Assert.Contains("闻喜县", rows[0]);
        Assert.Contains("闻喜县填报员", home.QuerySelector("#current-user")!.TextContent);
        Assert.Equal("/Account/ChangePassword", home.QuerySelector("#change-password-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Supervisor_sees_the_counties_of_its_city_only()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var home = await client.GetDocumentAsync("/");
        var counties = home.QuerySelectorAll("#evaluations tbody tr td:first-child").Select(c => c.TextContent).ToList();

        Assert.Equal(5, counties.Count);
        Assert.Contains(counties, c => c.Contains("闻喜县"));
        Assert.Contains(counties, c => c.Contains("盐湖区"));
        Assert.DoesNotContain(counties, c => c.Contains("泽州县"));
    }

    [Theory]
    [InlineData("wenxi.official", "140823", HttpStatusCode.OK)]
    [InlineData("wenxi.official", "140525", HttpStatusCode.NotFound)]
    [InlineData("wenxi.official", "140802", HttpStatusCode.NotFound)]
    [InlineData("wenxi.lead", "140525", HttpStatusCode.NotFound)]
    [InlineData("yuncheng.supervisor", "140823", HttpStatusCode.OK)]
    [InlineData("yuncheng.supervisor", "140525", HttpStatusCode.NotFound)]
    [InlineData("shanxi.admin", "140525", HttpStatusCode.OK)]
    public async Task Evaluation_page_is_reachable_only_within_the_users_region(string user, string countyCode, HttpStatusCode expected)
    {
        var id = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == countyCode).Select(e => e.Id).SingleAsync());
        var countyName = await Factory.WithDbAsync(db => db.Regions.Where(r => r.Code == countyCode).Select(r => r.Name).SingleAsync());
        var client = await PortalClient.For(Factory).SignedInAsync(user);

        var response = await client.Http.GetAsync($"/Evaluations/{id}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK) Assert.Contains(countyName, body);
        else Assert.DoesNotContain(countyName, body);
    }

    [Fact]
    public async Task Non_existent_evaluation_is_404()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/Evaluations/987654")).StatusCode);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_sixth_attempt_is_refused_even_when_right()
    {
        var userName = await CreateUserAsync();
        var client = PortalClient.For(Factory);

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await client.SignInAsync(userName, "not-the-password-" + attempt);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains(LoginModel.Failure, await wrong.Content.ReadAsStringAsync());
        }

        var fifth = await client.SignInAsync(userName, "not-the-password-5");
        Assert.Contains(LoginModel.Failure, await fifth.Content.ReadAsStringAsync());

        var sixth = await client.SignInAsync(userName, PortalClient.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, sixth.StatusCode);
        Assert.Contains(LoginModel.Failure, await sixth.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/")).StatusCode);

        var lockoutEnd = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.LockoutEnd).SingleAsync());
        // The lockout runs on the portal's clock (EduDutyUserManager), not the system clock Identity alone would read.
        Assert.True(lockoutEnd > Factory.Clock.GetUtcNow().AddMinutes(10));
    }

    [Fact]
    public async Task Empty_sign_in_form_gets_chinese_field_messages()
    {
        var response = await PortalClient.For(Factory).SignInAsync("", "");
        var page = await PortalClient.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("请输入用户名。", page.QuerySelector("[data-valmsg-for='Input.UserName']")!.TextContent.Trim());
        Assert.Equal("请输入密码。", page.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Post_without_antiforgery_token_is_rejected()
    {
        var response = await PortalClient.For(Factory).Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "wenxi.official",
            ["Input.Password"] = PortalClient.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var response = await client.PostFormAsync("/", "#logout-form", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        var response = await PortalClient.For(Factory).Http.GetAsync("/Account/Login");

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private async Task<string> CreateUserAsync()
    {
        var userName = $"lockout.{Guid.NewGuid():N}"[..20];
        await Factory.WithDbAsync(async db =>
        {
            var region = await db.Regions.SingleAsync(r => r.Code == "140823");
            var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<AppUser>();
            var user = new AppUser
            {
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                DisplayName = "锁定测试",
                RegionId = region.Id,
                LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString(),
            };
            user.PasswordHash = hasher.HashPassword(user, PortalClient.DemoPassword);
            db.Users.Add(user);
            return await db.SaveChangesAsync();
        });
        return userName;
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteSignInTests(SqlitePortalFactory factory) : SignInTests<SqlitePortalFactory>(factory);
