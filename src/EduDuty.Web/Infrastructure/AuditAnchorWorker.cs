using EduDuty.Application.Audit;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Every <c>Audit:AnchorMinutes</c> (60 by default; 0 turns it off, e.g. when only one instance of several should do it, or
/// a scheduler runs <c>eduduty audit anchor</c>): anchors the audit chains' heads that moved (decision 0045). Safe on every
/// instance at once: the anchors' head is locked, and an anchor with nothing new writes nothing. Each anchor is logged as
/// <c>number:root</c>, the witness line to keep outside the database (a mail or log sink) for <c>audit verify --expect</c>.
/// </summary>
internal sealed class AuditAnchorWorker(IServiceScopeFactory scopes, AuditAnchorSchedule schedule, TimeProvider clock, ILogger<AuditAnchorWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = schedule.Minutes;
        if (minutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var outcome = await scope.ServiceProvider.GetRequiredService<AuditAnchoring>().AnchorAsync(stoppingToken);
                    if (outcome is { IsDone: true, Value: { Index: not null } anchor })
                        // The witness line (number:root) for a log sink outside the database: `audit verify --expect` checks it.
                        logger.LogInformation("Audit anchor {Witness} ({Heads} chain heads, {Signed})", anchor.Witness, anchor.Heads, anchor.Signed ? "signed" : "unsigned");
                    else if (!outcome.IsDone)
                        logger.LogWarning("Audit anchor not written: {Reason}", outcome.Reason?.Code);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A database down for a moment must not stop anchoring for good: the next round takes in what this one missed.
                    logger.LogWarning(ex, "Audit anchor round failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
