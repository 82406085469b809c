using System.Text.Json;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Tests;

/// <summary><c>excel template|read|counties</c>: the golden figures through a workbook and back, every bad cell on stderr, a region from the database.</summary>
public sealed class ExcelCommandTests : IDisposable
{
    private const string Preschool = "（十）学前教育普及普惠发展情况";

    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-cli-").FullName;

    private static string Golden => RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021.json");

    [Fact]
    public async Task Template_from_the_golden_figures_reads_back_to_the_same_figures()
    {
        var workbook = Path.Combine(_dir, "wenxi.xlsx");
        var back = Path.Combine(_dir, "back.json");

        var (made, madeOut, madeErr) = await CliRunner.RunAsync("excel", "template", "--figures", Golden, "--out", workbook);
        var (read, _, readErr) = await CliRunner.RunAsync("excel", "read", workbook, "--out", back);

        Assert.True(made == 0, madeErr);
        Assert.Contains("已生成", madeOut);
        Assert.True(read == 0, readErr);
        using var golden = JsonDocument.Parse(await File.ReadAllTextAsync(Golden));
        using var result = JsonDocument.Parse(await File.ReadAllTextAsync(back));
        Assert.Equal("闻喜县", result.RootElement.GetProperty("county").GetString());
        Assert.Equal(2021, result.RootElement.GetProperty("year").GetInt32());
        Assert.Equal(Figures(golden), Figures(result));
    }

    [Fact]
    public async Task A_workbook_with_bad_cells_exits_1_naming_every_cell_and_writes_nothing()
    {
        var workbook = Path.Combine(_dir, "empty.xlsx");
        await CliRunner.RunAsync("excel", "template", "--out", workbook);
        var bytes = await File.ReadAllBytesAsync(workbook);
        var a1001 = $"E{XlsxEdit.RowOf(bytes, Preschool, "A10.01")}";
        var a1014 = $"E{XlsxEdit.RowOf(bytes, Preschool, "A10.14")}";
        await File.WriteAllBytesAsync(workbook, XlsxEdit.Set(bytes, (Preschool, a1001, 10.5m), (Preschool, a1014, "大概")));
        var output = Path.Combine(_dir, "out.json");

        var (code, _, stderr) = await CliRunner.RunAsync("excel", "read", workbook, "--out", output);

        Assert.Equal(1, code);
        Assert.Contains($"{Preschool}!{a1001}：学前三年适龄人口：请输入整数", stderr);
        Assert.Contains($"{Preschool}!{a1014}", stderr);
        Assert.Contains("共 2 处", stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Counties_exports_the_regions_counties_from_the_configured_database_and_refuses_an_unknown_region()
    {
        var database = await TemplateDatabases.NewSqliteAsync();
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:EduDuty"] = $"Data Source={database};Pooling=False",
            }).Build();
            await CliRunner.SeedGoldenWenxiAsync(configuration);
            var output = Path.Combine(_dir, "yuncheng.xlsx");

            var (code, stdout, stderr) = await CliRunner.RunAsync(configuration, "excel", "counties", "--year", "2021", "--region", "140800", "--out", output);
            var (unknown, _, unknownErr) = await CliRunner.RunAsync(configuration, "excel", "counties", "--year", "2021", "--region", "990000", "--out", output + ".x");

            Assert.True(code == 0, stderr);
            Assert.Contains("运城市 2021 年度", stdout);
            var cells = XlsxEdit.Cells(await File.ReadAllBytesAsync(output));
            Assert.Equal(["140802", "140821", "140822", "140823", "140828"], Enumerable.Range(2, 5).Select(r => cells["汇总"][$"A{r}"]));
            Assert.Equal("99.82", cells[Preschool]["F6"]); // 闻喜, the fourth county, below two heading rows; golden A10.03
            Assert.Equal(1, unknown);
            Assert.Contains("990000 不存在", unknownErr);
            Assert.False(File.Exists(output + ".x"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Dictionary<string, string> Figures(JsonDocument document) =>
        document.RootElement.GetProperty("figures").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
}
