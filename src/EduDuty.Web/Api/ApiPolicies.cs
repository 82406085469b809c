using EduDuty.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace EduDuty.Web.Api;

/// <summary>
/// The API's authorization policies (issue 29): each requires a caller authenticated by an API token (scheme
/// <see cref="ApiTokenAuthentication.SchemeName"/>, never the cookie) and, but for <see cref="Token"/>, one scope. A scope only
/// narrows: what the call may then do is decided by the use case for the token's user, as for the pages.
/// </summary>
public static class ApiPolicies
{
    /// <summary>Any valid token: the whole <c>/api/v1</c> group requires it.</summary>
    public const string Token = "api:token";

    /// <summary>GET anything: scope <c>read</c>.</summary>
    public const string Read = "api:read";

    /// <summary>Figures, county comments, evidence uploads, rectification updates, submit: scope <c>figures:write</c>.</summary>
    public const string FiguresWrite = "api:figures:write";

    /// <summary>Return, approve, reopen, verdicts, deadlines, review comments: scope <c>review</c>.</summary>
    public const string Review = "api:review";

    /// <summary>Regions, service tokens, the audit: scope <c>admin</c>.</summary>
    public const string Admin = "api:admin";

    /// <summary>The scope each policy requires (for the OpenAPI document and the 403 answer).</summary>
    public static readonly IReadOnlyDictionary<string, string> ScopeOf = new Dictionary<string, string>
    {
        [Read] = ApiScopes.Read,
        [FiguresWrite] = ApiScopes.FiguresWrite,
        [Review] = ApiScopes.Review,
        [Admin] = ApiScopes.Admin,
    };

    public static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder builder)
    {
        // A department user (issue 30) has no API: its tokens, if its role changed after they were made, are refused here.
        builder.AddPolicy(Token, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser()
            .RequireRole(Roles.All.Where(r => r != Roles.DepartmentOfficial)));
        foreach (var (policy, scope) in ScopeOf)
        {
            builder.AddPolicy(policy, p =>
            {
                p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser().RequireClaim(ApiTokenAuthentication.ScopeClaim, scope);
                // As the /Admin pages require the role (their folder's policy): a token keeps its admin scope if its user
                // leaves the role, and is then refused here.
                if (policy == Admin) p.RequireRole(Roles.Admin);
            });
        }

        return builder;
    }
}
