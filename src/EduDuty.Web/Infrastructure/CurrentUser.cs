using System.Security.Claims;
using EduDuty.Core.Security;

namespace EduDuty.Web.Infrastructure;

/// <summary>The signed-in user as EduDuty sees it: id, roles and the region that bounds what they may see.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal =>
        accessor.HttpContext?.User ?? throw new InvalidOperationException("No HTTP context.");

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public string Id => Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw Missing(ClaimTypes.NameIdentifier);

    public string DisplayName => Principal.FindFirstValue(EduDutyClaims.DisplayName) ?? Principal.Identity?.Name ?? string.Empty;

    public string RegionName => Principal.FindFirstValue(EduDutyClaims.RegionName) ?? string.Empty;

    /// <summary>The user's region path; every evaluation the user may see belongs to a county under it.</summary>
    public string RegionPath => Principal.FindFirstValue(EduDutyClaims.RegionPath) ?? throw Missing(EduDutyClaims.RegionPath);

    public IEnumerable<string> Roles => Principal.FindAll(ClaimTypes.Role).Select(c => c.Value);

    public string RoleDisplayName => string.Join("、", Roles.Select(Core.Security.Roles.DisplayName));

    public bool IsInRole(string role) => Principal.IsInRole(role);

    public bool Oversees => Core.Security.Roles.Oversight.Any(IsInRole);

    public bool IsCountyUser => IsInRole(Core.Security.Roles.CountyOfficial) || IsInRole(Core.Security.Roles.CountyLead);

    /// <summary>The signed-in user as the use cases take it.</summary>
    public Application.Actor Actor => new(Id, DisplayName, Roles.ToList(), RegionPath)
    {
        Via = TokenName, DepartmentId = DepartmentId, DepartmentName = DepartmentName,
    };

    /// <summary>The department of a 部门填报人员 (issue 30), from the sign-in cookie; null for everyone else.</summary>
    public int? DepartmentId =>
        int.TryParse(Principal.FindFirstValue(EduDutyClaims.DepartmentId), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    public string? DepartmentName => Principal.FindFirstValue(EduDutyClaims.DepartmentName);

    public bool IsDepartmentUser => IsInRole(Core.Security.Roles.DepartmentOfficial);

    /// <summary>The API token the call came with (issue 29); null for a signed-in page.</summary>
    public string? TokenName => Principal.FindFirstValue(Api.ApiTokenAuthentication.TokenNameClaim);

    private static InvalidOperationException Missing(string claim) => new($"The sign-in cookie lacks claim {claim}.");
}
