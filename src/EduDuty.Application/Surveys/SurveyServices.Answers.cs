using EduDuty.Core.Surveys;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Surveys;

public static partial class SurveyServices
{
    /// <summary>Part B: the public questionnaire's door and answers; the honesty rules' settings (<c>Survey:MinimumSeconds</c>, <c>Survey:AnswersPerAddressPerDay</c>).</summary>
    static partial void AddSurveyAnswers(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(new ScreeningLimits(
            Math.Max(0, configuration.GetValue("Survey:MinimumSeconds", ScreeningLimits.DefaultMinimumSeconds)),
            Math.Max(1, configuration.GetValue("Survey:AnswersPerAddressPerDay", ScreeningLimits.DefaultAnswersPerAddressPerDay))));
        services.AddScoped<SurveyDoors>();
        services.AddScoped<SubmitAnswer>();
    }
}
