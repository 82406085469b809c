using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Reports.Publication;

/// <summary>
/// Whether a county may publish (公示) its submitted edition or only its approved one (decision 0033):
/// <c>Publication:RequireApproval</c> (true: every county of the deployment waits for approval; default false) and
/// <c>Publication:RequireApprovalIn</c> (region codes, e.g. "140000,130000": the counties under those provinces or cities
/// wait for approval even when the deployment does not).
/// </summary>
public sealed record PublicationSettings(bool RequireApproval, IReadOnlyList<string> RequireApprovalIn)
{
    public static PublicationSettings FromConfiguration(IConfiguration configuration) => new(
        configuration.GetValue("Publication:RequireApproval", false),
        (configuration["Publication:RequireApprovalIn"] ?? string.Empty)
            .Split([',', ';', ' ', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());

    /// <summary>Whether the county at <paramref name="countyPath"/> publishes approved editions only.</summary>
    public bool RequiresApproval(string countyPath) =>
        RequireApproval || countyPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(RequireApprovalIn.Contains);
}

/// <summary>The use cases of 公示 and verification, registered for the portal and the command line.</summary>
public static class PublicationServices
{
    public static IServiceCollection AddPublication(this IServiceCollection services, IConfiguration configuration) => services
        .AddSingleton(PublicationSettings.FromConfiguration(configuration))
        .AddScoped<PublishReport>()
        .AddScoped<WithdrawPublication>()
        .AddScoped<PublicationQueries>()
        .AddScoped<PublicReports>()
        .AddScoped<VerifyReport>();
}
