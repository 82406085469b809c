using System.Net;
using EduDuty.Web.Pages.Account;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// ASVS V6.3.8: a failed sign-in does not tell whether the account exists, is disabled, is locked or just got the password
/// wrong. The page says the same words for all four, and each costs exactly one password-hash verification: the time of an
/// answer is the same (counted, not timed: a timed unit test would be flaky, see docs/performance.md).
/// </summary>
public abstract class SignInEnumerationTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task Unknown_disabled_locked_and_wrong_password_read_alike_and_each_cost_one_hash()
    {
        var wrongPassword = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        var disabled = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        var locked = await Accounts.CreateAsync(Factory, "140823", "CountyOfficial");
        await Factory.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.UserName == disabled).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
            return await db.Users.Where(u => u.UserName == locked)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.MaxValue));
        });

        var attempts = new (string Case, string UserName, string Password)[]
        {
            ("unknown account", "nobody." + Guid.NewGuid().ToString("N")[..8], PortalClient.DemoPassword),
            ("wrong password", wrongPassword, "Not-The-Password-2021"),
            ("disabled account, right password", disabled, PortalClient.DemoPassword),
            ("locked account, right password", locked, PortalClient.DemoPassword),
        };

        var pages = new List<string>();
        foreach (var (name, userName, password) in attempts)
        {
            var client = PortalClient.For(Factory);
            await client.GetDocumentAsync("/Account/Login");
            var before = Factory.Verifications;

            var response = await client.SignInAsync(userName, password);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(Factory.Verifications - before == 1, $"{name}: {Factory.Verifications - before} hash verifications");
            var page = await PortalClient.ParseAsync(response);
            pages.Add(page.QuerySelector("main")!.TextContent.Replace(userName, "{user}", StringComparison.Ordinal).Trim());
            Assert.Contains(LoginModel.Failure, page.QuerySelector("[role=alert]")!.TextContent);
        }

        Assert.Single(pages.Distinct());
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteSignInEnumerationTests(SqlitePortalFactory factory) : SignInEnumerationTests<SqlitePortalFactory>(factory);
