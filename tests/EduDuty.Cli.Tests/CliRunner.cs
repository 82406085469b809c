using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EduDuty.Cli.Tests;

/// <summary>Runs the command line in the test's process, on a fake clock: no CLI test reads the wall clock.</summary>
internal static class CliRunner
{
    /// <summary>10:00 on 1 November 2021 in China, while counties fill in their 2021 evaluations.</summary>
    public static readonly DateTimeOffset Now = new(2021, 11, 1, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A clock stopped at <see cref="Now"/> (a new one each time: a test that moves it moves only its own).</summary>
    public static FakeTimeProvider Clock() => new(Now);

    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs the command with the given configuration (a test database), the environment's when null.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IConfiguration? configuration, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, configuration, Clock());
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The services the command line builds over the given configuration, on the fake clock.</summary>
    public static ServiceProvider Services(IConfiguration configuration) => new CliContext(TextWriter.Null, TextWriter.Null, configuration, Clock()).BuildServices();

    /// <summary>
    /// 闻喜's 2021 evaluation in the configured demo database given the golden figures, entered by its official as in the portal
    /// (an import through the write path: audited, with its summary).
    /// </summary>
    public static async Task SeedGoldenWenxiAsync(IConfiguration configuration)
    {
        await using var services = Services(configuration);
        int id;
        await using (var scope = services.CreateAsyncScope())
            id = await scope.ServiceProvider.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync();
        await CountyFigures.ImportAsync(services, id, "wenxi.official", GoldenCase.Figures);
    }
}
