using System.Text.Json.Nodes;
using EduDuty.Testing;

namespace EduDuty.Cli.Tests;

public sealed class SchemeValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-cli-").FullName;

    private static string ShippedScheme => Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json");

    [Fact]
    public async Task Valid_scheme_prints_its_areas_and_field_counts_and_exits_0()
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync("scheme", "validate", ShippedScheme);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("SX-2021", stdout);
        Assert.Contains("晋政教督〔2021〕1号", stdout);
        Assert.Contains("A10_PRESCHOOL", stdout);
        Assert.Contains("（十）学前教育普及普惠发展情况：字段 20", stdout);
        Assert.Contains("12 个评价领域，共 239 个字段", stdout);
        Assert.Equal(1 + 13 + 1, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Broken_scheme_exits_1_with_each_reason_naming_its_field()
    {
        var scheme = JsonNode.Parse(await File.ReadAllTextAsync(ShippedScheme))!.AsObject();
        var fields = scheme["areas"]!.AsArray().SelectMany(a => a!["fields"]!.AsArray()).Select(f => f!.AsObject()).ToList();
        fields.Single(f => (string?)f["code"] == "A07.07")["formula"] = "[A07.04] / [A07.00] * 100";
        fields.Single(f => (string?)f["code"] == "A10.06")["threshold"] = new JsonObject { ["op"] = ">>", ["value"] = 55 };
        var path = Path.Combine(_dir, "broken.json");
        await File.WriteAllTextAsync(path, scheme.ToJsonString());

        var (code, stdout, stderr) = await CliRunner.RunAsync("scheme", "validate", path);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("共 2 处错误", stderr);
        Assert.Contains("A07.07：公式引用了不存在的字段 A07.00", stderr);
        Assert.Contains("A10.06：阈值运算符 “>>” 无效", stderr);
    }

    [Fact]
    public async Task Missing_file_exits_1_with_a_message()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("scheme", "validate", Path.Combine(_dir, "nope.json"));

        Assert.Equal(1, code);
        Assert.Contains("找不到文件", stderr);
    }

    [Fact]
    public async Task A_path_that_starts_with_an_at_sign_is_a_path_not_a_response_file()
    {
        // Were response files on, "@args.rsp" would be replaced by the words in the file (here the shipped scheme's path).
        var responseFile = Path.Combine(_dir, "args.rsp");
        await File.WriteAllTextAsync(responseFile, ShippedScheme);

        var (code, stdout, stderr) = await CliRunner.RunAsync("scheme", "validate", "@" + responseFile);

        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("找不到文件", stderr);
    }

    [Fact]
    public async Task Not_json_exits_1()
    {
        var path = Path.Combine(_dir, "text.json");
        await File.WriteAllTextAsync(path, "这不是 JSON");

        var (code, _, stderr) = await CliRunner.RunAsync("scheme", "validate", path);

        Assert.Equal(1, code);
        Assert.Contains("不是有效的 JSON", stderr);
    }

    [Fact]
    public async Task Unknown_command_exits_2_with_usage()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("scheme", "frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("用法", stderr);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
