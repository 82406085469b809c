using System.Security.Claims;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduDuty.Web.Infrastructure;

/// <summary>Puts the user's region (id, path, name) into the sign-in cookie so that scoping needs no extra query.</summary>
internal sealed class EduDutyClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    EduDutyDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var region = await db.Regions.AsNoTracking().SingleAsync(r => r.Id == user.RegionId);
        identity.AddClaim(new Claim(EduDutyClaims.RegionId, region.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(EduDutyClaims.RegionPath, region.Path));
        identity.AddClaim(new Claim(EduDutyClaims.RegionName, region.Name));
        identity.AddClaim(new Claim(EduDutyClaims.DisplayName, user.DisplayName));
        if (user.DepartmentId is { } departmentId)
        {
            var department = await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Name).SingleAsync();
            identity.AddClaim(new Claim(EduDutyClaims.DepartmentId, departmentId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(EduDutyClaims.DepartmentName, department));
        }

        if (user.MustChangePassword) identity.AddClaim(new Claim(EduDutyClaims.MustChangePassword, "true"));
        if (user.TwoFactorEnabled) identity.AddClaim(new Claim(EduDutyClaims.TwoFactor, "true"));
        return identity;
    }
}
