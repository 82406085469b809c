using EduDuty.Testing;

namespace EduDuty.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-cli-").FullName;

    private static string Golden => RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021.json");

    private static string GoldenTexts => RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021-texts.json");

    [Fact]
    public async Task Golden_figures_and_texts_make_a_pdf_without_a_database()
    {
        var output = Path.Combine(_dir, "out", "wenxi.pdf");

        var (code, stdout, stderr) = await CliRunner.RunAsync("report", Golden, "--texts", GoldenTexts, "--out", output);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("已生成", stdout);
        var bytes = await File.ReadAllBytesAsync(output);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.True(bytes.Length > 50_000);
    }

    [Fact]
    public async Task An_output_ending_in_docx_makes_a_word_document_with_the_report_text()
    {
        var output = Path.Combine(_dir, "wenxi.docx");

        var (code, _, stderr) = await CliRunner.RunAsync("report", Golden, "--texts", GoldenTexts, "--out", output);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(output, false);
        Assert.StartsWith("闻喜县人民政府办公室关于履行教育职责评价工作的自评报告", document.MainDocumentPart!.Document!.Body!.InnerText);
    }

    [Fact]
    public async Task Any_other_output_extension_exits_1_naming_the_two_it_takes_and_writes_nothing()
    {
        var output = Path.Combine(_dir, "wenxi.doc");

        var (code, _, stderr) = await CliRunner.RunAsync("report", Golden, "--out", output);

        Assert.Equal(1, code);
        Assert.Contains(".pdf 或 .docx", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Without_texts_the_schemes_default_texts_are_used()
    {
        var output = Path.Combine(_dir, "defaults.pdf");

        var (code, _, _) = await CliRunner.RunAsync("report", Golden, "--out", output);

        Assert.Equal(0, code);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public async Task Without_texts_the_report_is_dated_today_by_the_clock_the_command_is_given()
    {
        var output = Path.Combine(_dir, "dated.docx");

        var (code, _, stderr) = await CliRunner.RunAsync("report", Golden, "--out", output);

        Assert.True(code == 0, stderr);
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(output, false);
        Assert.Contains("2021年11月1日", document.MainDocumentPart!.Document!.Body!.InnerText); // CliRunner.Now, in China
    }

    [Fact]
    public async Task An_unknown_placeholder_exits_1_with_the_place_named_and_writes_no_file()
    {
        var texts = Path.Combine(_dir, "texts.json");
        await File.WriteAllTextAsync(texts, """{"areas": {"A10_PRESCHOOL": ["毛入园率{A10.33}%"]}}""");
        var output = Path.Combine(_dir, "bad.pdf");

        var (code, _, stderr) = await CliRunner.RunAsync("report", Golden, "--texts", texts, "--out", output);

        Assert.Equal(1, code);
        Assert.Contains("A10.33", stderr);
        Assert.Contains("学前教育普及普惠发展情况", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Missing_out_is_a_usage_error()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("report", Golden);

        Assert.Equal(2, code);
        Assert.Contains("--out", stderr);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
