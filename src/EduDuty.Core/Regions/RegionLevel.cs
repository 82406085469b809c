namespace EduDuty.Core.Regions;

public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
}

public static class RegionLevels
{
    /// <summary>"省级", "市级", "县级": how pages and messages name a level.</summary>
    public static string DisplayName(this RegionLevel level) => level switch
    {
        RegionLevel.Province => "省级",
        RegionLevel.City => "市级",
        _ => "县级",
    };
}
