using EduDuty.Application.Security;
using EduDuty.Core.Messaging;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Issue 24. Sessions are bound to the user's security stamp and to the user, a new session replaces the browser's old one,
/// attempts are counted in the database without ever passing the limit, and the password change counts toward the lockout,
/// on both databases.
/// </summary>
public abstract class SessionBindingTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    private static readonly byte[] Ticket = [1, 2, 3];
    private const string NewPassword = "一句只有我知道的新口令2022";

    [Fact]
    public async Task A_session_reads_nothing_once_the_users_stamp_moves_or_the_user_is_disabled()
    {
        var (userId, stamp) = await UserAsync("xiaxian.official");
        var stamped = await UseAsync(s => s.StartAsync(userId, stamp, Ticket, null));
        var disabledLater = await UseAsync(s => s.StartAsync(userId, stamp, Ticket, null));
        Assert.NotNull(await UseAsync(s => s.FindAsync(stamped)));

        // What a password change, a reset, a new role or region does on another instance: the stamp moves.
        await host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            return await users.UpdateSecurityStampAsync((await users.FindByIdAsync(userId))!);
        });
        Assert.Null(await UseAsync(s => s.FindAsync(stamped)));
        Assert.Null(await UseAsync(s => s.FindAsync(disabledLater)));

        // A session under the new stamp reads, until the user is disabled.
        var (_, newStamp) = await UserAsync("xiaxian.official");
        var fresh = await UseAsync(s => s.StartAsync(userId, newStamp, Ticket, null));
        Assert.NotNull(await UseAsync(s => s.FindAsync(fresh)));
        await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        Assert.Null(await UseAsync(s => s.FindAsync(fresh)));
        await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, true)));
    }

    [Fact]
    public async Task A_new_session_gets_a_new_key_ends_the_one_it_replaces_and_a_privilege_change_keeps_the_sign_in_time()
    {
        var (userId, stamp) = await UserAsync("xiaxian.lead");
        var first = await UseAsync(s => s.StartAsync(userId, stamp, Ticket, null));
        host.Clock.Advance(TimeSpan.FromHours(1));

        var changed = await UseAsync(s => s.StartAsync(userId, stamp, Ticket, null, replacing: first, keepSignInTime: true));
        var signedInAgain = await UseAsync(s => s.StartAsync(userId, stamp, Ticket, null, replacing: changed));

        Assert.Equal(3, new[] { first, changed, signedInAgain }.Distinct().Count());
        Assert.Null(await UseAsync(s => s.FindAsync(first)));
        Assert.Null(await UseAsync(s => s.FindAsync(changed)));
        var created = await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().UserSessions
            .Where(x => x.Id == signedInAgain).Select(x => x.CreatedAtUtc).SingleAsync());
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime, created, TimeSpan.FromSeconds(1));

        // The privilege change kept the first sign-in's time: its 12 hours count from there.
        var kept = await UseAsync(s => s.StartAsync(userId, stamp, Ticket, null, replacing: signedInAgain, keepSignInTime: true));
        host.Clock.Advance(Sessions.AbsoluteLifetime - TimeSpan.FromMinutes(1));
        Assert.NotNull(await UseAsync(s => s.FindAsync(kept)));
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await UseAsync(s => s.FindAsync(kept)));
    }

    [Fact]
    public async Task A_session_and_an_unread_count_read_once_are_read_again_without_a_statement_until_they_change()
    {
        var (userId, stamp) = await UserAsync("xiaxian.official");
        var key = await UseAsync(s => s.StartAsync(userId, stamp, Ticket, null));
        var count = await host.WithScopeAsync(s => s.GetRequiredService<Notifications.Inbox>().UnreadCountAsync(userId, default));

        // The first reads may come before the instance listens for changes (PostgreSQL): nothing is kept until it does.
        for (var attempt = 0; attempt < 100 && !await CachedAsync(); attempt++) await Task.Delay(50);

        Assert.True(await CachedAsync(), "the session and the count were read from the database every time");
        await UseAsync(s => s.EndAsync(key).ContinueWith(_ => 0));
        host.Commands.Reset();
        Assert.Null(await UseAsync(s => s.FindAsync(key)));
        Assert.Equal(1, host.Commands.Count);

        async Task<bool> CachedAsync()
        {
            host.Commands.Reset();
            var found = await UseAsync(s => s.FindAsync(key));
            var unread = await host.WithScopeAsync(s => s.GetRequiredService<Notifications.Inbox>().UnreadCountAsync(userId, default));
            Assert.Equal(Ticket, found);
            Assert.Equal(count, unread);
            return host.Commands.Count == 0;
        }
    }

    [Fact]
    public async Task A_renewal_carrying_another_users_ticket_changes_nothing()
    {
        var (official, stamp) = await UserAsync("xiaxian.official");
        var (lead, _) = await UserAsync("xiaxian.lead");
        var key = await UseAsync(s => s.StartAsync(official, stamp, Ticket, null));

        await UseAsync(async s => { await s.RenewAsync(key, lead, [9, 9, 9], null); return 0; });

        Assert.Equal(Ticket, await UseAsync(s => s.FindAsync(key)));
    }

    [Theory]
    [InlineData(8, 3)]
    [InlineData(50, 10)]
    public async Task Attempts_started_at_once_never_pass_the_limit_and_each_allowed_one_is_counted_once(int atOnce, int limit)
    {
        var key = $"test:{atOnce}:{Guid.NewGuid():N}";
        host.Clock.Advance(TimeSpan.FromMinutes(5)); // a window of its own

        var answers = await Task.WhenAll(Enumerable.Range(0, atOnce).Select(_ => Task.Run(() =>
            host.WithScopeAsync(s => s.GetRequiredService<AttemptLimits>().TryAttemptAsync(key, limit, TimeSpan.FromMinutes(1))))));

        var allowed = answers.Count(a => a is null);
        var stored = await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AttemptCounters.Where(c => c.Key == key).SumAsync(c => c.Count));
        Assert.InRange(allowed, 1, limit);
        Assert.Equal(allowed, stored);
        Assert.All(answers.Where(a => a is not null), a => Assert.InRange(a!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)));

        // A minute later the key starts afresh.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await host.WithScopeAsync(s => s.GetRequiredService<AttemptLimits>().TryAttemptAsync(key, limit, TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public async Task Wrong_current_passwords_lock_the_password_change_and_the_right_one_waits_until_the_lockout_ends()
    {
        var (userId, _) = await UserAsync("jincheng.supervisor");
        host.Clock.Advance(TimeSpan.FromMinutes(10)); // a fresh minute for this user's attempts

        for (var guess = 1; guess <= IdentityPolicy.MaxFailedAttempts; guess++)
        {
            var wrong = await ChangeAsync(userId, "Guess-Number-" + guess);
            Assert.NotEqual(OutcomeKind.Done, wrong.Kind);
        }

        // The sixth attempt in the same minute: throttled, whatever the password.
        var throttled = await ChangeAsync(userId, Demo.DemoData.DemoPassword);
        Assert.Equal(Messages.TooManyAttemptsCode, throttled.Reason?.Code);

        // A minute later, the right password: refused, the account is locked (15 minutes from the fifth guess).
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var locked = await ChangeAsync(userId, Demo.DemoData.DemoPassword);
        Assert.Equal("password-change-locked-out", locked.Reason?.Code);
        host.Clock.Advance(TimeSpan.FromMinutes(13));
        Assert.Equal("password-change-locked-out", (await ChangeAsync(userId, Demo.DemoData.DemoPassword)).Reason?.Code);
        Assert.True(await host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            return await users.CheckPasswordAsync((await users.FindByIdAsync(userId))!, Demo.DemoData.DemoPassword);
        }));

        // After the lockout the right password changes it.
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        var done = await ChangeAsync(userId, Demo.DemoData.DemoPassword);
        Assert.True(done.IsDone, done.Refusal);
    }

    private Task<Outcome<AppUser>> ChangeAsync(string userId, string current) =>
        host.WithScopeAsync(s => s.GetRequiredService<ChangePassword>().HandleAsync(userId, new PasswordChange(current, NewPassword, NewPassword), null, default));

    private async Task<(string Id, string Stamp)> UserAsync(string userName)
    {
        var user = await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == userName)
            .Select(u => new { u.Id, u.SecurityStamp }).SingleAsync());
        return (user.Id, user.SecurityStamp!);
    }

    private Task<T> UseAsync<T>(Func<Sessions, Task<T>> use) => host.WithScopeAsync(s => use(s.GetRequiredService<Sessions>()));
}

public sealed class SqliteSessionBindingTests(SqliteApplicationHost host) : SessionBindingTests<SqliteApplicationHost>(host);

public sealed class PostgresSessionBindingTests(PostgresApplicationHost host) : SessionBindingTests<PostgresApplicationHost>(host);
