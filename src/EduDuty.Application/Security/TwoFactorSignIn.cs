using EduDuty.Core.Messaging;
using EduDuty.Core.Security;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Security;

/// <summary>
/// Which roles must sign in with a second step: <c>Security:RequireTwoFactorFor</c>, role names separated by commas
/// (e.g. <c>Supervisor,Admin</c>); empty by default. Only supervisors and admins can turn two-factor sign-in on.
/// </summary>
public sealed record TwoFactorSettings(IReadOnlySet<string> RequiredFor)
{
    public static readonly IReadOnlyList<string> OfferedTo = Roles.Oversight;

    public static TwoFactorSettings FromConfiguration(IConfiguration configuration)
    {
        var roles = (configuration["Security:RequireTwoFactorFor"] ?? string.Empty)
            .Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        if (roles.FirstOrDefault(r => !OfferedTo.Contains(r)) is { } other)
            throw new InvalidOperationException($"配置项 Security:RequireTwoFactorFor 中的 “{other}” 不是可以开启两步验证的角色（{string.Join("、", OfferedTo)}）。");
        return new TwoFactorSettings(roles);
    }

    public bool Requires(IEnumerable<string> roles) => roles.Any(RequiredFor.Contains);
}

/// <summary>What the enrolment page shows: the secret to type or scan, and whether two-factor sign-in is on already.</summary>
public sealed record TwoFactorSetup(string Secret, string EnrolmentUri, bool Enabled, bool Required);

/// <summary>
/// A supervisor or admin turns on two-factor sign-in (TOTP): <see cref="BeginAsync"/> gives a secret (kept until confirmed,
/// so reloading the page shows the same one), <see cref="ConfirmAsync"/> turns it on with a code from the app. Turning it on
/// changes the security stamp, so every other session of the user ends; the caller refreshes the asking one.
/// </summary>
public sealed class TwoFactorSignIn(EduDutyUserManager users, TwoFactorSettings settings, ILogger<TwoFactorSignIn> logger)
{
    public async Task<Outcome<TwoFactorSetup>> BeginAsync(string userId, CancellationToken cancellationToken)
    {
        if (await OfferedUserAsync(userId) is not { } found) return Outcome.NotFound();
        if (found.Refusal is { } refusal) return Outcome.Refused(refusal);
        var (user, roles) = (found.User!, found.Roles);
        var secret = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(secret))
        {
            secret = TotpAuthenticator.NewSecret();
            await users.SetAuthenticatorKeyAsync(user, secret, cancellationToken);
        }

        return Outcome.Done(new TwoFactorSetup(secret, TotpAuthenticator.EnrolmentUri(secret, user.UserName!), user.TwoFactorEnabled, settings.Requires(roles)));
    }

    /// <returns>Done with the user (to refresh the sign-in); invalid naming <c>Code</c>; refused when not offered or not begun.</returns>
    public async Task<Outcome<AppUser>> ConfirmAsync(string userId, string? code, CancellationToken cancellationToken)
    {
        if (await OfferedUserAsync(userId) is not { } found) return Outcome.NotFound();
        if (found.Refusal is { } refusal) return Outcome.Refused(refusal);
        var user = found.User!;
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user))) return Outcome.Refused(Messages.TwoFactorNotStarted);
        if (!await users.VerifyTwoFactorTokenAsync(user, TotpAuthenticator.ProviderName, code ?? string.Empty))
            return Outcome.Invalid("Code", Messages.TwoFactorCodeWrong.Text);
        var result = await users.SetTwoFactorEnabledAsync(user, true);
        if (!result.Succeeded) return Outcome.Invalid(result.Errors.Select(e => new FieldProblem("Code", e.Description)).ToList());
        logger.LogInformation("User {User} turned on two-factor sign-in; other sessions ended", user.Id);
        return Outcome.Done(user);
    }

    private async Task<(AppUser? User, IList<string> Roles, Message? Refusal)?> OfferedUserAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is not { } user) return null;
        var roles = await users.GetRolesAsync(user);
        return roles.Any(TwoFactorSettings.OfferedTo.Contains) ? (user, roles, null) : (user, roles, Messages.TwoFactorNotForRole);
    }
}
