using EduDuty.Application.Evaluations;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Tests;

internal static class CliRunner
{
    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs the command with the given configuration (a test database), the environment's when null.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IConfiguration? configuration, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, configuration);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>闻喜's 2021 evaluation in the configured demo database given the golden figures, with its summary as the portal stores it.</summary>
    public static async Task SeedGoldenWenxiAsync(IConfiguration configuration)
    {
        await using var services = new CliContext(TextWriter.Null, TextWriter.Null, configuration, TimeProvider.System).BuildServices();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime; // the command line's clock
        var id = await db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync();
        foreach (var (code, value) in GoldenCase.Figures)
        {
            var row = new FigureValue { EvaluationId = id, FieldCode = code, Version = 1, UpdatedAtUtc = now };
            row.Assign(value);
            db.FigureValues.Add(row);
        }

        await db.SaveChangesAsync();
        await db.Summaries.Where(s => s.EvaluationId == id).ExecuteDeleteAsync();
        await Summaries.RefreshStaleAsync(db, scope.ServiceProvider.GetRequiredService<StoredSchemes>(), now);
    }
}
