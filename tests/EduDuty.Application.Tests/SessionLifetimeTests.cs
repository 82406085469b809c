using EduDuty.Application.Security;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// A session ends after 30 minutes without a request (the cookie's sliding expiry, stored with the ticket) and in any case
/// 12 hours after sign-in, however busy (ASVS V7.3.1, V7.3.2).
/// </summary>
public abstract class SessionLifetimeTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    private static readonly byte[] Ticket = [1, 2, 3];

    [Fact]
    public async Task An_active_session_is_renewed_but_ends_twelve_hours_after_sign_in()
    {
        var (userId, stamp) = await AnyUserAsync();
        var key = await UseAsync(s => s.StartAsync(userId, stamp, Ticket, host.Clock.GetUtcNow().AddMinutes(30)));

        // Active all day: a request every 20 minutes renews the 30-minute expiry.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11.5); elapsed += TimeSpan.FromMinutes(20))
        {
            host.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.NotNull(await UseAsync(s => s.FindAsync(key)));
            await UseAsync(async s => { await s.RenewAsync(key, userId, Ticket, host.Clock.GetUtcNow().AddMinutes(30)); return 0; });
        }

        // 11 h 40 after sign-in, renewed until 12 h 10; at 12 h 05 the sliding expiry alone would let it live on.
        host.Clock.Advance(TimeSpan.FromMinutes(25));

        Assert.Null(await UseAsync(s => s.FindAsync(key)));
    }

    [Fact]
    public async Task An_idle_session_ends_after_its_expiry()
    {
        var (userId, stamp) = await AnyUserAsync();
        var key = await UseAsync(s => s.StartAsync(userId, stamp, Ticket, host.Clock.GetUtcNow().AddMinutes(30)));

        host.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(await UseAsync(s => s.FindAsync(key)));
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await UseAsync(s => s.FindAsync(key)));
    }

    private async Task<(string Id, string Stamp)> AnyUserAsync()
    {
        var user = await host.WithScopeAsync(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            s.GetRequiredService<Data.EduDutyDbContext>().Users.Where(u => u.IsActive).Select(u => new { u.Id, u.SecurityStamp })));
        return (user.Id, user.SecurityStamp!);
    }

    private Task<T> UseAsync<T>(Func<Sessions, Task<T>> use) => host.WithScopeAsync(s => use(s.GetRequiredService<Sessions>()));
}

public sealed class SqliteSessionLifetimeTests(SqliteApplicationHost host) : SessionLifetimeTests<SqliteApplicationHost>(host);

public sealed class PostgresSessionLifetimeTests(PostgresApplicationHost host) : SessionLifetimeTests<PostgresApplicationHost>(host);
