using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Tests;

/// <summary>
/// <c>survey open</c> (issue 31): opens the year's survey for a region and prints every county's links (运城市: 盐湖区, 临猗县,
/// 万荣县, 闻喜县, 夏县; the shipped example's three groups and the problem-report form), or says why not.
/// </summary>
public sealed class SurveyCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eduduty-cli-").FullName;

    private IConfiguration Database => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>(TemplateDatabases.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            ["ConnectionStrings:EduDuty"] = $"Data Source={Path.Combine(_dir, "portal.db")};Pooling=False",
        })
        .Build();

    [Fact]
    public async Task Open_prints_each_countys_link_per_group_and_its_problem_report_link_and_a_second_opening_is_refused_by_name()
    {
        var (code, stdout, stderr) = await Run("survey", "open", "--year", "2021", "--region", "140800", "--from", "2021-11-01", "--to", "2021-11-30", "--base-url", "https://edu.example.cn/");
        var (again, _, againErr) = await Run("survey", "open", "--year", "2021", "--region", "140823", "--from", "2021-11-01", "--to", "2021-11-30");

        Assert.True(code == 0, stderr);
        Assert.Contains("已为运城市的 5 个县开启满意度调查。", stdout);
        Assert.Contains("SX-2021-SAT 第 1 版", stdout);
        var links = await WithDbAsync(db => db.SurveyLinks.Select(l => new { l.County.Name, l.County.Code, l.Channel, l.Token }).ToListAsync());
        Assert.Equal(20, links.Count);
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var county in links.GroupBy(l => (l.Name, l.Code)))
        {
            var at = lines.IndexOf($"{county.Key.Name}（{county.Key.Code}）");
            Assert.True(at >= 0, county.Key.Name);
            Assert.Equal(
                county.OrderBy(l => l.Channel == SurveyChannel.Problems ? 9 : (int)l.Channel).Select(l => l.Channel == SurveyChannel.Problems
                    ? $"  问题线索\thttps://edu.example.cn/public/problems/{l.Token}"
                    : $"  {l.Channel.Name()}\thttps://edu.example.cn/public/survey/{l.Token}"),
                lines.Skip(at + 1).Take(4));
        }

        Assert.Equal(1, again);
        Assert.Contains("闻喜县已在 2021 年度的另一次调查中", againErr);
    }

    [Fact]
    public async Task Without_a_base_url_it_says_so_and_prints_the_paths()
    {
        var (code, stdout, stderr) = await Run("survey", "open", "--year", "2021", "--region", "140525", "--from", "2021-11-01", "--to", "2021-11-30", "--survey", "SX-2021-SAT@1");

        Assert.True(code == 0, stderr);
        Assert.Contains("没有 --base-url，也没有设置 Public:BaseUrl", stderr);
        Assert.Matches(@"泽州县（140525）\n  社会人士\t/public/survey/[A-Za-z0-9_-]{22}\n", stdout.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_year_without_a_survey_an_unknown_version_and_a_bad_date_are_refused_and_nothing_is_opened()
    {
        var (none, _, noneErr) = await Run("survey", "open", "--year", "2030", "--region", "140800", "--from", "2030-11-01", "--to", "2030-11-30");
        var (version, _, versionErr) = await Run("survey", "open", "--year", "2021", "--region", "140800", "--from", "2021-11-01", "--to", "2021-11-30", "--survey", "SX-2021-SAT@7");
        var (date, _, dateErr) = await Run("survey", "open", "--year", "2021", "--region", "140800", "--from", "2021-11-31", "--to", "2021-11-30");

        Assert.Equal((1, 1, 1), (none, version, date));
        Assert.Contains("没有 2030 年度的问卷。请用 --survey 指定问卷代码；已保存的问卷：SX-2021-SAT（2021年度）。", noneErr);
        Assert.Contains("问卷“SX-2021-SAT”没有第 7 版，已有：第 1 版。", versionErr);
        Assert.Contains("日期应写成 YYYY-MM-DD", dateErr);
        Assert.Equal(0, await WithDbAsync(db => db.SurveyRounds.CountAsync()));
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
