using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Surveys;

/// <summary>
/// The registrations of issue 31, one method per part of the feature (each in its own file, so the parts never edit one
/// list): the admin's survey files and rounds, the public answers, the results, the problem reports.
/// </summary>
public static partial class SurveyServices
{
    public static IServiceCollection AddSurveys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<OpenSurveyRound>();
        services.AddScoped<AddressKeys>();
        AddSurveyAdmin(services, configuration);
        AddSurveyAnswers(services, configuration);
        AddSurveyResults(services, configuration);
        AddProblemReports(services, configuration);
        services.AddSurveyExports();
        return services;
    }

    static partial void AddSurveyAdmin(IServiceCollection services, IConfiguration configuration);

    static partial void AddSurveyAnswers(IServiceCollection services, IConfiguration configuration);

    static partial void AddSurveyResults(IServiceCollection services, IConfiguration configuration);

    static partial void AddProblemReports(IServiceCollection services, IConfiguration configuration);
}
