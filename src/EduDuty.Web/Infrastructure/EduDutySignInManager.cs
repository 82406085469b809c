using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Sign-in as EduDuty wants it: a disabled user cannot sign in; and every failed attempt costs one password hash, whether the
/// account does not exist, is disabled, is locked or just got the password wrong, so that the time of an answer does not tell
/// an attacker which accounts exist (ASVS V6.3.8). The page answers all of them with the same message.
/// </summary>
internal sealed class EduDutySignInManager(
    UserManager<AppUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, IPasswordHasher<AppUser> hasher)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly AppUser Nobody = new() { UserName = "nobody", DisplayName = "nobody" };
    private readonly Lazy<string> _dummyHash = new(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N")));

    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendAHash(password);
            return SignInResult.Failed;
        }

        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        // Identity answers a locked or disabled account before it checks the password: spend the same time here.
        if (result.IsLockedOut || result.IsNotAllowed) SpendAHash(password);
        return result;
    }

    private void SpendAHash(string password) => hasher.VerifyHashedPassword(Nobody, _dummyHash.Value, password);
}
