using EduDuty.Application;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Messaging;

namespace EduDuty.Cli.Tests;

/// <summary>The command line's one mapping of a use case's outcome: exit code 0 done, 1 not done (docs/cli.md), and its text.</summary>
public sealed class CliOutcomesTests
{
    [Fact]
    public async Task Done_exits_0_with_its_note_on_stdout()
    {
        var (code, stdout, stderr) = await WriteAsync(Outcome.DoneSaying("已保存 3 项修改。"));

        Assert.Equal((0, "已保存 3 项修改。\n", ""), (code, stdout.ReplaceLineEndings("\n"), stderr));
    }

    [Fact]
    public async Task Done_without_a_note_says_what_the_command_gives_it()
    {
        var (code, stdout, _) = await WriteAsync(Outcome.Done(42), done: "完成。");

        Assert.Equal((0, "完成。"), (code, stdout.Trim()));
    }

    [Fact]
    public async Task Invalid_exits_1_with_each_problem_on_its_own_line_naming_its_place()
    {
        Outcome<Unit> invalid = Outcome.Invalid([new FieldProblem("$.figures.A10.01", "应为整数"), new FieldProblem("", "文件是 2020 年度的数据")]);

        var (code, stdout, stderr) = await WriteAsync(invalid);

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal(["没有导入任何数据，请先处理以下 2 个问题：", "  $.figures.A10.01：应为整数", "  文件是 2020 年度的数据"], Lines(stderr));
    }

    [Fact]
    public async Task Invalid_as_a_whole_prints_the_catalogue_sentence_once_with_its_code()
    {
        Outcome<Unit> invalid = Outcome.Invalid(Messages.UnknownBonus("J09"));

        var (code, _, stderr) = await WriteAsync(invalid);

        Assert.Equal(1, code);
        Assert.Equal(["没有导入任何数据：", $"{Messages.UnknownBonus("J09").Text} [unknown-bonus]"], Lines(stderr));
    }

    [Fact]
    public async Task Refused_and_not_found_exit_1_with_the_catalogue_sentence_and_its_code()
    {
        Outcome<Unit> refused = Outcome.Refused(Messages.ApprovedLock);
        Outcome<Unit> missing = Outcome.NotFound(Messages.OutOfScope);

        var (refusedCode, _, refusedErr) = await WriteAsync(refused);
        var (missingCode, _, missingErr) = await WriteAsync(missing);

        Assert.Equal((1, 1), (refusedCode, missingCode));
        Assert.Equal(["没有导入任何数据：", $"{Messages.ApprovedLock.Text} [approved-lock]"], Lines(refusedErr));
        Assert.Equal(["没有导入任何数据：", $"{Messages.OutOfScope.Text} [out-of-scope]"], Lines(missingErr));
    }

    [Fact]
    public async Task A_conflict_exits_1_and_names_each_value_someone_else_changed()
    {
        Outcome<Unit> conflict = Outcome.Conflict(Messages.ImportMoved(1), [new Conflict("A10.01", "10755", "闻喜县填报员", new DateTime(2021, 11, 1, 2, 0, 0, DateTimeKind.Utc), 2)]);

        var (code, _, stderr) = await WriteAsync(conflict);

        Assert.Equal(1, code);
        Assert.Equal(["没有导入任何数据：", $"{Messages.ImportMoved(1).Text} [import-moved]", "  A10.01：闻喜县填报员 于 2021年11月1日 10:00 改为 10755"], Lines(stderr));
    }

    [Theory]
    [InlineData(OutcomeKind.Done, 0)]
    [InlineData(OutcomeKind.Invalid, 1)]
    [InlineData(OutcomeKind.Conflict, 1)]
    [InlineData(OutcomeKind.Refused, 1)]
    [InlineData(OutcomeKind.NotFound, 1)]
    public void Every_kind_has_its_exit_code(OutcomeKind kind, int expected) => Assert.Equal(expected, CliOutcomes.ExitCode(kind));

    private static async Task<(int Code, string Stdout, string Stderr)> WriteAsync<T>(Outcome<T> outcome, string? done = null)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliOutcomes.WriteAsync(outcome, stdout, stderr, "没有导入任何数据", done);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
