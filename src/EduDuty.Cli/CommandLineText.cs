using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace EduDuty.Cli;

/// <summary>
/// What a person reads of the command line, in Chinese: each command's usage and help, and a parse error said with what to
/// do next. System.CommandLine parses; none of its own (English) texts is shown: its errors are read by the symbol they
/// belong to, not by their wording.
/// </summary>
internal static class CommandLineText
{
    /// <summary>The program's name as users type it (the root command's own name is the host's, e.g. testhost).</summary>
    public const string Program = "eduduty";

    /// <summary>The command as typed: <c>eduduty excel template</c>.</summary>
    public static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null && c is not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault()) names.Insert(0, c.Name);
        return string.Join(' ', names.Prepend(Program));
    }

    /// <summary>One line per command that runs at or under this one: <c>eduduty report &lt;figures.json&gt; [--texts &lt;texts.json&gt;] --out &lt;…&gt;</c>.</summary>
    public static IEnumerable<(Command Command, string Line)> Usage(Command command)
    {
        var subcommands = Visible(command.Subcommands).ToList();
        if (subcommands.Count == 0)
        {
            yield return (command, string.Join(' ', new[] { PathOf(command) }
                .Concat(command.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.Name}>"))
                .Concat(Options(command).Select(o => o.Required ? Syntax(o) : $"[{Syntax(o)}]"))));
            yield break;
        }

        foreach (var line in subcommands.SelectMany(Usage)) yield return line;
    }

    /// <summary>The help of one command (<c>eduduty report --help</c>), or of every command for the program itself.</summary>
    public static void WriteHelp(Command command, TextWriter output)
    {
        if (command is RootCommand)
        {
            WriteOverview(command, output);
            return;
        }

        output.WriteLine(command.Description);
        output.WriteLine();
        output.WriteLine("用法：");
        foreach (var (_, line) in Usage(command)) output.WriteLine($"  {line}");

        var arguments = command.Arguments.Where(a => !a.Hidden).Select(a => ($"<{a.Name}>", a.Description ?? string.Empty)).ToList();
        if (arguments.Count > 0) WriteSection(output, "参数：", arguments);

        var subcommands = Visible(command.Subcommands).Select(c => (c.Name, c.Description ?? string.Empty)).ToList();
        if (subcommands.Count > 0) WriteSection(output, "子命令：", subcommands);

        var options = Options(command).Select(o => (Syntax(o), (o.Required ? "（必填）" : string.Empty) + o.Description))
            .Append(("-h, --help", "显示本说明")).ToList();
        WriteSection(output, "选项：", options);
        if (subcommands.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"每个子命令的说明：{PathOf(command)} <子命令> --help");
        }
    }

    /// <summary>Every command with what it does: what <c>eduduty</c>, <c>eduduty help</c> and <c>eduduty --help</c> print.</summary>
    public static void WriteOverview(Command root, TextWriter output)
    {
        output.WriteLine($"{Program}：教育履职评价的命令行，与门户用同一套规则。");
        output.WriteLine();
        output.WriteLine("用法 / usage:");
        foreach (var (command, line) in Usage(root))
        {
            output.WriteLine($"  {line}");
            output.WriteLine($"      {command.Description}");
        }

        output.WriteLine();
        output.WriteLine($"每个命令的说明：{Program} <命令> --help（例如 {Program} report --help）。选项的先后顺序不限。");
    }

    /// <summary>
    /// A command line that does not parse: what is wrong and what to do, in Chinese, then the command's usage, on stderr;
    /// the usage exit code.
    /// </summary>
    public static int WriteErrors(ParseResult result, TextWriter stderr)
    {
        var command = result.CommandResult.Command;
        foreach (var message in Errors(result)) stderr.WriteLine(message);
        stderr.WriteLine("用法：");
        foreach (var (_, line) in Usage(command)) stderr.WriteLine($"  {line}");
        stderr.WriteLine($"详细说明：{PathOf(command)} --help");
        return CliApp.Usage;
    }

    /// <summary>Each parse error said in Chinese, read from the symbol it belongs to: a missing argument or option, a value that is missing or given twice, an unknown word.</summary>
    public static IReadOnlyList<string> Errors(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var messages = new List<string>();
        string? previous = null;
        foreach (var token in result.UnmatchedTokens)
        {
            // The word after an unknown option is most likely its value: the option is what to fix.
            if (!(previous is not null && previous.StartsWith('-') && !token.StartsWith('-'))) messages.Add(Unrecognized(token, command));
            previous = token;
        }

        foreach (var error in result.Errors)
        {
            messages.Add(error.SymbolResult switch
            {
                ArgumentResult { Parent: CommandResult owner } a when a.Tokens.Count == 0 =>
                    $"缺少参数 <{a.Argument.Name}>：请在 {PathOf(owner.Command)} 后面写上{a.Argument.Description}。",
                OptionResult { IdentifierToken: null } o => $"缺少必填的选项 {o.Option.Name}：请加上 {Syntax(o.Option)}（{o.Option.Description}）。",
                OptionResult o => BadOption(o.Option, o.Tokens),
                ArgumentResult { Parent: OptionResult o } => BadOption(o.Option, o.Tokens),
                ArgumentResult a => $"参数 <{a.Argument.Name}> 的值“{string.Join(' ', a.Tokens.Select(t => t.Value))}”无效：应为{a.Argument.Description}。",
                CommandResult { Command: var c } when c.Action is null && Visible(c.Subcommands).Any() && result.UnmatchedTokens.Count == 0 =>
                    $"{PathOf(c)} 后面还要写一个子命令：{string.Join("、", Visible(c.Subcommands).Select(s => s.Name))}。",
                CommandResult when result.UnmatchedTokens.Count > 0 => string.Empty, // said above, word by word
                _ => $"命令行有误：{error.Message}",
            });
        }

        return messages.Where(m => m.Length > 0).Distinct().ToList();
    }

    private static string BadOption(Option option, IReadOnlyList<Token> tokens) => tokens.Count switch
    {
        0 => $"选项 {option.Name} 后面缺少值：请写成 {Syntax(option)}。",
        > 1 when option.Arity.MaximumNumberOfValues < tokens.Count =>
            $"选项 {option.Name} 只能给一次（现在给了 {tokens.Count} 次：{string.Join("、", tokens.Select(t => t.Value))}），请只保留一个。",
        _ => $"选项 {option.Name} 的值“{string.Join(' ', tokens.Select(t => t.Value))}”无效：应为{option.Description}。",
    };

    // An unknown option, with the nearest one the command has; an extra word (a path with a space not in quotes, often).
    private static string Unrecognized(string token, Command command)
    {
        if (token.StartsWith('-'))
        {
            var names = Options(command).Select(o => o.Name).Append("--help").ToList();
            var nearest = names.Select(n => (Name: n, Distance: EditDistance(token, n))).Where(n => n.Distance <= 2).OrderBy(n => n.Distance).Select(n => n.Name).FirstOrDefault();
            return nearest is not null
                ? $"无法识别的选项：{token}。您是不是要写 {nearest}？"
                : $"无法识别的选项：{token}。{PathOf(command)} 可用的选项：{string.Join("、", names)}。";
        }

        var subcommands = Visible(command.Subcommands).Select(c => c.Name).ToList();
        if (subcommands.Count > 0) return $"无法识别的命令：{token}。{PathOf(command)} 后面可以写：{string.Join("、", subcommands)}。";
        return $"多余的参数：{token}。{PathOf(command)} 不需要它；路径中有空格时请用引号把整个路径括起来。";
    }

    private static IEnumerable<Option> Options(Command command) =>
        command.Options.Where(o => !o.Hidden && o is not HelpOption and not VersionOption);

    private static IEnumerable<Command> Visible(IEnumerable<Command> commands) => commands.Where(c => !c.Hidden);

    private static string Syntax(Option option) => $"{option.Name} <{option.HelpName ?? "值"}>";

    private static void WriteSection(TextWriter output, string title, IReadOnlyList<(string First, string Second)> rows)
    {
        output.WriteLine();
        output.WriteLine(title);
        var width = rows.Max(r => DisplayWidth(r.First)) + 2;
        foreach (var (first, second) in rows) output.WriteLine($"  {first}{new string(' ', width - DisplayWidth(first))}{second}");
    }

    // Columns line up in a terminal only if a Chinese character counts for two.
    private static int DisplayWidth(string text) => text.Sum(c => c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3' or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60' or >= '\uFFE0' and <= '\uFFE6' ? 2 : 1);

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>The help option's action: this class's Chinese help, on the given output, whatever else the line lacks.</summary>
    public sealed class ChineseHelpAction(TextWriter output) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            WriteHelp(parseResult.CommandResult.Command, output);
            return CliApp.Ok;
        }
    }
}
