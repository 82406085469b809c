using Microsoft.Extensions.Configuration;

namespace EduDuty.Application.Security;

/// <summary>
/// How many attempts a minute the deployment allows (counted in the database by <see cref="AttemptLimits"/>, shared by every
/// instance): sign-in POSTs per client address (<c>Security:LoginAttemptsPerMinute</c>, 30) and per account name
/// (<c>Security:LoginAttemptsPerAccountPerMinute</c>, 10), password changes per user
/// (<c>Security:PasswordChangeAttemptsPerMinute</c>, 5).
/// </summary>
public sealed record SignInLimits(int PerAddress, int PerAccount, int PasswordChangesPerUser)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static SignInLimits FromConfiguration(IConfiguration configuration) => new(
        configuration.GetValue("Security:LoginAttemptsPerMinute", 30),
        configuration.GetValue("Security:LoginAttemptsPerAccountPerMinute", 10),
        configuration.GetValue("Security:PasswordChangeAttemptsPerMinute", 5));

    /// <summary>How a typed user name is compared: Identity's look-up ignores case and the page trims it.</summary>
    public static string Normalize(string? userName) => (userName ?? string.Empty).Trim().ToLowerInvariant();

    public static string AddressKey(string? address) => "address:" + (address ?? "unknown");

    /// <param name="deviceId">A browser the user signed in from before has an allowance of its own.</param>
    public static string AccountKey(string? userName, string? deviceId) =>
        "account:" + Normalize(userName) + (deviceId is null ? string.Empty : "#" + deviceId);

    public static string PasswordChangeKey(string userId) => "password:" + userId;
}
