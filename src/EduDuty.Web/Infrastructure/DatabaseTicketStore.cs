using EduDuty.Application.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Keeps the sign-in ticket on the server (<see cref="Sessions"/>): the cookie carries a random key only. The ticket is
/// serialised and protected with the key ring every instance shares, then stored in the database with the security stamp it
/// was made with. A new ticket always gets a new key (<see cref="SessionRotation"/> makes sure the cookie handler asks for
/// one at every sign-in), and the session the browser came with ends in the same write.
/// </summary>
internal sealed class DatabaseTicketStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, IOptions<IdentityOptions> identity) : ITicketStore
{
    private const string CurrentKey = "EduDuty.SessionKey";
    private const string ReplacingKey = "EduDuty.ReplacingSession";
    private const string KeepSignInTimeKey = "EduDuty.KeepSignInTime";

    private readonly IDataProtector _protector = protection.CreateProtector("EduDuty.Sessions.v1");

    /// <summary>The key of the session the request came with, once the cookie handler has read it.</summary>
    public static string? KeyOf(HttpContext context) => context.Items[CurrentKey] as string;

    /// <summary>The next session this request stores replaces <paramref name="key"/> (ended in the same write).</summary>
    public static void Replace(HttpContext context, string? key, bool keepSignInTime)
    {
        context.Items[ReplacingKey] = key;
        context.Items[KeepSignInTimeKey] = keepSignInTime;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        httpContext.Items[CurrentKey] = key;
        return RetrieveAsync(key);
    }

    public Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        UseAsync(s => s.StartAsync(
            UserId(ticket), StampOf(ticket), Protect(ticket), ticket.Properties.ExpiresUtc,
            httpContext.Items[ReplacingKey] as string, httpContext.Items[KeepSignInTimeKey] is true, cancellationToken));

    public Task<string> StoreAsync(AuthenticationTicket ticket) =>
        UseAsync(s => s.StartAsync(UserId(ticket), StampOf(ticket), Protect(ticket), ticket.Properties.ExpiresUtc));

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        UseAsync(s => s.RenewAsync(key, UserId(ticket), Protect(ticket), ticket.Properties.ExpiresUtc));

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

    private string StampOf(AuthenticationTicket ticket) =>
        ticket.Principal.FindFirst(identity.Value.ClaimsIdentity.SecurityStampClaimType)?.Value
        ?? throw new InvalidOperationException("A sign-in ticket without the user's security stamp.");

    // The store is a singleton of the cookie handler; the database work runs in a scope of its own.
    private async Task<T> UseAsync<T>(Func<Sessions, Task<T>> use)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<Sessions>());
    }

    private Task UseAsync(Func<Sessions, Task> use) => UseAsync(async s => { await use(s); return 0; });
}
