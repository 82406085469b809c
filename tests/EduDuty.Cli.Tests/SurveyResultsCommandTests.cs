using System.Text.Json;
using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Cli.Commands;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Tests;

/// <summary>
/// <c>survey results</c> (issue 31) over a database with a round for 运城市 and tallies as answers write them: 闻喜县's public
/// group 3 counted sheets and 1 suspect, its question 12 (总体评价, scale) answered 满意, 比较满意, 不满意 → 2 / 3 = 66.7 %;
/// every other county and group nothing → index null (unknown), never 0.
/// </summary>
public sealed class SurveyResultsCommandTests
{
    [Fact]
    public async Task Prints_answers_suspect_and_index_per_county_and_group_with_null_for_unknown()
    {
        var database = await TemplateDatabases.NewSqliteAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduDuty"] = $"Data Source={database};Pooling=False",
        }).Build();
        await using (var services = CliRunner.Services(configuration))
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
            var example = await db.SurveyDefinitions.Where(d => d.Code == BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync();
            var opened = await scope.ServiceProvider.GetRequiredService<OpenSurveyRound>().HandleAsync(
                new OpenSurveyInput(example, 2021, "140800", new DateOnly(2021, 11, 1), new DateOnly(2021, 11, 30)), Actor.CommandLine, default);
            Assert.True(opened.IsDone, opened.Refusal);
            var wenxi = opened.Value!.Counties.Single(c => c.Code == "140823").CountyId;
            SurveyTally T(short question, short option, short shard, long count) => new()
            {
                RoundId = opened.Value.RoundId, CountyId = wenxi, Group = SurveyGroup.Public, Question = question, Option = option, Shard = shard, Count = count,
            };
            db.SurveyTallies.AddRange(T(0, 0, 0, 2), T(0, 0, 5, 1), T(0, 1, 2, 1), T(12, 0, 0, 2), T(12, 0, 5, 1), T(12, 1, 0, 1), T(12, 2, 0, 1), T(12, 5, 5, 1));
            await db.SaveChangesAsync();
        }

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await SurveyResultsCommand.RunAsync(2021, "140800", new CliContext(stdout, stderr, configuration, CliRunner.Clock()));
        var unknown = await SurveyResultsCommand.RunAsync(2021, "990000", new CliContext(TextWriter.Null, stderr, configuration, CliRunner.Clock()));

        Assert.True(code == 0, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        var counties = json.RootElement.GetProperty("counties").EnumerateArray().ToList();
        Assert.Equal(5, counties.Count);
        var wenxiJson = counties.Single(c => c.GetProperty("code").GetString() == "140823");
        var pub = wenxiJson.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "public");
        Assert.Equal((3, 1), (pub.GetProperty("answers").GetInt32(), pub.GetProperty("suspect").GetInt32()));
        Assert.Equal(66.7m, pub.GetProperty("index").GetDecimal());
        Assert.Equal(3, pub.GetProperty("n").GetInt32());
        var teacher = wenxiJson.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "teacher");
        Assert.Equal(JsonValueKind.Null, teacher.GetProperty("index").ValueKind);
        Assert.Equal(JsonValueKind.Null, counties.Single(c => c.GetProperty("code").GetString() == "140828").GetProperty("index").ValueKind);
        Assert.Equal(1, unknown);
        Assert.Contains("990000", stderr.ToString());
    }
}
