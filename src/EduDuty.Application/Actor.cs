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

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsCountyUser => IsInRole(Core.Security.Roles.CountyOfficial) || IsInRole(Core.Security.Roles.CountyLead);

    /// <summary>The role recorded with a transition or a comment: the user's EduDuty role.</summary>
    public string PrimaryRole => Roles.FirstOrDefault(Core.Security.Roles.All.Contains) ?? string.Empty;

    /// <summary>Whether a region (by its materialised path) lies under this actor's region.</summary>
    public bool Covers(string regionPath) => Core.Regions.RegionPaths.Covers(RegionPath, regionPath);

    /// <summary>This actor as the evaluation rules see them, for the evaluation of the county at <paramref name="countyPath"/>.</summary>
    public Viewer ViewerOf(string countyPath) => new(Roles, Covers(countyPath));
}
