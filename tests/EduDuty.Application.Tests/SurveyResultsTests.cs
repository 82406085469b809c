using EduDuty.Application.Surveys;
using EduDuty.Core.Security;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The results of a round from a fixture of answer sheets counted by hand (issue 31), on both databases. The example survey's
/// public questionnaire: 3–10 and 12 are scale questions, 11 is multiple choice; the teachers': 3 (T03) and 11 (T11) are scale.
/// </summary>
public abstract class SurveyResultsTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    /// <summary>The fixture: 闻喜县 (140823) five public sheets (one suspect) and two teachers'; 夏县 (140828) one public sheet.</summary>
    public static async Task<int> SeedFixtureAsync(ApplicationHost host)
    {
        var round = await SurveyTestData.OpenAsync(host, "140800", await SurveyTestData.ExampleIdAsync(host));
        await SurveyTestData.AddSheetsAsync(host, round.RoundId, "140823", SurveyGroup.Public,
            "3=1;4=2;11=1,2;12=1",
            "3=2;4=6;11=2;12=3",
            "3=6;4=3;12=2",
            "3=4;11=1,3,5;12=1",
            "!3=1;4=1;12=1");
        await SurveyTestData.AddSheetsAsync(host, round.RoundId, "140823", SurveyGroup.Teacher, "3=1;11=5", "3=2;11=6");
        await SurveyTestData.AddSheetsAsync(host, round.RoundId, "140828", SurveyGroup.Public, "3=5;12=5");
        return round.RoundId;
    }

    [Fact]
    public async Task The_results_of_the_fixture_equal_the_hand_count()
    {
        var roundId = await SeedFixtureAsync(_host);

        var results = await LoadAsync(roundId, null, Actor.CommandLine);

        Assert.True(results.IsDone, results.Refusal);
        Assert.Equal(["盐湖区", "临猗县", "万荣县", "闻喜县", "夏县"], results.Value!.Counties.Select(c => c.Name));
        var wenxi = results.Value.Counties.Single(c => c.Code == "140823").Result;
        var pub = wenxi.For(SurveyGroup.Public)!;
        // Four counted sheets, one suspect (it adds to nothing else).
        Assert.Equal((4L, 1L), (pub.Counted, pub.Suspect));
        // Q3: answered by 4: 满意 1, 比较满意 1, 不太满意 1, 不了解 1 → 2 / 3 = 66.7 %, n = 3.
        var q3 = pub.Question(3)!;
        Assert.Equal(4, q3.Answered);
        Assert.Equal([1L, 1, 0, 1, 0, 1], q3.Options.Select(o => o.Count));
        Assert.Equal((2L, 3L), (q3.Index!.Satisfied, q3.Index.N));
        Assert.Equal(66.7m, q3.Index.Percent());
        // Q4: answered by 3: 比较满意, 不了解, 一般 → 1 / 2 = 50 %.
        Assert.Equal(50m, pub.Question(4)!.Index!.Percent());
        // Q11 (multiple): answered by 3; option 1 by 2, 2 by 2, 3 by 1, 5 by 1 → 66.7 %, 66.7 %, 33.3 %, 0 %, 33.3 %.
        Assert.Equal(3, pub.Question(11)!.Answered);
        Assert.Equal(["66.7%", "66.7%", "33.3%", "0.0%", "33.3%"], pub.Question(11)!.Options.Take(5).Select(o => o.ShareText));
        // Q12: 满意 2, 一般 1, 比较满意 1 → 3 / 4 = 75 %.
        Assert.Equal(75m, pub.Question(12)!.Index!.Percent());
        // Q5 nobody answered: unknown.
        Assert.False(pub.Question(5)!.Index!.IsKnown);
        // The group: (2 + 1 + 3) / (3 + 2 + 4) = 6 / 9 = 66.7 %, n = the largest n, 4.
        Assert.Equal((6L, 9L, 4L), (pub.Index.Satisfied, pub.Index.Answers, pub.Index.N));
        // Teachers: T03 满意, 比较满意 → 2 / 2; T11 不满意, 不了解 → 0 / 1. Group: 2 / 3 = 66.7 %, n = 2.
        var teacher = wenxi.For(SurveyGroup.Teacher)!;
        Assert.Equal((2L, 0L), (teacher.Counted, teacher.Suspect));
        Assert.Equal((2L, 3L, 2L), (teacher.Index.Satisfied, teacher.Index.Answers, teacher.Index.N));
        // 闻喜县 overall: 8 / 12 = 66.7 %, n = 4 + 2 = 6; students: nothing, unknown.
        Assert.Equal((8L, 12L, 6L), (wenxi.Index.Satisfied, wenxi.Index.Answers, wenxi.Index.N));
        Assert.False(wenxi.For(SurveyGroup.Student)!.Index.IsKnown);
        // 夏县: one sheet, 不满意 twice → 0 %, known (not unknown); 万荣县 nothing → unknown.
        var xia = results.Value.Counties.Single(c => c.Code == "140828").Result;
        Assert.Equal(0m, xia.Index.Percent());
        Assert.False(results.Value.Counties.Single(c => c.Code == "140822").Result.Index.IsKnown);
        Assert.Equal(RoundPhase.Open, results.Value.Round.Phase);
    }

    [Fact]
    public async Task A_county_user_reads_only_their_county_and_a_supervisor_the_region()
    {
        var roundId = await SeedFixtureAsync(_host);
        var (wenxiId, xiaId) = await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            return (await db.Regions.Where(r => r.Code == "140823").Select(r => r.Id).SingleAsync(), await db.Regions.Where(r => r.Code == "140828").Select(r => r.Id).SingleAsync());
        });
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);

        var own = await LoadAsync(roundId, wenxiId, official);
        var other = await LoadAsync(roundId, xiaId, official);
        var region = await LoadAsync(roundId, null, supervisor);

        Assert.True(own.IsDone);
        Assert.Equal(4, own.Value!.Counties.Single().Result.For(SurveyGroup.Public)!.Counted);
        Assert.Equal((OutcomeKind.NotFound, "survey-round-not-found"), (other.Kind, other.Reason?.Code)); // another county is as if it did not exist
        Assert.Equal(5, region.Value!.Counties.Count);
        var rounds = await _host.WithScopeAsync(s => s.GetRequiredService<SurveyRoundList>().LoadAsync(new SurveyViewer(official.Roles, official.RegionPath), 2021, default));
        Assert.Equal(1, Assert.Single(rounds).Counties);
    }

    private Task<Outcome<RoundResults>> LoadAsync(int roundId, int? countyId, Actor actor) => _host.WithScopeAsync(s =>
        s.GetRequiredService<SurveyResultsQuery>().LoadAsync(roundId, countyId, new SurveyViewer(actor.Roles, actor.RegionPath), default));

    private Task<Actor> ActorAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName, [role], user.Region.Path);
    });
}

public sealed class SqliteSurveyResultsTests : SurveyResultsTests<SqliteApplicationHost>;

public sealed class PostgresSurveyResultsTests : SurveyResultsTests<PostgresApplicationHost>;
