using EduDuty.Application;
using EduDuty.Core.Text;

namespace EduDuty.Cli;

/// <summary>
/// The one place where a use case's <see cref="Outcome{T}"/> becomes the command line's exit code and text (decision 0024),
/// as <c>Web/Infrastructure/OutcomeResponses</c> is for the pages: done exits <see cref="CliApp.Ok"/> with its note on
/// stdout; anything else exits <see cref="CliApp.InvalidInput"/> (docs/cli.md: 1 — not done, the reasons on stderr) with
/// what was not done, then each problem on its own line naming its field, row or cell (invalid), or the catalogue's
/// sentence with its code in brackets (refused, conflict, not found) and, for a conflict, each value someone else changed.
/// Exit code 2 stays the command line's own: a missing argument or option, no database configured.
/// </summary>
public static class CliOutcomes
{
    public static int ExitCode(OutcomeKind kind) => kind == OutcomeKind.Done ? CliApp.Ok : CliApp.InvalidInput;

    /// <summary>The lines printed for a not-done outcome (stderr), without the heading.</summary>
    public static IReadOnlyList<string> Lines<T>(Outcome<T> outcome)
    {
        if (outcome.IsDone) return [];
        var lines = new List<string>();
        if (outcome.Reason is { } reason) lines.Add($"{reason.Text} [{reason.Code}]");
        if (outcome.Kind == OutcomeKind.Invalid && outcome.Reason is null)
            lines.AddRange(outcome.Problems.Select(p => p.Field.Length == 0 ? $"  {p.Text}" : $"  {p.Field}：{p.Text}"));
        foreach (var c in outcome.Conflicts.Where(c => c.Target != "*"))
            lines.Add($"  {c.Target}：{c.TheirUser} 于 {ChinaTime.DateTimeOf(c.TheirAtUtc)} 改为 {c.TheirValue ?? "（空）"}");
        return lines;
    }

    /// <summary>
    /// Prints the outcome and returns the exit code. <paramref name="notDone"/> heads a not-done answer (“没有导入任何数据”);
    /// <paramref name="done"/> is said when the outcome has no note of its own.
    /// </summary>
    public static async Task<int> WriteAsync<T>(Outcome<T> outcome, TextWriter stdout, TextWriter stderr, string notDone, string? done = null)
    {
        if (outcome.IsDone)
        {
            if ((outcome.Note ?? done) is { } said) await stdout.WriteLineAsync(said);
            return CliApp.Ok;
        }

        await stderr.WriteLineAsync(outcome.Kind == OutcomeKind.Invalid && outcome.Reason is null
            ? $"{notDone}，请先处理以下 {outcome.Problems.Count} 个问题："
            : $"{notDone}：");
        foreach (var line in Lines(outcome)) await stderr.WriteLineAsync(line);
        return ExitCode(outcome.Kind);
    }

    public static Task<int> WriteAsync<T>(Outcome<T> outcome, CliContext context, string notDone, string? done = null) =>
        WriteAsync(outcome, context.Stdout, context.Stderr, notDone, done);
}
