namespace EduDuty.Application.Security.Tokens;

/// <summary>
/// Who a call with a valid token is: the token (id, name, scopes) and its user as a signed-in user would be (id, names, roles,
/// region), read afresh on every call, so a disabled user, a new role or region, or a revoke count from the next call on.
/// </summary>
public sealed record ApiTokenIdentity(
    int TokenId,
    string TokenName,
    IReadOnlyList<string> Scopes,
    string UserId,
    string UserName,
    string DisplayName,
    IReadOnlyList<string> Roles,
    int RegionId,
    string RegionPath,
    string RegionName)
{
    /// <summary>The token's user as the use cases take it, with the token named as the way the call came.</summary>
    public Actor Actor => new(UserId, DisplayName, Roles, RegionPath) { Via = TokenName };
}
