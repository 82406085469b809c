namespace EduDuty.Core.Regions;

public enum RegionLevel
{
    Province = 1,
    City = 2,
    County = 3,
}
