using EduDuty.Application.Surveys;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Every few minutes (Survey:FillIntervalMinutes, 10 by default; Survey:FillWorker false turns it off): writes the results of
/// survey rounds that have closed into the scheme fields they fill (<see cref="FillSurveyFields"/>). Safe on every instance at
/// once: an equal value is no change, and a round is marked filled once.
/// </summary>
internal sealed class SurveyFillWorker(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<SurveyFillWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Survey:FillIntervalMinutes", 10)));
        if (!configuration.GetValue("Survey:FillWorker", true)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var filled = await scope.ServiceProvider.GetRequiredService<FillSurveyFields>().FillDueAsync(stoppingToken);
                if (filled > 0) logger.LogInformation("Survey results filled into the evaluations of {Rounds} rounds", filled);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Survey fill round failed");
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
