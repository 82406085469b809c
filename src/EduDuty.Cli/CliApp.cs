using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using EduDuty.Cli.Commands;
using Microsoft.Extensions.Configuration;

namespace EduDuty.Cli;

/// <summary>
/// The command line over the same Core as the portal, parsed by System.CommandLine (options in any order, help per command)
/// and spoken in Chinese (<see cref="CommandLineText"/>). Exit codes: 0 success, 1 not done — the input is invalid or refused
/// (reasons on stderr; a use case's outcome through <see cref="CliOutcomes"/>), 2 the command itself is misused (what is
/// wrong and the usage on stderr).
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Usage = 2;

    /// <param name="configuration">The portal's configuration keys; the environment variables when null.</param>
    /// <param name="clock">The system clock when null; tests pass a fake one.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IConfiguration? configuration = null, TimeProvider? clock = null)
    {
        var context = new CliContext(stdout, stderr, configuration ?? new ConfigurationBuilder().AddEnvironmentVariables().Build(), clock ?? TimeProvider.System);
        // No response files: a path that starts with @ is a path.
        var parsed = Build(context).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is ParseErrorAction) return CommandLineText.WriteErrors(parsed, stderr);
        // Exceptions are not turned into English messages, and Ctrl+C ends the process as it always did.
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (Application.PreReleaseDatabaseException refused)
        {
            // The database was made by a pre-release build at an older migration: said, not a stack trace (docs/release-notes.md).
            await stderr.WriteLineAsync(refused.Message);
            return InvalidInput;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // A named file that is there but cannot be read or written (permissions, a socket or device, a full disk), for
            // every command at once: said with the system's reason, not a stack trace.
            await stderr.WriteLineAsync($"无法读取或写入文件（{e.Message}）。请检查文件路径和读写权限，或把文件复制到可读写的位置后重试。");
            return InvalidInput;
        }
    }

    /// <summary>Every command, its arguments and options, with their Chinese descriptions (the help shows them).</summary>
    internal static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("教育履职评价的命令行");
        foreach (var option in root.Options)
        {
            if (option is HelpOption help)
            {
                help.Description = "显示说明";
                help.Action = new CommandLineText.ChineseHelpAction(context.Stdout);
            }
            else if (option is VersionOption)
            {
                option.Description = "显示版本号";
            }
        }

        root.SetAction(_ =>
        {
            CommandLineText.WriteOverview(root, context.Stdout);
            return Ok;
        });

        root.Add(Group("scheme", "方案文件", Scheme()));
        root.Add(Evaluate());
        root.Add(Report());
        root.Add(Group("excel", "县级 Excel 填报表", ExcelTemplate(), ExcelRead(), ExcelCounties()));
        root.Add(Rollup());
        root.Add(Reports());
        root.Add(Group("users", "用户", UsersImport()));
        root.Add(Group("regions", "地区", RegionsImport()));
        root.Add(Group("years", "评价年度", YearsOpen()));
        root.Add(Group("audit", "修改记录和管理记录", AuditVerify(), AuditAnchor()));
        root.Add(Verify());
        root.Add(Backup());
        root.Add(Restore());
        root.Add(Group("sessions", "登录会话", SessionsEnd()));
        root.Add(Group("tokens", "接口访问令牌", TokensCreate(), TokensList(), TokensRevoke()));
        root.Add(Help(root, context));
        return root;

        Command Scheme()
        {
            var file = Argument("scheme.json", "方案文件（JSON）");
            var command = new Command("validate", "检查方案文件（与门户加载方案时的检查相同），列出各领域及字段数") { file };
            command.SetAction((r, _) => SchemeValidateCommand.RunAsync(r.GetRequiredValue(file), context.Stdout, context.Stderr));
            return command;
        }

        Command Evaluate()
        {
            var figures = Figures();
            var scheme = Option("--scheme", "方案文件", "按这个方案文件计算（缺省时按数据文件所写的内置方案）");
            var command = new Command("evaluate", "计算各指标的值和达标情况，以 JSON 输出；方案计分时另输出得分（含申请加分）和等次") { figures, scheme };
            command.SetAction((r, _) => EvaluateCommand.RunAsync(r.GetRequiredValue(figures), r.GetValue(scheme), context.Stdout, context.Stderr));
            return command;
        }

        Command Report()
        {
            var figures = Figures();
            var texts = Option("--texts", "texts.json", "报告文字文件（缺省时用方案的默认文字）");
            var output = Option("--out", "report.pdf|report.docx", "输出文件：以 .pdf 结尾生成 PDF，以 .docx 结尾生成 Word 文档", required: true);
            var command = new Command("report", "生成自评报告 PDF 或 Word 文档（不需要数据库）") { figures, texts, output };
            command.SetAction((r, _) => ReportCommand.RunAsync(r.GetRequiredValue(figures), r.GetValue(texts), r.GetRequiredValue(output), context));
            return command;
        }

        Command ExcelTemplate()
        {
            var figures = Option("--figures", "figures.json", "用来预填的数据文件");
            var output = Option("--out", "file.xlsx", "生成的填报表", required: true);
            var command = new Command("template", "生成县级 Excel 填报表（可按数据文件预填，不需要数据库）") { figures, output };
            command.SetAction((r, _) => ExcelCommands.TemplateAsync(r.GetValue(figures), r.GetRequiredValue(output), context));
            return command;
        }

        Command ExcelRead()
        {
            var file = Argument("file.xlsx", "填好的填报表");
            var output = Option("--out", "figures.json", "生成的数据文件", required: true);
            var command = new Command("read", "把填好的填报表转为数据文件；有误时逐格列出问题") { file, output };
            command.SetAction((r, _) => ExcelCommands.ReadAsync(r.GetRequiredValue(file), r.GetRequiredValue(output), context));
            return command;
        }

        Command ExcelCounties()
        {
            var (year, region, output) = (Year(), Region(), Option("--out", "file.xlsx", "生成的工作簿", required: true));
            var command = new Command("counties", "导出地区内各县的数据和达标情况（数据库由 ConnectionStrings__EduDuty 指定）") { year, region, output };
            command.SetAction((r, _) => WithYearAsync(r.GetRequiredValue(year), context, y => ExcelCommands.CountiesAsync(y, r.GetRequiredValue(region), r.GetRequiredValue(output), context)));
            return command;
        }

        Command Rollup()
        {
            var (year, region, output) = (Year(), Region(), Option("--out", "file.pdf|file.docx", "输出文件：.pdf 或 .docx", required: true));
            var command = new Command("rollup", "生成市或省的评价综合报告（按已保存的文字）") { year, region, output };
            command.SetAction((r, _) => WithYearAsync(r.GetRequiredValue(year), context, y => OversightCommands.RollupAsync(y, r.GetRequiredValue(region), r.GetRequiredValue(output), context)));
            return command;
        }

        Command Reports()
        {
            var (year, region, output) = (Year(), Region(), Option("--out", "file.zip", "生成的 ZIP 文件", required: true));
            var command = new Command("reports", "把地区内各县的自评报告 PDF 打包为一个 ZIP") { year, region, output };
            command.SetAction((r, _) => WithYearAsync(r.GetRequiredValue(year), context, y => OversightCommands.ReportsZipAsync(y, r.GetRequiredValue(region), r.GetRequiredValue(output), context)));
            return command;
        }

        Command UsersImport()
        {
            var file = Argument("users.csv", "用户表（UTF-8 CSV，表头 username,display_name,role,region_code）");
            var command = new Command("import", "批量创建用户，显示一次性密码；数据库由 ConnectionStrings__EduDuty 指定") { file };
            command.SetAction((r, _) => UsersImportCommand.RunAsync(r.GetRequiredValue(file), context));
            return command;
        }

        Command RegionsImport()
        {
            var file = Argument("regions.csv", "地区表（UTF-8 CSV，表头 code,name,parent_code）");
            var command = new Command("import", "批量导入地区（与管理页面规则相同，全部或不导入）") { file };
            command.SetAction((r, _) => AdminCommands.RegionsImportAsync(r.GetRequiredValue(file), context));
            return command;
        }

        Command YearsOpen()
        {
            var scheme = Option("--scheme", "方案代码", "方案代码，如 SX-2021", required: true);
            var (year, region) = (Year(), Region());
            var deadline = Option("--deadline", "YYYY-MM-DD", "同时设置的截止日期");
            var command = new Command("open", "为地区内各县开启评价（可重复运行，已开启的不变）；给出截止日期时一并设置，要么都做，要么都不做") { scheme, year, region, deadline };
            command.SetAction((r, _) => WithYearAsync(r.GetRequiredValue(year), context, y =>
                AdminCommands.YearsOpenAsync(r.GetRequiredValue(scheme), y, r.GetRequiredValue(region), r.GetValue(deadline), context)));
            return command;
        }

        Command AuditVerify()
        {
            var expect = new Option<string[]>("--expect")
            {
                HelpName = "序号:根哈希",
                Description = "数据库之外保存的锚定（audit anchor 或门户日志打印的一行），可重复；数据库中没有该锚定或根哈希不同即为断裂",
                AllowMultipleArgumentsPerToken = false,
            };
            var command = new Command("verify", "检查每份评估的修改记录、管理记录和锚定记录的哈希链及锚定签名，报告第一处断裂") { expect };
            command.SetAction((r, _) => AuditVerifyCommand.RunAsync(r.GetValue(expect) ?? [], context));
            return command;
        }

        Command AuditAnchor()
        {
            var command = new Command("anchor", "立即锚定：把自上次锚定以来变动的各条哈希链的链头记入默克尔树，其根哈希接入锚定链");
            command.SetAction((_, _) => AuditVerifyCommand.AnchorAsync(context));
            return command;
        }

        Command Verify()
        {
            var file = Argument("file", "要核验的报告文件（PDF 或 Word）");
            var command = new Command("verify", "核验报告文件是否为平台保存或公示的版本（按 SHA-256 比对数据库中的各版本）") { file };
            command.SetAction((r, _) => VerifyCommand.RunAsync(r.GetRequiredValue(file), context));
            return command;
        }

        Command Backup()
        {
            var output = Option("--out", "file.db", "备份文件（不会覆盖已有文件）", required: true);
            var command = new Command("backup", "在线备份内置的 SQLite 数据库（门户运行时也可以）") { output };
            command.SetAction((r, _) => BackupCommands.BackupAsync(r.GetRequiredValue(output), context));
            return command;
        }

        Command SessionsEnd()
        {
            var command = new Command("end", "结束所有用户的登录（PostgreSQL 用 pg_restore 恢复之后运行；SQLite 的 restore 已自动结束）");
            command.SetAction((_, _) => BackupCommands.EndSessionsAsync(context));
            return command;
        }

        Command TokensCreate()
        {
            var user = Option("--user", "用户名", "令牌所属的用户（个人令牌）或服务账号（服务令牌）", required: true);
            var scope = Option("--scope", "范围", "权限范围，用逗号分开：read、figures:write、review、admin（须是该用户的角色能用的）", required: true);
            var expires = Option("--expires", "天数", "有效期，1–365 天", required: true);
            var name = Option("--name", "名称", "令牌名称（1–30 个字符），默认“命令行创建”");
            var command = new Command("create", "创建访问令牌：令牌只打印这一次，数据库只保存其哈希") { user, scope, expires, name };
            command.SetAction((r, _) => TokenCommands.CreateAsync(r.GetRequiredValue(user), r.GetRequiredValue(scope), r.GetRequiredValue(expires), r.GetValue(name), context));
            return command;
        }

        Command TokensList()
        {
            var command = new Command("list", "列出全部访问令牌（不含令牌本身，只有开头几位）");
            command.SetAction((_, _) => TokenCommands.ListAsync(context));
            return command;
        }

        Command TokensRevoke()
        {
            var id = Argument("id", "tokens list 中的编号");
            var command = new Command("revoke", "撤销访问令牌：使用它的调用从下一次起被拒绝") { id };
            command.SetAction((r, _) => TokenCommands.RevokeAsync(r.GetRequiredValue(id), context));
            return command;
        }

        Command Restore()
        {
            var file = Argument("file.db", "用 backup 生成的备份文件");
            var command = new Command("restore", "用备份恢复内置的 SQLite 数据库（请先停止门户）") { file };
            command.SetAction((r, _) => BackupCommands.RestoreAsync(r.GetRequiredValue(file), context));
            return command;
        }
    }

    // "eduduty help" prints every command, as it always did; "eduduty help excel read" prints that command's help.
    private static Command Help(RootCommand root, CliContext context)
    {
        var words = new Argument<string[]>("命令") { Arity = ArgumentArity.ZeroOrMore, Description = "要查看说明的命令" };
        var command = new Command("help", "显示说明") { words };
        command.Hidden = true;
        command.SetAction(r =>
        {
            Command target = root;
            foreach (var word in r.GetValue(words) ?? [])
            {
                if (target.Subcommands.FirstOrDefault(c => c.Name == word && !c.Hidden) is not { } next)
                {
                    context.Stderr.WriteLine($"没有这个命令：{word}。");
                    CommandLineText.WriteOverview(root, context.Stderr);
                    return Usage;
                }

                target = next;
            }

            CommandLineText.WriteHelp(target, context.Stdout);
            return Ok;
        });
        return command;
    }

    internal static Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var subcommand in subcommands) group.Add(subcommand);
        return group;
    }

    private static Argument<string> Argument(string name, string description) => new(name) { Description = description };

    private static Argument<string> Figures() => Argument("figures.json", "县级数据文件（JSON，格式见 docs/figures-format.md）");

    internal static Option<string> Option(string name, string helpName, string description, bool required = false) =>
        new(name) { HelpName = helpName, Description = description, Required = required };

    internal static Option<string> Year() => Option("--year", "YYYY", "评价年度（2000–2100）", required: true);

    internal static Option<string> Region() => Option("--region", "地区代码", "地区的 6 位行政区划代码，如 140800", required: true);

    // A year outside 2000–2100 is a wrong input (exit 1), as before the parser was System.CommandLine.
    internal static async Task<int> WithYearAsync(string text, CliContext context, Func<int, Task<int>> run)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100)
            return await run(year);
        await context.Stderr.WriteLineAsync($"年度应为 2000–2100 之间的四位数字（现为 {text}）。");
        return InvalidInput;
    }
}
