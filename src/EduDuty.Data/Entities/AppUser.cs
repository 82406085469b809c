using Microsoft.AspNetCore.Identity;

namespace EduDuty.Data.Entities;

public class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }

    /// <summary>The region the user works for; it bounds every evaluation the user can see.</summary>
    public int RegionId { get; set; }

    public Region Region { get; set; } = null!;
}
