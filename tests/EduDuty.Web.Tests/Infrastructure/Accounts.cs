using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>Throwaway accounts for tests that disable, lock, move or re-password a user: never a demo account others use.</summary>
public static class Accounts
{
    /// <returns>The new user's name; the password is the demo password.</returns>
    public static async Task<string> CreateAsync(PortalFactory factory, string regionCode, string role)
    {
        var userName = $"t.{Guid.NewGuid():N}"[..18];
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var regionId = await factory.WithDbAsync(db => db.Regions.Where(r => r.Code == regionCode).Select(r => r.Id).SingleAsync());
        var user = new AppUser { UserName = userName, DisplayName = "测试" + userName[2..8], RegionId = regionId, EmailConfirmed = true };
        user.PasswordHash = users.PasswordHasher.HashPassword(user, PortalClient.DemoPassword); // seeded as the demo is: the rules refuse it typed
        var created = await users.CreateAsync(user);
        if (created.Succeeded) created = await users.AddToRoleAsync(user, role);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        return userName;
    }

    /// <summary>Puts a demo account's password back after a test changed it (as seeded: the rules refuse the demo password typed).</summary>
    public static async Task RestoreDemoPasswordAsync(PortalFactory factory, string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"{userName} does not exist.");
        user.PasswordHash = users.PasswordHasher.HashPassword(user, PortalClient.DemoPassword);
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) throw new InvalidOperationException(string.Join("; ", updated.Errors.Select(e => e.Description)));
    }
}
