using Microsoft.Extensions.Configuration;

namespace EduDuty.Application.Surveys.Problems;

/// <summary>
/// The settings of problem reports (decision 0060): <c>Survey:ProblemReportsPerAddressPerDay</c> (default 10) and
/// <c>Survey:ContactRetentionDays</c> (default 180, at least 1) — how long a reporter's contact details are kept.
/// </summary>
public sealed record ProblemReportSettings(int PerAddressPerDay, int ContactRetentionDays)
{
    public static ProblemReportSettings From(IConfiguration configuration) => new(
        Math.Max(1, configuration.GetValue("Survey:ProblemReportsPerAddressPerDay", 10)),
        Math.Max(1, configuration.GetValue("Survey:ContactRetentionDays", 180)));
}
