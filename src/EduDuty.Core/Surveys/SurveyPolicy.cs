using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Core.Security;

namespace EduDuty.Core.Surveys;

/// <summary>Who asks: the roles and the region path of a signed-in user (the command line: admin of every region, path "").</summary>
public sealed record SurveyViewer(IReadOnlyCollection<string> Roles, string RegionPath)
{
    public bool Is(string role) => Roles.Contains(role);
}

/// <summary>
/// Who may do what with surveys and problem reports (issue 31), in one place. Region rules are prefix rules on region paths
/// (<see cref="RegionPaths.Covers"/>); their SQL twin is <c>Application/RegionScope</c>.
/// <list type="bullet">
/// <item>Survey files and rounds: an admin of a province or a city (or the command line) for a region under its own.</item>
/// <item>Results (aggregates only): supervisors and admins of a region above the county; the county's own users for their
/// county (no answers, no open texts).</item>
/// <item>Anonymised answers (with open texts): supervisors and admins above the county, never the county.</item>
/// <item>Problem reports (问题线索): only supervisors of a region above the county — never the county's users, never admins or
/// departments; their contact details likewise.</item>
/// </list>
/// </summary>
public static class SurveyPolicy
{
    /// <summary>Upload a survey file, open or close a round for <paramref name="regionPath"/> (a province or a city, or a county).</summary>
    public static Message? Manage(SurveyViewer viewer, string regionPath) =>
        !viewer.Is(Security.Roles.Admin) ? Messages.OnlyAdminsManageSurveys
        : !RegionPaths.Covers(viewer.RegionPath, regionPath) ? Messages.SurveyOutOfScope
        : null;

    /// <summary>
    /// Store a new version of a survey code already stored (owned by <paramref name="ownerPath"/>'s region, or shipped when
    /// null): an admin of the owner's region or above; a shipped survey's code only from the command line (path "").
    /// </summary>
    public static Message? NewVersion(SurveyViewer viewer, string? ownerPath, string code) =>
        !viewer.Is(Security.Roles.Admin) ? Messages.OnlyAdminsManageSurveys
        : RegionPaths.Covers(viewer.RegionPath, ownerPath ?? string.Empty) ? null
        : Messages.SurveyCodeTaken(code);

    /// <summary>Read a county's aggregated results.</summary>
    public static Message? ReadResults(SurveyViewer viewer, string countyPath) =>
        !RegionPaths.Covers(viewer.RegionPath, countyPath) ? Messages.SurveyOutOfScope
        : viewer.Is(Security.Roles.Supervisor) || viewer.Is(Security.Roles.Admin) || viewer.Is(Security.Roles.CountyOfficial) || viewer.Is(Security.Roles.CountyLead) ? null
        : Messages.SurveyResultsNotForRole;

    /// <summary>Read or export the anonymised answers of a county (open texts included).</summary>
    public static Message? ReadAnswers(SurveyViewer viewer, string countyPath) =>
        !RegionPaths.Covers(viewer.RegionPath, countyPath) ? Messages.SurveyOutOfScope
        : viewer.Is(Security.Roles.Supervisor) || viewer.Is(Security.Roles.Admin) ? null
        : Messages.SurveyAnswersOnlyOversight;

    /// <summary>Read, check and annotate a county's problem reports: a supervisor above the county only.</summary>
    public static Message? Problems(SurveyViewer viewer, string countyPath) =>
        !viewer.Is(Security.Roles.Supervisor) ? Messages.ProblemsOnlySupervisors
        : !RegionPaths.Covers(viewer.RegionPath, countyPath) ? Messages.SurveyOutOfScope
        : null;
}
