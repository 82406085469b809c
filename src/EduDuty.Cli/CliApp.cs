using EduDuty.Cli.Commands;
using Microsoft.Extensions.Configuration;

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
          eduduty evaluate <figures.json> [--scheme <方案文件>]
                                                  计算各指标的值和达标情况，以 JSON 输出；方案计分时另输出得分（含申请加分）和等次
          eduduty report <figures.json> [--texts <texts.json>] --out <report.pdf|report.docx>
                                                  生成自评报告 PDF（不需要数据库）
          eduduty excel template [--figures <figures.json>] --out <file.xlsx>
                                                  生成县级 Excel 填报表（可按数据文件预填，不需要数据库）
          eduduty excel read <file.xlsx> --out <figures.json>
                                                  把填好的填报表转为数据文件；有误时逐格列出问题
          eduduty excel counties --year <YYYY> --region <地区代码> --out <file.xlsx>
                                                  导出地区内各县的数据和达标情况（数据库同 users import）
          eduduty rollup --year <YYYY> --region <地区代码> --out <file.pdf|file.docx>
                                                  生成市或省的评价综合报告（按已保存的文字）
          eduduty reports --year <YYYY> --region <地区代码> --out <file.zip>
                                                  把地区内各县的自评报告 PDF 打包为一个 ZIP
          eduduty users import <users.csv>        批量创建用户（表头 username,display_name,role,region_code），
                                                  显示一次性密码；数据库由 ConnectionStrings__EduDuty 指定
          eduduty regions import <regions.csv>    批量导入地区（表头 code,name,parent_code；与管理页面规则相同，全部或不导入）
          eduduty years open --scheme <方案代码> --year <YYYY> --region <地区代码> [--deadline <YYYY-MM-DD>]
                                                  为地区内各县开启评价（可重复运行，已开启的不变）
          eduduty audit verify                    检查修改记录和管理记录的哈希链，报告第一处断裂
          eduduty backup --out <file.db>          在线备份内置的 SQLite 数据库（门户运行时也可以）
          eduduty restore <file.db>               用备份恢复内置的 SQLite 数据库
        """;

    private static async Task<int> BadYearAsync(string year, TextWriter stderr)
    {
        await stderr.WriteLineAsync($"年度应为 2000–2100 之间的四位数字（现为 {year}）。");
        return InvalidInput;
    }

    private static int? ParseYear(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100 ? year : null;

    private static async Task<int> RunReportAsync(string figures, string[] options, CliContext context)
    {
        string? texts = null, output = null;
        for (var i = 0; i + 1 < options.Length; i += 2)
        {
            switch (options[i])
            {
                case "--texts": texts = options[i + 1]; break;
                case "--out": output = options[i + 1]; break;
                default: output = null; i = options.Length; break;
            }
        }

        if (output is null || options.Length % 2 != 0)
        {
            await context.Stderr.WriteLineAsync("用法：eduduty report <figures.json> [--texts <texts.json>] --out <report.pdf|report.docx>");
            return Usage;
        }

        return await ReportCommand.RunAsync(figures, texts, output, context);
    }

    /// <param name="configuration">The portal's configuration keys; the environment variables when null.</param>
    /// <param name="clock">The system clock when null.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IConfiguration? configuration = null, TimeProvider? clock = null)
    {
        var context = new CliContext(stdout, stderr, configuration ?? new ConfigurationBuilder().AddEnvironmentVariables().Build(), clock ?? TimeProvider.System);
        switch (args)
        {
            case ["scheme", "validate", var file]:
                return await SchemeValidateCommand.RunAsync(file, stdout, stderr);
            case ["evaluate", var figures]:
                return await EvaluateCommand.RunAsync(figures, null, stdout, stderr);
            case ["evaluate", var figures, "--scheme", var schemeFile]:
                return await EvaluateCommand.RunAsync(figures, schemeFile, stdout, stderr);
            case ["report", var figures, .. var options]:
                return await RunReportAsync(figures, options, context);
            case ["excel", "template", "--out", var output]:
                return await ExcelCommands.TemplateAsync(null, output, context);
            case ["excel", "template", "--figures", var figures, "--out", var output]:
                return await ExcelCommands.TemplateAsync(figures, output, context);
            case ["excel", "read", var file, "--out", var output]:
                return await ExcelCommands.ReadAsync(file, output, context);
            case ["excel", "counties", "--year", var year, "--region", var region, "--out", var output]:
                return ParseYear(year) is { } y ? await ExcelCommands.CountiesAsync(y, region, output, context) : await BadYearAsync(year, stderr);
            case ["rollup", "--year", var year, "--region", var region, "--out", var output]:
                return ParseYear(year) is { } rollupYear ? await OversightCommands.RollupAsync(rollupYear, region, output, context) : await BadYearAsync(year, stderr);
            case ["reports", "--year", var year, "--region", var region, "--out", var output]:
                return ParseYear(year) is { } reportsYear ? await OversightCommands.ReportsZipAsync(reportsYear, region, output, context) : await BadYearAsync(year, stderr);
            case ["regions", "import", var file]:
                return await AdminCommands.RegionsImportAsync(file, context);
            case ["years", "open", "--scheme", var scheme, "--year", var year, "--region", var region, .. var rest] when rest is [] or ["--deadline", _]:
                return ParseYear(year) is { } openYear
                    ? await AdminCommands.YearsOpenAsync(scheme, openYear, region, rest is [_, var due] ? due : null, context)
                    : await BadYearAsync(year, stderr);
            case ["users", "import", var file]:
                return await UsersImportCommand.RunAsync(file, context);
            case ["audit", "verify"]:
                return await AuditVerifyCommand.RunAsync(context);
            case ["backup", "--out", var file]:
                return await BackupCommands.BackupAsync(file, context);
            case ["restore", var file]:
                return await BackupCommands.RestoreAsync(file, context);
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
