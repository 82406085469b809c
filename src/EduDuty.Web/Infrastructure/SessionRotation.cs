using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Every sign-in and every privilege change gets a session under a new key, and the session the browser came with ends
/// (ASVS V7.2.4, session fixation). ASP.NET Core's cookie handler, once it has read a valid session cookie in a request,
/// stores the next sign-in of that request under the same key: a second user signing in on a browser where another is
/// signed in would take over the first one's key, so a copy of the first user's cookie would become the second user's
/// session. Here the handler that read the request's cookie signs out (which ends that session and stops it from renewing
/// the old key at the end of the response), and a fresh handler, which finds no session behind the old cookie any more,
/// signs in: the ticket store then hands out a new key (<see cref="DatabaseTicketStore.StoreAsync(AuthenticationTicket, HttpContext, CancellationToken)"/>).
/// </summary>
internal static class SessionRotation
{
    /// <param name="keepSignInTime">A privilege change within one sign-in keeps its absolute lifetime.</param>
    public static async Task SignInAsync(HttpContext context, string scheme, ClaimsPrincipal principal, AuthenticationProperties properties, bool keepSignInTime)
    {
        var previous = DatabaseTicketStore.KeyOf(context);
        if (previous is not null) await context.SignOutAsync(scheme);
        DatabaseTicketStore.Replace(context, previous, keepSignInTime);

        // The request's own handler remembers the old key for the rest of the request: a new one does not.
        var handlers = new AuthenticationHandlerProvider(context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>());
        if (await handlers.GetHandlerAsync(context, scheme) is not IAuthenticationSignInHandler handler)
            throw new InvalidOperationException($"The authentication scheme {scheme} cannot sign in.");
        await handler.SignInAsync(principal, properties);
    }
}
