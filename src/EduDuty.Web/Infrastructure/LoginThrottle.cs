using EduDuty.Application.Security;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Sign-in attempts per client address (<see cref="SignInAddressLimit"/>, before the form is read) and per account name
/// (whatever the client address): a guesser spread over many addresses still gets only a few tries a minute at one account.
/// Counted in the database (<see cref="AttemptLimits"/>), so several instances share one allowance.
/// A browser the user signed in from before (<see cref="DeviceCookie"/>) has an allowance of its own, so that a stranger
/// using up an official's allowance does not keep the official out.
/// </summary>
public sealed class LoginThrottle(AttemptLimits limits, SignInLimits settings)
{
    /// <returns>Null when the attempt may go ahead; otherwise how long to wait.</returns>
    public Task<TimeSpan?> TryAttemptAsync(string? userName, string? deviceId, CancellationToken cancellationToken) =>
        limits.TryAttemptAsync(SignInLimits.AccountKey(userName, deviceId), settings.PerAccount, SignInLimits.Window, cancellationToken);

    /// <returns>Null when a sign-in POST from this address may go ahead; otherwise how long to wait.</returns>
    public Task<TimeSpan?> TryAddressAsync(System.Net.IPAddress? address, CancellationToken cancellationToken) =>
        limits.TryAttemptAsync(SignInLimits.AddressKey(address?.ToString()), settings.PerAddress, SignInLimits.Window, cancellationToken);
}

/// <summary>
/// Sign-in POSTs per client address, counted before the form is read (the page itself, a GET, is never counted: an office
/// behind one address reloads it freely). Answers 429 with Retry-After and the Chinese error page.
/// </summary>
internal sealed class SignInAddressLimit(RequestDelegate next, ILogger<SignInAddressLimit> logger)
{
    /// <summary>The pages whose POSTs are sign-in attempts.</summary>
    public static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/Account/Login") || request.Path.StartsWithSegments("/Account/LoginWithCode"));

    public async Task InvokeAsync(HttpContext context, LoginThrottle throttle)
    {
        if (IsSignIn(context.Request) && await throttle.TryAddressAsync(context.Connection.RemoteIpAddress, context.RequestAborted) is { } wait)
        {
            logger.LogWarning("Sign-in attempts from {Ip} throttled", context.Connection.RemoteIpAddress);
            TooManyAttempts.Apply(context.Response, wait);
            return;
        }

        await next(context);
    }
}
