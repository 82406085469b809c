namespace EduDuty.Web.Infrastructure;

internal static class EduDutyClaims
{
    public const string RegionId = "eduduty:region_id";
    public const string RegionPath = "eduduty:region_path";
    public const string RegionName = "eduduty:region_name";
    public const string DisplayName = "eduduty:display_name";
    public const string MustChangePassword = "eduduty:must_change_password";
    public const string TwoFactor = "eduduty:two_factor";

    /// <summary>A department user's department (issue 30): its id and name.</summary>
    public const string DepartmentId = "eduduty:department_id";

    public const string DepartmentName = "eduduty:department_name";
}
