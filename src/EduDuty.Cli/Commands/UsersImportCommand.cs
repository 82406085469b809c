using System.Text;
using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Core.Administration;
using EduDuty.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>users import &lt;file.csv&gt;</c>: creates the users of a CSV file in the portal's database (all or none) and prints each
/// one-time password once. The database is the portal's: Database__Provider and ConnectionStrings__EduDuty, as for the portal.
/// It migrates the database first, so it also brings a fresh installation its first admin.
/// </summary>
internal static class UsersImportCommand
{
    public static async Task<int> RunAsync(string path, CliContext context)
    {
        var stderr = context.Stderr;
        if (await CliInput.ReadCsvAsync(path, stderr) is not { } text) return CliApp.InvalidInput;

        // A file that is wrong in itself is reported before any database is touched.
        var read = UserCsv.Read(text);
        if (read.Rows.Count == 0) return await FailAsync(read.Errors, stderr);
        if (await context.RequireDatabaseAsync() is { } usage) return usage;

        await using var services = context.BuildServices();
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<CreateUsers>().ImportAsync(text, Actor.CommandLine, CancellationToken.None);
        if (outcome is not { IsDone: true, Value: { } created }) return await CliOutcomes.WriteAsync(outcome, context, "没有创建任何用户");

        await context.Stdout.WriteLineAsync($"已创建 {created.Count} 个用户。一次性密码只显示这一次，请转告本人，登录后须修改：");
        foreach (var user in created) await context.Stdout.WriteLineAsync($"  {user.UserName}\t{user.DisplayName}\t{Roles.DisplayName(user.Role)}\t{user.RegionCode}\t{user.OneTimePassword}");
        return CliApp.Ok;
    }

    private static async Task<int> FailAsync(IReadOnlyList<string> errors, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"没有创建任何用户，请先处理以下 {errors.Count} 个问题：");
        foreach (var error in errors) await stderr.WriteLineAsync($"  {error}");
        return CliApp.InvalidInput;
    }
}
