using System.CommandLine;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>survey results</c> (issue 31, part C): a stub on part A's branch so that <see cref="SurveyCommands"/> can register it;
/// part C replaces this file with the command itself.
/// </summary>
internal static class SurveyResultsCommand
{
    public static Command Create(CliContext context)
    {
        var (year, region) = (CliApp.Year(), CliApp.Region());
        var command = new Command("results", "各县各群体的答卷数、可疑答卷数和满意度指数（JSON）") { year, region };
        command.SetAction(async (_, _) =>
        {
            await context.Stderr.WriteLineAsync("survey results 尚未提供。");
            return CliApp.InvalidInput;
        });
        return command;
    }
}
