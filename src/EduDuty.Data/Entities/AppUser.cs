using Microsoft.AspNetCore.Identity;

namespace EduDuty.Data.Entities;

public class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>The region the user works for; it bounds every evaluation the user can see.</summary>
    public int RegionId { get; set; }

    public Region Region { get; set; } = null!;

    /// <summary>A disabled user cannot sign in, and existing sessions read nothing from the next request on.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Set with a one-time password: the user must choose a new password before anything else.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// A service account (issue 29): made by an admin for a system of a region, it has no password and never signs in; it
    /// calls the API with the service tokens an admin gives it.
    /// </summary>
    public bool IsServiceAccount { get; set; }

    /// <summary>The department of a 部门填报人员 (issue 30): the office of its county it fills in for; null for every other role.</summary>
    public int? DepartmentId { get; set; }

    public Department? Department { get; set; }
}
