using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduDuty.Application.Security;

/// <summary>
/// ASP.NET Core Identity's user manager with its lockout on the application's clock: Identity itself sets and checks the
/// lockout end by the system clock (it takes no <see cref="TimeProvider"/>), so the admin's user list (which reads the
/// application's clock), the sign-in page and the password change page now agree, and tests can let a lockout run out.
/// </summary>
public sealed class EduDutyUserManager(
    IUserStore<AppUser> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators, IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AppUser>> logger,
    TimeProvider clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<AppUser> LockoutStore => (IUserLockoutStore<AppUser>)Store;

    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!SupportsUserLockout || !await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken)) return false;
        return await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken) is { } end && end >= clock.GetUtcNow();
    }

    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var count = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (count < Options.Lockout.MaxFailedAccessAttempts) return await UpdateUserAsync(user);
        Logger.LogWarning("User {UserId} is locked out after {Count} failed attempts", user.Id, count);
        await LockoutStore.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
        await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        return await UpdateUserAsync(user);
    }

    /// <summary>
    /// Stores a new authenticator secret, not yet turned on, without changing the security stamp (Identity's
    /// <c>ResetAuthenticatorKeyAsync</c> would end every session of the user just for opening the enrolment page).
    /// </summary>
    public async Task SetAuthenticatorKeyAsync(AppUser user, string secret, CancellationToken cancellationToken)
    {
        await ((IUserAuthenticatorKeyStore<AppUser>)Store).SetAuthenticatorKeyAsync(user, secret, cancellationToken);
        await UpdateUserAsync(user);
    }

    /// <returns>Whole minutes (at least 1) until the lockout ends; 0 when not locked out.</returns>
    public async Task<int> LockoutMinutesLeftAsync(AppUser user)
    {
        if (!await IsLockedOutAsync(user)) return 0;
        var end = await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken);
        return Math.Max(1, (int)Math.Ceiling((end!.Value - clock.GetUtcNow()).TotalMinutes));
    }
}
