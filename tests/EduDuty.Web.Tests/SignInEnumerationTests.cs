using System.Net;
using EduDuty.Data.Entities;
using EduDuty.Web.Pages.Account;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EduDuty.Web.Tests;

/// <summary>
/// ASVS V6.3.8: a failed sign-in does not tell whether the account exists, is disabled, is locked or just got the password
/// wrong. The page says the same words for all four, and each costs exactly one password-hash verification: the time of an
/// answer is the same (counted, not timed: a timed unit test would be flaky, see docs/performance.md).
/// </summary>
public abstract class SignInEnumerationTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : PortalFactory, ICountsHashes
{
    [Fact]
    public async Task Unknown_disabled_locked_and_wrong_password_read_alike_and_each_cost_one_hash()
    {
        var wrongPassword = await Accounts.CreateAsync(factory, "140823", "CountyOfficial");
        var disabled = await Accounts.CreateAsync(factory, "140823", "CountyOfficial");
        var locked = await Accounts.CreateAsync(factory, "140823", "CountyOfficial");
        await factory.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.UserName == disabled).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
            return await db.Users.Where(u => u.UserName == locked)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1)));
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
            var client = PortalClient.For(factory);
            await client.GetDocumentAsync("/Account/Login");
            var before = factory.Verifications;

            var response = await client.SignInAsync(userName, password);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(factory.Verifications - before == 1, $"{name}: {factory.Verifications - before} hash verifications");
            var page = await PortalClient.ParseAsync(response);
            pages.Add(page.QuerySelector("main")!.TextContent.Replace(userName, "{user}", StringComparison.Ordinal).Trim());
            Assert.Contains(LoginModel.Failure, page.QuerySelector("[role=alert]")!.TextContent);
        }

        Assert.Single(pages.Distinct());
    }
}

public interface ICountsHashes
{
    int Verifications { get; }
}

/// <summary>Counts password-hash verifications over the portal's own hasher (same options, so cheap in tests).</summary>
public sealed class CountingHasher(IPasswordHasher<AppUser> inner) : IPasswordHasher<AppUser>
{
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

internal static class HashCounting
{
    /// <summary>Replaces the portal's hasher with a counting one (a singleton, so the count spans requests).</summary>
    public static void Install(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<AppUser>>(sp =>
            new CountingHasher(new PasswordHasher<AppUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()))));

    public static int Verifications(PortalFactory factory) =>
        ((CountingHasher)factory.Services.GetRequiredService<IPasswordHasher<AppUser>>()).Verifications;
}

public sealed class HashCountingSqliteFactory : SqlitePortalFactory, ICountsHashes
{
    public int Verifications => HashCounting.Verifications(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        HashCounting.Install(builder);
    }
}

public sealed class HashCountingPostgresFactory : PostgresPortalFactory, ICountsHashes
{
    public int Verifications => HashCounting.Verifications(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        HashCounting.Install(builder);
    }
}

public sealed class SqliteSignInEnumerationTests(HashCountingSqliteFactory factory) : SignInEnumerationTests<HashCountingSqliteFactory>(factory);

public sealed class PostgresSignInEnumerationTests(HashCountingPostgresFactory factory) : SignInEnumerationTests<HashCountingPostgresFactory>(factory);
