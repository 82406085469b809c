using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Surveys;

// Issue 31, part C: the results, their exports and the filling of the scheme fields.
public static partial class SurveyServices
{
    static partial void AddSurveyResults(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<SurveyResultsQuery>();
        services.AddScoped<SurveyRoundList>();
        services.AddScoped<FillSurveyFields>();
        services.AddScoped<RegionSurveyResults>();
        services.AddScoped<SurveyOverview>();
    }
}
