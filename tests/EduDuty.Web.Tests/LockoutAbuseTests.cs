using System.Net;
using EduDuty.Application.Security;
using EduDuty.Web.Pages.Account;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Lockout cannot be turned against officials (see docs/security.md): five wrong passwords from a stranger lock the account
/// for every browser the official has never used, but not for the browser the official signed in from before; guessing from
/// that browser is bounded in turn, on the server, so a copied cookie does not restore its trust.
/// </summary>
public abstract class LockoutAbuseTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task A_stranger_locking_the_account_does_not_keep_the_official_out_of_a_browser_used_before()
    {
        var userName = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        var officialsBrowser = await SignedInThenOutAsync(userName);

        await LockAsync(userName);

        await AssertRefusedAsync(PortalClient.For(Factory), userName, PortalClient.DemoPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await officialsBrowser.SignInAsync(userName)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officialsBrowser.Http.GetAsync("/")).StatusCode);
        await AssertRefusedAsync(PortalClient.For(Factory), userName, PortalClient.DemoPassword);
    }

    [Fact]
    public async Task Five_wrong_passwords_from_the_trusted_browser_end_its_trust_and_a_copied_cookie_does_not_bring_it_back()
    {
        var userName = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        var officialsBrowser = await SignedInThenOutAsync(userName);
        var copied = officialsBrowser.Cookies.GetAllCookies().Single(c => c.Name == "EduDuty.Device");
        await LockAsync(userName);

        for (var i = 0; i < TrustedDevices.MaxFailures; i++)
        {
            await AssertRefusedAsync(officialsBrowser, userName, "Wrong-Password-" + i);
        }

        await AssertRefusedAsync(officialsBrowser, userName, PortalClient.DemoPassword);
        var replay = PortalClient.For(Factory);
        replay.Cookies.Add(new Uri("http://localhost/"), new Cookie(copied.Name, copied.Value, "/"));
        await AssertRefusedAsync(replay, userName, PortalClient.DemoPassword);
    }

    [Fact]
    public async Task A_password_reset_by_the_admin_forgets_every_browser_of_the_user()
    {
        var userName = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        await SignedInThenOutAsync(userName);
        var userId = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await TrustedCountAsync(userId));

        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var reset = await admin.SubmitAsync("/Admin/Users", $"#users tr[data-user='{userName}'] form.reset-form", new Dictionary<string, string> { ["Confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, await TrustedCountAsync(userId));
    }

    private async Task<PortalClient> SignedInThenOutAsync(string userName)
    {
        var browser = await PortalClient.For(Factory).SignedInAsync(userName);
        await browser.PostFormAsync("/", "#logout-form", []);
        return browser;
    }

    /// <summary>A stranger types five wrong passwords: the account is locked (Identity's lockout, 15 minutes).</summary>
    private async Task LockAsync(string userName)
    {
        var stranger = PortalClient.For(Factory);
        for (var i = 0; i < 5; i++) await AssertRefusedAsync(stranger, userName, "Guess-" + i);
        var lockoutEnd = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.LockoutEnd).SingleAsync());
        // The lockout runs on the portal's clock (EduDutyUserManager), not the system clock Identity alone would read.
        Assert.True(lockoutEnd > Factory.Clock.GetUtcNow());
    }

    private static async Task AssertRefusedAsync(PortalClient client, string userName, string password)
    {
        var response = await client.SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(LoginModel.Failure, await response.Content.ReadAsStringAsync());
    }

    private Task<int> TrustedCountAsync(string userId) =>
        Factory.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == userId && t.LoginProvider == TrustedDevices.Provider));
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteLockoutAbuseTests(SqlitePortalFactory factory) : LockoutAbuseTests<SqlitePortalFactory>(factory);
