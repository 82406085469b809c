using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Surveys;

// Issue 31, part E: the two Excel exports of a round's results.
public static class SurveyExportServices
{
    public static IServiceCollection AddSurveyExports(this IServiceCollection services) =>
        services.AddScoped<SurveyResultsExport>().AddScoped<SurveyAnswersExport>();
}
