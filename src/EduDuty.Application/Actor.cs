using EduDuty.Core.Review;
using EduDuty.Core.Security;

namespace EduDuty.Application;

/// <summary>
/// Who performs a use case: a signed-in user (id, name, roles, the region path that bounds what they reach), or the
/// command line, whose empty path covers every region. Every handler takes it as an argument: nothing is read from a
/// request, so the portal and the command line run the same code.
/// </summary>
public sealed record Actor(string Id, string DisplayName, IReadOnlyList<string> Roles, string RegionPath)
{
    /// <summary>The command line: an administrator of every region.</summary>
    public static Actor CommandLine { get; } = new("cli", "命令行", [Core.Security.Roles.Admin], string.Empty);

    /// <summary>
    /// How the call came when not through a page: the name of the API token it was made with (issue 29). Recorded with every
    /// change it makes (<see cref="RecordedName"/>).
    /// </summary>
    public string? Via { get; init; }

    /// <summary>The department of a 部门填报人员 (issue 30); null for every other user.</summary>
    public int? DepartmentId { get; init; }

    /// <summary>The name of <see cref="DepartmentId"/> (财政局 …): recorded with every change the user makes (<see cref="RecordedName"/>).</summary>
    public string? DepartmentName { get; init; }

    public bool IsDepartmentUser => IsInRole(Core.Security.Roles.DepartmentOfficial);

    /// <summary>
    /// The name an audit entry, a transition or a comment records: the user's, with the department's for a department user
    /// ("王芳（财政局）", so every history and export names who entered what), and the token's when a token made the call.
    /// </summary>
    /// <remarks>
    /// The recorded name columns hold 50 characters: a department's name has at most 20 and a token's at most 30, and the
    /// user's name gives way.
    /// </remarks>
    public string RecordedName
    {
        get
        {
            var suffix = (DepartmentName is null ? "" : $"（{DepartmentName}）") + (Via is null ? "" : $"（令牌“{Via}”）");
            if (suffix.Length == 0) return DisplayName;
            return DisplayName[..Math.Min(DisplayName.Length, Math.Max(0, RecordedNameLength - suffix.Length))] + suffix;
        }
    }

    /// <summary>The length of the name columns of the audit, the admin audit and the transitions.</summary>
    public const int RecordedNameLength = 50;

    public bool IsCommandLine => Id == CommandLine.Id && RegionPath.Length == 0;

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsCountyUser => IsInRole(Core.Security.Roles.CountyOfficial) || IsInRole(Core.Security.Roles.CountyLead);

    /// <summary>The role recorded with a transition or a comment: the user's EduDuty role.</summary>
    public string PrimaryRole => Roles.FirstOrDefault(Core.Security.Roles.All.Contains) ?? string.Empty;

    /// <summary>Whether a region (by its materialised path) lies under this actor's region.</summary>
    public bool Covers(string regionPath) => Core.Regions.RegionPaths.Covers(RegionPath, regionPath);

    /// <summary>This actor as the evaluation rules see them, for the evaluation of the county at <paramref name="countyPath"/>.</summary>
    public Viewer ViewerOf(string countyPath) => new(Roles, Covers(countyPath)) { DepartmentId = DepartmentId };
}
