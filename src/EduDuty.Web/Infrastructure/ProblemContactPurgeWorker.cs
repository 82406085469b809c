using EduDuty.Application.Surveys.Problems;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Every <c>Survey:ContactPurgeMinutes</c> (60 by default; 0 turns it off) and once at start: deletes reporters' contact details
/// older than <c>Survey:ContactRetentionDays</c> (<see cref="PurgeProblemContacts"/>, decision 0060). Safe on every instance at
/// once: a contact already purged is not counted again, and a run that purged nothing writes nothing.
/// </summary>
internal sealed class ProblemContactPurgeWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ProblemContactPurgeWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Survey:ContactPurgeMinutes", 60);
        if (minutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        try
        {
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var outcome = await scope.ServiceProvider.GetRequiredService<PurgeProblemContacts>().RunAsync(stoppingToken);
                    if (outcome is { IsDone: true, Value: > 0 }) logger.LogInformation("Purged the contact details of {Count} problem reports", outcome.Value);
                    else if (!outcome.IsDone) logger.LogWarning("Problem-report contacts not purged: {Reason}", outcome.Reason?.Code);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A database down for a moment must not stop the purge for good: the next round takes in what this one missed.
                    logger.LogWarning(ex, "Problem-report contact purge failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
