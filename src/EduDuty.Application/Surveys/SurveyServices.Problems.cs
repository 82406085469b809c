using EduDuty.Application.Surveys.Problems;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Surveys;

public static partial class SurveyServices
{
    // Problem reports (问题线索, part D): the public form, the supervisors' list, detail and steps, the contacts' purge.
    static partial void AddProblemReports(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ProblemReportSettings.From(configuration));
        services.AddScoped<ProblemForm>();
        services.AddScoped<SubmitProblemReport>();
        services.AddScoped<ProblemReportsQuery>();
        services.AddScoped<StepProblemReport>();
        services.AddScoped<PurgeProblemContacts>();
    }
}
