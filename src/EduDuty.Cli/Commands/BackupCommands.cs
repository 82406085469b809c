using EduDuty.Application.Operations;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary><c>backup --out &lt;file&gt;</c> and <c>restore &lt;file&gt;</c> for the embedded SQLite database (online, while the portal runs).</summary>
internal static class BackupCommands
{
    public static Task<int> BackupAsync(string file, CliContext context) => RunAsync(context, b => b.BackupAsync(file));

    public static Task<int> RestoreAsync(string file, CliContext context) => RunAsync(context, b => b.RestoreAsync(file));

    /// <summary>
    /// <c>sessions end</c>: ends every session, as SQLite's restore does by itself; for PostgreSQL after pg_restore, so that no
    /// session ended after the dump comes back with it.
    /// </summary>
    public static async Task<int> EndSessionsAsync(CliContext context)
    {
        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var ended = await scope.ServiceProvider.GetRequiredService<EduDuty.Application.Security.Sessions>().EndEveryoneAsync();
        await context.Stdout.WriteLineAsync($"已结束 {ended} 个登录会话，所有用户须重新登录。");
        return CliApp.Ok;
    }

    private static async Task<int> RunAsync(CliContext context, Func<SqliteBackups, Task<BackupOutcome>> act)
    {
        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var outcome = await act(scope.ServiceProvider.GetRequiredService<SqliteBackups>());
        await (outcome.Done ? context.Stdout : context.Stderr).WriteLineAsync(outcome.Message);
        return outcome.Done ? CliApp.Ok : CliApp.InvalidInput;
    }
}
