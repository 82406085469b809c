using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using EduDuty.Application.Security.Tokens;
using EduDuty.Core.Messaging;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EduDuty.Web.Api;

/// <summary>
/// The one authentication scheme of <c>/api</c> (issue 29, decision 0049): <c>Authorization: Bearer edt_…</c>, nothing else —
/// no cookie, no query string. The token is checked by the same use case on every call (<see cref="AuthenticateApiToken"/>);
/// the principal carries the same claims as a signed-in user (<see cref="CurrentUser"/> works unchanged) plus one
/// <see cref="ScopeClaim"/> per scope and the token's id and name. A refusal is 401 problem+json with the catalogue's reason
/// and <c>WWW-Authenticate: Bearer</c>; a missing scope 403 problem+json naming the scope the endpoint asks for.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AuthenticateApiToken authenticate,
    ApiTokenFailures failures, ApiSettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    public const string ScopeClaim = "scope";

    public const string TokenIdClaim = "eduduty:token_id";

    public const string TokenNameClaim = "eduduty:token_name";

    private const string RefusalKey = "eduduty:api-token-refusal";

    private const string ThrottledKey = "eduduty:api-token-throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        string? presented = null;
        if (header.Length > 0)
        {
            // The token alone, "Token edt_…", Basic with a password: a header was sent, so "no token" would mislead.
            if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Refuse(Messages.ApiTokenNotBearer);
            presented = header["Bearer ".Length..].Trim();
        }

        if (string.IsNullOrEmpty(presented))
        {
            Context.Items[RefusalKey] = Messages.ApiTokenMissing;
            return AuthenticateResult.NoResult();
        }

        // An address that sent too many refused tokens this minute gets no more look-ups (ApiTokenFailures): 429.
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var hash = ApiTokenSecrets.IsWellFormed(presented) ? ApiTokenSecrets.HashOf(presented) : null;
        if (hash is not null && !failures.MayLookUp(hash, address))
        {
            Context.Items[ThrottledKey] = true;
            return Refuse(Messages.ApiTokenAttemptsLimited(settings.PerMinute, 60));
        }

        var outcome = await authenticate.HandleAsync(presented, Context.RequestAborted);
        if (!outcome.IsDone)
        {
            failures.Failed(address);
            return Refuse(outcome.Reason ?? Messages.ApiTokenInvalid);
        }

        failures.Succeeded(hash!);

        var who = outcome.Value!;
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, who.UserId));
        identity.AddClaim(new Claim(ClaimTypes.Name, who.UserName));
        foreach (var role in who.Roles) identity.AddClaim(new Claim(ClaimTypes.Role, role));
        identity.AddClaim(new Claim(EduDutyClaims.RegionId, who.RegionId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(EduDutyClaims.RegionPath, who.RegionPath));
        identity.AddClaim(new Claim(EduDutyClaims.RegionName, who.RegionName));
        identity.AddClaim(new Claim(EduDutyClaims.DisplayName, who.DisplayName));
        foreach (var scope in who.Scopes) identity.AddClaim(new Claim(ScopeClaim, scope));
        identity.AddClaim(new Claim(TokenIdClaim, who.TokenId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(TokenNameClaim, who.TokenName));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Refuse(Message reason)
    {
        Context.Items[RefusalKey] = reason;
        return AuthenticateResult.Fail(reason.Code);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[RefusalKey] as Message ?? Messages.ApiTokenMissing;
        if (Context.Items.ContainsKey(ThrottledKey))
        {
            Response.Headers.RetryAfter = "60";
            return ApiProblems.WriteAsync(Context, StatusCodes.Status429TooManyRequests, reason);
        }

        Response.Headers.WWWAuthenticate = reason == Messages.ApiTokenMissing ? "Bearer"
            : reason == Messages.ApiTokenNotBearer ? $"Bearer error=\"invalid_request\", error_description=\"{reason.Code}\""
            : $"Bearer error=\"invalid_token\", error_description=\"{reason.Code}\"";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, reason);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scope = ApiScopesOf(Context);
        var reason = Context.User.HasClaim(ScopeClaim, scope) && scope == Core.Security.ApiScopes.Admin
            ? Messages.ApiAdminOnly // the scope is there, the role is not (any more)
            : Messages.ApiScopeMissing(scope);
        return ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, reason);
    }

    // The scope the endpoint asks for, when the forbid came from elsewhere than the policy (ApiAuthorizationResults names it).
    private static string ApiScopesOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
            .Select(a => a.Policy is { } p ? ApiPolicies.ScopeOf.GetValueOrDefault(p) : null).LastOrDefault(s => s is not null) ?? Core.Security.ApiScopes.Read;
}
