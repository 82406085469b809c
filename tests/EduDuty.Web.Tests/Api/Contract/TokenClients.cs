using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>
/// HTTP clients with real tokens (<see cref="ApiClients"/>), one per account and set of scopes, made once per test and reused
/// by every request of it (the matrix asks hundreds with a few dozen tokens). A set of scopes the account's role may not hold
/// makes no token (the use case refuses it): null.
/// </summary>
public sealed class TokenClients(PortalFactory factory) : IDisposable
{
    /// <summary>The service account of 运城市 (a supervisor's roles, bound to the city), made once per portal.</summary>
    public const string ServiceAccount = "yuncheng.platform";

    private readonly Dictionary<string, HttpClient?> _clients = new(StringComparer.Ordinal);

    /// <param name="account">A demo account, or null for the service account.</param>
    /// <param name="scopes">The token's scopes; null: every scope the account's roles may hold.</param>
    public async Task<HttpClient?> ForAsync(string? account, IReadOnlyList<string>? scopes)
    {
        var user = account ?? await EnsureServiceAccountAsync(factory);
        scopes ??= await AllowedAsync(user);
        var key = $"{user}|{string.Join(' ', scopes.Order(StringComparer.Ordinal))}";
        if (_clients.TryGetValue(key, out var client)) return client;
        // A role that may hold no scope at all (a 部门填报人员, issue 30) gets no token, as one the portal never makes.
        if (scopes.Count == 0 || !(await AllowedAsync(user)).ToHashSet().IsSupersetOf(scopes)) return _clients[key] = null;
        return _clients[key] = ApiClients.WithToken(factory, (await ApiClients.CreateAsync(factory, user, scopes)).Secret);
    }

    /// <summary>The scopes the account's roles may hold (<see cref="Core.Security.ApiScopes.AllowedFor"/>).</summary>
    public async Task<IReadOnlyList<string>> AllowedAsync(string user)
    {
        var (_, (actor, _)) = await ApiClients.ActorAsync(factory, user);
        return Core.Security.ApiScopes.AllowedFor(actor.Roles);
    }

    public static async Task<string> EnsureServiceAccountAsync(PortalFactory factory)
    {
        if (await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == ServiceAccount))) return ServiceAccount;
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var regionId = await factory.WithDbAsync(db => db.Regions.Where(r => r.Code == "140800").Select(r => r.Id).SingleAsync());
        var user = new AppUser { UserName = ServiceAccount, DisplayName = "运城市督导平台", RegionId = regionId, EmailConfirmed = true, IsServiceAccount = true };
        var created = await users.CreateAsync(user);
        if (created.Succeeded) created = await users.AddToRoleAsync(user, Core.Security.Roles.Supervisor);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        return ServiceAccount;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values) client?.Dispose();
    }
}
