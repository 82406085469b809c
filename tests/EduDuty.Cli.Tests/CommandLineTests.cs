using EduDuty.Testing;

namespace EduDuty.Cli.Tests;

/// <summary>
/// The command line itself: options in any order, help per command, and a line that does not parse explained in Chinese
/// with the command's usage and exit code 2 — none of the parser's own English.
/// </summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-cli-").FullName;

    private static string Golden => RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021.json");

    private const string ReportUsage = "eduduty report <figures.json> [--texts <texts.json>] --out <report.pdf|report.docx>";

    [Fact]
    public async Task Report_takes_its_options_before_or_after_the_figures_file()
    {
        var before = Path.Combine(_dir, "before.pdf");
        var after = Path.Combine(_dir, "after.pdf");
        var texts = RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021-texts.json");

        var first = await CliRunner.RunAsync("report", "--out", before, Golden);
        var second = await CliRunner.RunAsync("report", Golden, "--out", after);
        var third = await CliRunner.RunAsync("report", "--out", Path.Combine(_dir, "texts.docx"), Golden, "--texts", texts);

        Assert.True(first.Code == 0, first.Stderr);
        Assert.True(second.Code == 0, second.Stderr);
        Assert.True(third.Code == 0, third.Stderr);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(before))[..5]));
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(after))[..5]));
        Assert.Contains("已生成", first.Stdout);
    }

    [Fact]
    public async Task Evaluate_and_excel_template_take_their_options_in_any_order()
    {
        var scheme = Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json");
        var workbook = Path.Combine(_dir, "wenxi.xlsx");

        var evaluated = await CliRunner.RunAsync("evaluate", "--scheme", scheme, Golden);
        var template = await CliRunner.RunAsync("excel", "template", "--out", workbook, "--figures", Golden);

        Assert.True(evaluated.Code == 0, evaluated.Stderr);
        Assert.Equal((await CliRunner.RunAsync("evaluate", Golden, "--scheme", scheme)).Stdout, evaluated.Stdout);
        Assert.True(template.Code == 0, template.Stderr);
        Assert.True(File.Exists(workbook));
    }

    [Theory]
    [InlineData("report", "--help")]
    [InlineData("report", "-h")]
    [InlineData("help", "report")]
    public async Task Report_help_shows_its_usage_argument_and_options_in_chinese(params string[] args)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync(args);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("生成自评报告 PDF 或 Word 文档", stdout);
        Assert.Contains(ReportUsage, stdout);
        Assert.Contains("<figures.json>", stdout);
        Assert.Contains("县级数据文件", stdout);
        Assert.Matches(@"--texts <texts\.json> +报告文字文件", stdout);
        Assert.Matches(@"--out <report\.pdf\|report\.docx> +（必填）输出文件", stdout);
        AssertNoParserEnglish(stdout);
    }

    [Fact]
    public async Task Each_command_has_its_own_help_and_a_group_lists_its_subcommands()
    {
        var excel = await CliRunner.RunAsync("excel", "--help");
        var read = await CliRunner.RunAsync("excel", "read", "--help");
        var open = await CliRunner.RunAsync("years", "open", "--help");

        Assert.Equal((0, 0, 0), (excel.Code, read.Code, open.Code));
        Assert.Contains("子命令：", excel.Stdout);
        Assert.Contains("eduduty excel counties --year <YYYY> --region <地区代码> --out <file.xlsx>", excel.Stdout);
        Assert.Contains("eduduty excel read <file.xlsx> --out <figures.json>", read.Stdout);
        Assert.DoesNotContain("counties", read.Stdout);
        Assert.Contains("[--deadline <YYYY-MM-DD>]", open.Stdout);
        Assert.All([excel.Stdout, read.Stdout, open.Stdout], AssertNoParserEnglish);
    }

    [Fact]
    public async Task Without_a_command_every_command_is_listed_and_the_exit_code_is_0()
    {
        var (code, stdout, _) = await CliRunner.RunAsync();
        var (helpCode, help, _) = await CliRunner.RunAsync("--help");

        Assert.Equal((0, 0), (code, helpCode));
        Assert.Equal(stdout, help);
        foreach (var command in new[] { "scheme validate", "evaluate", ReportUsage, "excel template", "excel read", "excel counties", "rollup", "reports", "users import", "regions import", "years open", "audit verify", "audit anchor", "verify", "backup", "restore", "sessions end" })
            Assert.Contains($"eduduty {command.Replace("eduduty ", string.Empty, StringComparison.Ordinal)}", stdout);
    }

    [Fact]
    public async Task A_missing_argument_is_named_in_chinese_with_the_usage_and_exit_code_2()
    {
        var output = Path.Combine(_dir, "x.pdf");

        var (code, stdout, stderr) = await CliRunner.RunAsync("report", "--out", output);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith("缺少参数 <figures.json>：请在 eduduty report 后面写上县级数据文件", stderr);
        Assert.Contains(ReportUsage, stderr);
        Assert.Contains("详细说明：eduduty report --help", stderr);
        Assert.False(File.Exists(output));
        AssertNoParserEnglish(stderr);
    }

    [Fact]
    public async Task A_missing_required_option_or_its_value_is_said_in_chinese()
    {
        var missing = await CliRunner.RunAsync("excel", "read", Golden);
        var noValue = await CliRunner.RunAsync("report", Golden, "--out");
        var twice = await CliRunner.RunAsync("report", Golden, "--out", "a.pdf", "--out", "b.pdf");

        Assert.Equal((2, 2, 2), (missing.Code, noValue.Code, twice.Code));
        Assert.StartsWith("缺少必填的选项 --out：请加上 --out <figures.json>", missing.Stderr);
        Assert.StartsWith("选项 --out 后面缺少值：请写成 --out <report.pdf|report.docx>", noValue.Stderr);
        Assert.StartsWith("选项 --out 只能给一次（现在给了 2 次：a.pdf、b.pdf）", twice.Stderr);
        Assert.All([missing.Stderr, noValue.Stderr, twice.Stderr], AssertNoParserEnglish);
    }

    [Fact]
    public async Task An_unknown_option_is_refused_in_chinese_with_the_nearest_one_and_nothing_is_written()
    {
        var output = Path.Combine(_dir, "x.pdf");

        var unknown = await CliRunner.RunAsync("report", Golden, "--out", output, "--colour", "red");
        var typo = await CliRunner.RunAsync("report", Golden, "--outt", output);
        var extra = await CliRunner.RunAsync("report", Golden, "second.json", "--out", output);

        Assert.Equal((2, 2, 2), (unknown.Code, typo.Code, extra.Code));
        Assert.StartsWith("无法识别的选项：--colour。eduduty report 可用的选项：--texts、--out、--help。", unknown.Stderr);
        Assert.Contains(ReportUsage, unknown.Stderr);
        Assert.StartsWith("无法识别的选项：--outt。您是不是要写 --out？", typo.Stderr);
        Assert.StartsWith("多余的参数：second.json。", extra.Stderr);
        Assert.False(File.Exists(output));
        Assert.All([unknown.Stderr, typo.Stderr, extra.Stderr], AssertNoParserEnglish);
    }

    [Fact]
    public async Task An_unknown_command_names_the_commands_there_are()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("excel", "write", "x.xlsx");

        Assert.Equal(2, code);
        Assert.StartsWith("无法识别的命令：write。eduduty excel 后面可以写：template、read、counties。", stderr);
        AssertNoParserEnglish(stderr);
    }

    [Fact]
    public async Task A_year_that_is_not_one_is_a_wrong_input_with_exit_code_1()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("rollup", "--region", "140800", "--out", Path.Combine(_dir, "x.pdf"), "--year", "21");

        Assert.Equal(1, code);
        Assert.Contains("年度应为 2000–2100 之间的四位数字（现为 21）", stderr);
    }

    // System.CommandLine's own texts, none of which a user may see.
    private static void AssertNoParserEnglish(string text)
    {
        foreach (var english in new[] { "Usage:", "Options:", "Arguments:", "Commands:", "Required", "Unrecognized", "Description:", "Show help" })
            Assert.DoesNotContain(english, text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>A file that is there but cannot be read is said for every command, not thrown (from the issue 25 review).</summary>
public sealed class UnreadableFileTests
{
    [Fact]
    public async Task Evaluate_of_a_path_that_exists_but_cannot_be_read_says_so_and_exits_1()
    {
        var folder = Directory.CreateTempSubdirectory("eduduty-unreadable-");
        try
        {
            // A socket is there (File.Exists) but no file can be opened at it, as with a file this user may not read.
            var path = Path.Combine(folder.FullName, "figures.json");
            using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));

            var (code, stdout, stderr) = await CliRunner.RunAsync("evaluate", path);

            Assert.Equal(1, code);
            Assert.Equal(string.Empty, stdout);
            Assert.StartsWith("无法读取或写入文件（", stderr);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
