using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Tests;

/// <summary><c>regions import</c> and <c>years open</c>: all or nothing, idempotent, the same rules as the admin pages.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-cli-").FullName;

    private IConfiguration Database => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>(TemplateDatabases.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            ["ConnectionStrings:EduDuty"] = $"Data Source={Path.Combine(_dir, "portal.db")};Pooling=False",
        })
        .Build();

    [Fact]
    public async Task A_city_and_its_counties_import_then_a_year_opens_once_with_its_deadline()
    {
        // Under 山西省, whose scheme SX-2021 is: a scheme is opened only for its own province's counties.
        var csv = Path.Combine(_dir, "regions.csv");
        await File.WriteAllTextAsync(csv, "code,name,parent_code\n141000,临汾市,140000\n141002,尧都区,141000\n141021,曲沃县,141000\n");

        var (imported, importOut, importErr) = await Run("regions", "import", csv);
        var (again, againOut, _) = await Run("regions", "import", csv);
        var (opened, openOut, openErr) = await Run("years", "open", "--scheme", "SX-2021", "--year", "2021", "--region", "141000", "--deadline", "2021-12-31");
        var (reopened, reopenOut, _) = await Run("years", "open", "--scheme", "SX-2021", "--year", "2021", "--region", "141000");

        Assert.True(imported == 0, importErr);
        Assert.Contains("已导入 3 个地区", importOut);
        Assert.Equal(0, again);
        Assert.Contains("已导入 0 个地区，另有 3 个已存在且相同", againOut);
        Assert.True(opened == 0, openErr);
        Assert.Contains("已为 2 个县开启 2021 年度评价（草稿）", openOut);
        Assert.Contains("截止日期：2021年12月31日", openOut);
        Assert.Equal(0, reopened);
        Assert.Contains("所有县都已开启本年度评价，没有新建", reopenOut);
        var (evaluations, summaries) = await WithDbAsync(async db => (
            await db.Evaluations.CountAsync(e => e.County.Path.Contains("/141000/")),
            await db.Summaries.CountAsync(s => db.Evaluations.Any(e => e.Id == s.EvaluationId && e.County.Path.Contains("/141000/")))));
        Assert.Equal((2, 2), (evaluations, summaries)); // summaries stored with the new evaluations
    }

    [Fact]
    public async Task A_bad_regions_file_imports_nothing_and_names_each_line()
    {
        var csv = Path.Combine(_dir, "bad.csv");
        // The second row's parent is neither stored nor in the file: the first row is not imported either.
        await File.WriteAllTextAsync(csv, "code,name,parent_code\n630000,青海省,\n630102,城中区,630100\n");

        var (code, _, stderr) = await Run("regions", "import", csv);

        Assert.Equal(1, code);
        Assert.Contains("第 3 行", stderr);
        Assert.Contains("没有导入任何地区", stderr);
        Assert.Equal(0, await WithDbAsync(db => db.Regions.CountAsync(r => r.Code == "630000")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private Task<(int Code, string Stdout, string Stderr)> Run(params string[] args) => CliRunner.RunAsync(Database, args);

    private async Task<T> WithDbAsync<T>(Func<EduDutyDbContext, Task<T>> query)
    {
        await using var services = CliRunner.Services(Database);
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<EduDutyDbContext>());
    }
}
