using EduDuty.Core.Regions;

namespace EduDuty.Data.Entities;

public class Region
{
    public int Id { get; set; }

    /// <summary>6-digit administrative code, unique.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public RegionLevel Level { get; set; }

    public int? ParentId { get; set; }

    public Region? Parent { get; set; }

    /// <summary>Materialised path, see <see cref="AdministrativeCode.PathOf"/>.</summary>
    public required string Path { get; set; }

    public bool IsActive { get; set; } = true;
}
