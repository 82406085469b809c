using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Surveys;

// Part A of issue 31: the admin's survey files and rounds.
public static partial class SurveyServices
{
    static partial void AddSurveyAdmin(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SurveyAdministration>();
        services.AddScoped<SurveyPosters>();
    }
}
