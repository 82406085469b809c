using EduDuty.Application.Security;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Sign-in as EduDuty wants it:
/// <list type="bullet">
/// <item>a disabled user cannot sign in;</item>
/// <item>every failed attempt costs one password hash, whether the account does not exist, is disabled, is locked or just got
/// the password wrong, so that the time of an answer does not tell which accounts exist (ASVS V6.3.8); the page answers all
/// of them with the same message;</item>
/// <item>a lockout caused by strangers does not shut the official out: from a browser the official signed in from before
/// (<see cref="TrustedDevices"/>), the password is checked despite the lockout, and wrong passwords from it count against that
/// browser, not the account;</item>
/// <item>every sign-in and every refresh of a sign-in (a password change) starts a session under a new key and ends the one the
/// browser came with (<see cref="SessionRotation"/>).</item>
/// </list>
/// </summary>
internal sealed class EduDutySignInManager(
    UserManager<AppUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, IPasswordHasher<AppUser> hasher, DummyPasswordHash dummy, TrustedDevices devices, DeviceCookie deviceCookie,
    AttemptLimits limits)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private bool _refreshing;

    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            await SpendLikeAWrongPasswordAsync(userName, password);
            return SignInResult.Failed;
        }

        var device = deviceCookie.DeviceFor(Context, user.Id);
        var trusted = device is not null && await devices.IsTrustedAsync(user.Id, device);
        var result = trusted
            ? await TrustedSignInAsync(user, password, isPersistent, device!)
            : await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        // Identity answers a locked or disabled account before it checks the password: spend the same time here.
        if (result.IsLockedOut || result.IsNotAllowed) await SpendLikeAWrongPasswordAsync(userName, password);
        if (result.Succeeded) deviceCookie.Remember(Context, user, await devices.RememberAsync(user.Id, trusted ? device : null));
        return result;
    }

    /// <summary>From a trusted browser: the account's lockout does not apply, the browser's own failure count does.</summary>
    private async Task<SignInResult> TrustedSignInAsync(AppUser user, string password, bool isPersistent, string device)
    {
        if (!await CanSignInAsync(user)) return SignInResult.NotAllowed;
        if (await UserManager.CheckPasswordAsync(user, password))
        {
            // The browser spares the lockout, never the second step.
            return await SignInOrTwoFactorAsync(user, isPersistent);
        }

        await devices.RecordFailureAsync(user.Id, device);
        return SignInResult.Failed;
    }

    /// <summary>
    /// What a wrong password of an active account costs besides its hash is one write (its failure count): an unknown, locked
    /// or disabled account spends one hash on the dummy and one write on a failure counter, so that neither the hash nor the
    /// write tells them apart (docs/performance.md, "Sign-in timing").
    /// </summary>
    private async Task SpendLikeAWrongPasswordAsync(string userName, string password)
    {
        dummy.Verify(hasher, password);
        await limits.TryAttemptAsync("failed:" + SignInLimits.Normalize(userName), int.MaxValue, SignInLimits.Window);
    }

    /// <summary>A privilege change within one sign-in (a password change): a new session key, the same absolute lifetime.</summary>
    public override async Task RefreshSignInAsync(AppUser user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = false;
        }
    }

    /// <summary>As Identity signs in, but under a new session key, ending the browser's previous session.</summary>
    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        var principal = await CreateUserPrincipalAsync(user);
        foreach (var claim in additionalClaims) principal.Identities.First().AddClaim(claim);
        await SessionRotation.SignInAsync(Context, AuthenticationScheme, principal, authenticationProperties ?? new AuthenticationProperties(), keepSignInTime: _refreshing);
        Context.User = principal;
    }
}
