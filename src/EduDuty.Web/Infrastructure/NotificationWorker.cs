using EduDuty.Application.Notifications;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Every few minutes (Notifications:IntervalMinutes, 10 by default): deadline reminders, then the e-mail outbox when SMTP is
/// configured. Both are safe to run on every instance at once (keys and the outbox column keep them single).
/// </summary>
internal sealed class NotificationWorker(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<NotificationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Notifications:IntervalMinutes", 10)));
        if (!configuration.GetValue("Notifications:Worker", true)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var reminded = await scope.ServiceProvider.GetRequiredService<DeadlineReminders>().SendAsync(stoppingToken);
                var mailed = await scope.ServiceProvider.GetRequiredService<NotificationMailer>().SendAsync(stoppingToken);
                if (reminded + mailed > 0) logger.LogInformation("Notifications: {Reminders} deadline reminders, {Mails} e-mails", reminded, mailed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database that is down for a moment must not stop the worker for good: the next round tries again.
                logger.LogWarning(ex, "Notification round failed");
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
