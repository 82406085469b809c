using System.Text.Json;
using EduDuty.Testing;

namespace EduDuty.Cli.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-cli-").FullName;

    private static string Golden => RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021.json");

    [Fact]
    public async Task Golden_figures_give_the_golden_values_statuses_and_failing_list()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("evaluate", Golden);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var output = JsonDocument.Parse(stdout);
        using var golden = JsonDocument.Parse(await File.ReadAllTextAsync(Golden));
        var results = output.RootElement.GetProperty("results");
        Assert.Equal("SX-2021", output.RootElement.GetProperty("scheme").GetString());

        foreach (var expected in golden.RootElement.GetProperty("expected").EnumerateObject())
        {
            var actual = results.GetProperty(expected.Name);
            Assert.Equal(expected.Value.GetProperty("status").GetString(), actual.GetProperty("status").GetString());
            var value = expected.Value.GetProperty("value");
            if (value.ValueKind == JsonValueKind.Number) Assert.Equal(value.GetDecimal(), actual.GetProperty("value").GetDecimal());
            else Assert.Equal(value.GetBoolean(), actual.GetProperty("value").GetBoolean());
        }

        Assert.Equal(
            golden.RootElement.GetProperty("expected_failing").EnumerateArray().Select(e => e.GetString()),
            output.RootElement.GetProperty("failing").EnumerateArray().Select(e => e.GetString()));
        // A thresholded field without a value is listed, with no value.
        Assert.Equal(JsonValueKind.Null, results.GetProperty("A01.03").GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task Unknown_code_exits_1_with_the_code_named_and_nothing_on_stdout()
    {
        var path = Path.Combine(_dir, "figures.json");
        await File.WriteAllTextAsync(path, """{"scheme": "SX-2021", "figures": {"A10.01": 10755, "A10.99": 3}}""");

        var (code, stdout, stderr) = await CliRunner.RunAsync("evaluate", path);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("A10.99：方案 SX-2021 中没有这个字段代码", stderr);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"scheme": "SX-2021", "figures": {"A10.01": "many"}}""")]
    public async Task Malformed_file_exits_1(string content)
    {
        var path = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(path, content);

        var (code, stdout, stderr) = await CliRunner.RunAsync("evaluate", path);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("数据文件无效", stderr);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
