using System.Net;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests.Api;

/// <summary>
/// Issue 29's pages: 个人信息 › 访问令牌 (a user's own tokens: only the scopes their role can use are offered, the secret shown
/// once after the redirect, listed by prefix, revoked) and 服务账号与令牌 (an admin's service accounts, which cannot sign in,
/// and their tokens, which reach no further than the account's region).
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class ApiTokenPagesTests(SqlitePortalFactory factory) : PortalTests<SqlitePortalFactory>(factory)
{
    [Fact]
    public async Task A_user_makes_a_token_on_the_profile_page_sees_its_secret_once_and_revokes_it()
    {
        var browser = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await browser.GetDocumentAsync("/Account/Profile");
        var offered = page.QuerySelectorAll("#token-form input[name=TokenScopes]").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["read", "figures:write"], offered);

        var created = await browser.SubmitAsync("/Account/Profile", "#token-form", new Dictionary<string, string> { ["TokenName"] = "县里系统", ["TokenDays"] = "30", ["TokenScopes"] = "read" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/Account/Profile#tokens", created.Headers.Location?.ToString());
        var shown = await browser.GetDocumentAsync("/Account/Profile");
        var secret = shown.QuerySelector("#token-secret")?.GetAttribute("value");
        Assert.Matches("^edt_[A-Za-z0-9_-]{43}$", secret);
        Assert.Contains("只显示这一次", shown.QuerySelector("#token-secret-box")!.TextContent);
        var row = shown.QuerySelectorAll("#tokens-table tbody tr").Single();
        Assert.Contains("县里系统", row.TextContent);
        Assert.Contains(secret![..12], row.TextContent);
        Assert.DoesNotContain(secret[12..], row.TextContent);
        Assert.Contains("从未使用", row.TextContent);
        Assert.Null((await browser.GetDocumentAsync("/Account/Profile")).QuerySelector("#token-secret")); // once

        using var api = ApiClients.WithToken(Factory, secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/regions")).StatusCode);
        Assert.DoesNotContain("从未使用", (await browser.GetDocumentAsync("/Account/Profile")).QuerySelector("#tokens-table tbody tr")!.TextContent);

        // A scope the role cannot use, posted anyway: refused with the field named, what was typed kept.
        var refused = await browser.SubmitAsync("/Account/Profile", "#token-form", new Dictionary<string, string> { ["TokenName"] = "审核用", ["TokenDays"] = "30", ["TokenScopes"] = "review" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var again = await PortalClient.ParseAsync(refused);
        Assert.Equal("审核用", again.QuerySelector("#token-name")!.GetAttribute("value"));
        Assert.Contains("review", again.QuerySelector("#token-scopes-error")!.TextContent);

        // No name and no scope: both in one summary sentence, without "。；" between them.
        var blank = await browser.GetDocumentAsync("/Account/Profile");
        foreach (var box in blank.QuerySelectorAll("#token-form input[name=TokenScopes]").ToList()) box.Remove(); // none ticked
        var both = await PortalClient.ParseAsync(await browser.SubmitAsync(blank, "/Account/Profile", "#token-form", new Dictionary<string, string> { ["TokenName"] = "", ["TokenDays"] = "30" }));
        var summary = both.QuerySelector("#token-refusal")!.TextContent;
        Assert.Contains("令牌名称", summary);
        Assert.Contains("权限范围", summary);
        Assert.DoesNotContain("。；", summary);

        var revoked = await browser.SubmitAsync("/Account/Profile", "#tokens-table form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("已撤销", (await browser.GetDocumentAsync("/Account/Profile")).QuerySelector("#tokens-table tbody tr")!.TextContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/regions")).StatusCode);
    }

    [Fact]
    public async Task An_admin_makes_a_service_account_that_cannot_sign_in_and_a_token_for_it_bound_to_its_region()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var account = await admin.SubmitAsync("/Admin/ServiceAccounts", "#create-account-form",
            new Dictionary<string, string> { ["NewUserName"] = "svc.yuncheng", ["NewDisplayName"] = "运城市督导平台", ["NewRole"] = "Supervisor", ["NewRegion"] = "140800" });
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        var page = await admin.GetDocumentAsync("/Admin/ServiceAccounts");
        Assert.Contains("svc.yuncheng", page.QuerySelector("#admin-message")!.TextContent);
        Assert.NotNull(page.QuerySelector("[data-account='svc.yuncheng'] form.token-form"));
        Assert.Null(await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "svc.yuncheng").Select(u => u.PasswordHash).SingleAsync()));

        // A refused token form keeps what was typed beside its account.
        var refused = await admin.SubmitAsync("/Admin/ServiceAccounts", "[data-account='svc.yuncheng'] form.token-form",
            new Dictionary<string, string> { ["TokenName"] = "督导平台读取", ["TokenDays"] = "400", ["TokenScopes"] = "read" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var kept = await PortalClient.ParseAsync(refused);
        Assert.Equal("督导平台读取", kept.QuerySelector("[data-account='svc.yuncheng'] input[name=TokenName]")!.GetAttribute("value"));
        Assert.Equal("400", kept.QuerySelector("[data-account='svc.yuncheng'] input[name=TokenDays]")!.GetAttribute("value"));

        var created = await admin.SubmitAsync("/Admin/ServiceAccounts", "[data-account='svc.yuncheng'] form.token-form",
            new Dictionary<string, string> { ["TokenName"] = "督导平台读取", ["TokenDays"] = "180", ["TokenScopes"] = "read" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var shown = await admin.GetDocumentAsync("/Admin/ServiceAccounts");
        var secret = shown.QuerySelector("#token-secret")!.GetAttribute("value")!;
        Assert.Contains("督导平台读取", shown.QuerySelector("#tokens-table")!.TextContent);

        using var api = ApiClients.WithToken(Factory, secret);
        var own = await api.GetAsync("/api/v1/regions");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains("运城市", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/regions/140500")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/regions", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        // It never signs in, whatever password is tried.
        var signIn = await PortalClient.For(Factory).SignInAsync("svc.yuncheng", PortalClient.DemoPassword);
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
    }
}
