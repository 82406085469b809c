using EduDuty.Application.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Keeps the sign-in ticket on the server (<see cref="Sessions"/>): the cookie carries a random key only. The ticket is
/// serialised and protected with the key ring every instance shares, then stored in the database.
/// </summary>
internal sealed class DatabaseTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection) : ITicketStore
{
    private const string CurrentKey = "EduDuty.SessionKey";

    /// <summary>The key of the session the request came with, once the cookie handler has read it.</summary>
    public static string? KeyOf(HttpContext context) => context.Items[CurrentKey] as string;

    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        httpContext.Items[CurrentKey] = key;
        return RetrieveAsync(key);
    }

    private readonly IDataProtector _protector = protection.CreateProtector("EduDuty.Sessions.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket) =>
        await UseAsync(s => s.StartAsync(UserId(ticket), Protect(ticket), ticket.Properties.ExpiresUtc));

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        UseAsync(s => s.RenewAsync(key, Protect(ticket), ticket.Properties.ExpiresUtc));

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var stored = await UseAsync(s => s.FindAsync(key));
        return stored is null ? null : TicketSerializer.Default.Deserialize(_protector.Unprotect(stored));
    }

    public Task RemoveAsync(string key) => UseAsync(s => s.EndAsync(key));

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static string UserId(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
        ?? throw new InvalidOperationException("A sign-in ticket without a user id.");

    // The store is a singleton of the cookie handler; the database work runs in a scope of its own.
    private async Task<T> UseAsync<T>(Func<Sessions, Task<T>> use)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<Sessions>());
    }

    private Task UseAsync(Func<Sessions, Task> use) => UseAsync(async s => { await use(s); return 0; });
}
