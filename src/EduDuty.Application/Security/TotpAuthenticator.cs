using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace EduDuty.Application.Security;

/// <summary>
/// Identity's authenticator token provider on Otp.NET: 6-digit TOTP codes (RFC 6238, SHA-1, 30-second steps) as every
/// authenticator app makes them, checked on the application's clock with one step of drift either way. A code is accepted
/// once: the step it matched is remembered with the user, and that step or an earlier one is refused afterwards (a code read
/// over a shoulder cannot be replayed, nor sent twice at once).
/// </summary>
public sealed class TotpAuthenticator(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string ProviderName = "EduDutyTotp";
    private const string LastStepToken = "TotpLastStep";

    /// <summary>A new shared secret, Base32 as authenticator apps take it (160 bits, RFC 4226's recommendation).</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The otpauth:// address an authenticator app reads from the QR code.</summary>
    public static string EnrolmentUri(string secret, string userName) =>
        $"otpauth://totp/{Uri.EscapeDataString("EduDuty:" + userName)}?secret={secret}&issuer=EduDuty&digits=6&period=30";

    /// <summary>The code an authenticator app shows for <paramref name="secret"/> at <paramref name="at"/> (tests, the enrolment check).</summary>
    public static string CodeAt(string secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(at.UtcDateTime);

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) =>
        Task.FromResult(string.Empty); // the user's app makes the codes

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var secret = await manager.GetAuthenticatorKeyAsync(user);
        var code = new string((token ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (string.IsNullOrEmpty(secret) || code.Length != 6 || !code.All(char.IsAsciiDigit)) return false;
        byte[] key;
        try
        {
            key = Base32Encoding.ToBytes(secret);
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (!new Totp(key).VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1))) return false;
        var last = await manager.GetAuthenticationTokenAsync(user, ProviderName, LastStepToken);
        if (long.TryParse(last, System.Globalization.CultureInfo.InvariantCulture, out var used) && step <= used) return false;
        // The step is claimed by the user's concurrency stamp: of two requests with the same code at once, the one whose write
        // finds the stamp changed by the other fails here, and its code is refused (a replay raced past the check above).
        var claimed = await manager.SetAuthenticationTokenAsync(user, ProviderName, LastStepToken, step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return claimed.Succeeded;
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));
}
