using EduDuty.Application.Demo;
using EduDuty.Data;
using EduDuty.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application;

/// <summary>
/// Brings the database up to date at start: a database of the pre-release builds taken over or refused
/// (<see cref="PreReleaseDatabases"/>), migrations, reference data, and demo data when asked.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, bool seedDemoData, bool prefillDemoFigures = true, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = provider.GetRequiredService<EduDutyDbContext>();

        await PreReleaseDatabases.EnsureUsableAsync(db, provider.GetRequiredService<DatabaseSettings>().Provider, logger, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await provider.GetRequiredService<ReferenceDataSeeder>().SeedAsync(cancellationToken);
        if (seedDemoData) await SeedDemoAsync(provider, logger, prefillDemoFigures, cancellationToken);

        // Evaluations stored before summaries existed, or under a scheme text the seeding just replaced.
        var refreshed = await Evaluations.Summaries.RefreshStaleAsync(db, provider.GetRequiredService<StoredSchemes>(),
            provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken: cancellationToken);
        if (refreshed > 0) logger.LogInformation("Summaries computed for {Count} evaluations", refreshed);
    }

    private static async Task SeedDemoAsync(IServiceProvider provider, ILogger logger, bool prefillDemoFigures, CancellationToken cancellationToken)
    {
        var created = await provider.GetRequiredService<DemoData>().SeedAsync(prefillDemoFigures, cancellationToken);
        if (created.Count > 0)
        {
            logger.LogWarning(
                "Demo accounts created (Development only), password for each: {Password}{NewLine}{Accounts}",
                DemoData.DemoPassword, Environment.NewLine,
                string.Join(Environment.NewLine, created.Select(a => $"  {a.UserName,-22} {a.Role,-15} {a.DisplayName}")));
        }
    }
}
