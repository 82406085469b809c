using EduDuty.Cli.Commands;

namespace EduDuty.Cli;

/// <summary>
/// The command line over the same Core as the portal. Exit codes: 0 success, 1 the input is invalid
/// (reasons on stderr), 2 the command itself is misused (usage on stderr).
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;

    private const string UsageText = """
        用法 / usage:
          eduduty scheme validate <scheme.json>   检查方案文件，列出各领域及字段数
          eduduty evaluate <figures.json>         计算各指标的值和达标情况，以 JSON 输出
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        switch (args)
        {
            case ["scheme", "validate", var file]:
                return await SchemeValidateCommand.RunAsync(file, stdout, stderr);
            case ["evaluate", var figures]:
                return await EvaluateCommand.RunAsync(figures, stdout, stderr);
            case [] or ["help"] or ["--help"] or ["-h"]:
                await stdout.WriteLineAsync(UsageText);
                return Ok;
            default:
                await stderr.WriteLineAsync($"无法识别的命令：{string.Join(' ', args)}");
                await stderr.WriteLineAsync(UsageText);
                return Usage;
        }
    }
}
