using EduDuty.Application.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The password change as a use case: refused without the right current password (nothing changes, no session ends), and
/// when done the one-time mark is cleared and every other session of the user ends while the asking one stays.
/// </summary>
public abstract class ChangePasswordTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    private const string NewPassword = "一句只有我知道的新口令2022";

    [Fact]
    public async Task Without_the_right_current_password_nothing_changes_and_no_session_ends()
    {
        var (userId, keys) = await UserWithSessionsAsync("xiaxian.official");

        var missing = await ChangeAsync(userId, new PasswordChange(null, NewPassword, NewPassword), keys[0]);
        var wrong = await ChangeAsync(userId, new PasswordChange("not-the-password", NewPassword, NewPassword), keys[0]);

        Assert.Equal(OutcomeKind.Invalid, missing.Kind);
        Assert.Contains(missing.Problems, p => p.Field == "Current");
        Assert.Equal(OutcomeKind.Invalid, wrong.Kind);
        Assert.Contains(wrong.Problems, p => p.Field == "Current");
        Assert.Equal(keys.Order(), await SessionsOfAsync(userId));
        Assert.True(await host.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            return await users.CheckPasswordAsync((await users.FindByIdAsync(userId))!, Demo.DemoData.DemoPassword);
        }));
    }

    [Fact]
    public async Task Done_it_clears_the_one_time_mark_and_ends_every_other_session_but_the_askers()
    {
        var (userId, keys) = await UserWithSessionsAsync("xiaxian.lead");
        await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, true)));

        var done = await ChangeAsync(userId, new PasswordChange(Demo.DemoData.DemoPassword, NewPassword, NewPassword), keys[1]);

        Assert.True(done.IsDone, done.Refusal);
        Assert.Equal([keys[1]], await SessionsOfAsync(userId));
        Assert.False(await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.Id == userId).Select(u => u.MustChangePassword).SingleAsync()));
    }

    // From the new-user walk: five new passwords the rules refused, typed with the right current password, locked the page for a
    // minute ("操作过于频繁") although nothing was guessed. Weak new passwords are refused before anything is counted.
    [Fact]
    public async Task New_passwords_the_rules_refuse_are_not_counted_as_attempts()
    {
        var (userId, keys) = await UserWithSessionsAsync("wenxi.official");
        foreach (var weak in new[] { "Admin@123456", "Aa1234567890", "!QAZ2wsx#EDC", "Demo-Password-2021", "qwertyuiop12", "20211101abcd", "aaaaaaaaaaaa" })
        {
            var refused = await ChangeAsync(userId, new PasswordChange(Demo.DemoData.DemoPassword, weak, weak), keys[0]);
            Assert.Equal(OutcomeKind.Invalid, refused.Kind);
            Assert.Contains(refused.Problems, p => p.Field == "NewPassword");
        }

        var done = await ChangeAsync(userId, new PasswordChange(Demo.DemoData.DemoPassword, NewPassword, NewPassword), keys[0]);

        Assert.True(done.IsDone, done.Refusal);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found_and_changes_nothing()
    {
        var outcome = await ChangeAsync("no-such-user", new PasswordChange(Demo.DemoData.DemoPassword, NewPassword, NewPassword), null);

        Assert.Equal(OutcomeKind.NotFound, outcome.Kind);
    }

    private Task<Outcome<AppUser>> ChangeAsync(string userId, PasswordChange change, string? keep) =>
        host.WithScopeAsync(s => s.GetRequiredService<ChangePassword>().HandleAsync(userId, change, keep, default));

    private async Task<(string UserId, string[] Keys)> UserWithSessionsAsync(string userName)
    {
        var userId = await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
        var stamp = await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp!).SingleAsync());
        var keys = new string[3];
        for (var i = 0; i < keys.Length; i++) keys[i] = await host.WithScopeAsync(s => s.GetRequiredService<Sessions>().StartAsync(userId, stamp, [1, 2, 3], null));
        return (userId, keys);
    }

    private Task<List<string>> SessionsOfAsync(string userId) =>
        host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().UserSessions.Where(x => x.UserId == userId).Select(x => x.Id).OrderBy(x => x).ToListAsync());
}

public sealed class SqliteChangePasswordTests(SqliteApplicationHost host) : ChangePasswordTests<SqliteApplicationHost>(host);
