using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The public answers (issue 31, decision 0058) on both databases, with the shipped example survey (SX-2021-SAT: the public's
/// questionnaire has 13 questions — P01, P02 single, P03–P10 and P12 scale, P11 multiple of at most three, P13 open of at most
/// 500 characters) opened for 闻喜县 (140823) from 1 to 30 November 2021; the clock stands at 1 November 10:00.
/// </summary>
public abstract class SurveyAnswerTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    private Doors _doors = null!;

    private sealed record Doors(int RoundId, string Public, string Teacher, string Problems);

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        _doors = await OpenAsync(new DateOnly(2021, 11, 1), new DateOnly(2021, 11, 30), "140823");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    // A started stamp well past the minimum time (30 s by default).
    private static DateTimeOffset Started => ApplicationHost.Start.AddMinutes(-5);

    [Fact]
    public async Task A_sheet_is_stored_and_tallied_and_a_second_one_from_the_device_is_told_it_was_counted_once()
    {
        var values = Sheet(p01: 2, p03: 1, p11: [1, 4], open: "希望多建幼儿园");

        var first = await SubmitAsync(_doors.Public, "device-a", values);
        var second = await SubmitAsync(_doors.Public, "device-a", Sheet(p01: 3, p03: 5, p11: [2], open: null));

        Assert.True(first.IsDone, first.Refusal);
        Assert.False(first.Value!.CountedOnceAlready);
        Assert.Equal(SuspectReasons.None, first.Value.Suspect);
        Assert.True(second.IsDone, second.Refusal);
        Assert.True(second.Value!.CountedOnceAlready);
        Assert.Null(second.Value.AnswerId);
        var answers = await Db(db => db.SurveyAnswers.ToListAsync());
        var answer = Assert.Single(answers);
        Assert.Equal("1=2;2=1;3=1;4=1;5=1;6=1;7=1;8=1;9=1;10=1;11=1,4;12=1", answer.Choices);
        Assert.Equal(300, answer.Seconds);
        Assert.Equal("希望多建幼儿园", Assert.Single(await Db(db => db.SurveyOpenAnswers.ToListAsync())).Text);
        var tallies = await TalliesAsync();
        // One counted sheet; 12 questions answered; P01 option 2, P11 options 1 and 4; the open question is not tallied.
        Assert.Equal(1, tallies[(0, 0)]);
        Assert.False(tallies.ContainsKey((0, 1)));
        Assert.Equal(1, tallies[(1, 2)]);
        Assert.Equal(1, tallies[(11, 1)]);
        Assert.Equal(1, tallies[(11, 4)]);
        Assert.False(tallies.ContainsKey((13, 0)));
        Assert.Equal(1 + 12 * 2 + 1, tallies.Values.Sum()); // the sheet, 12 answered + 12 options, P11's second option
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Many_sheets_of_one_device_at_once_store_exactly_one(int count)
    {
        var results = await AtOnce.RunAsync(count, async (i, gate) =>
        {
            await gate();
            return await SubmitAsync(_doors.Public, "same-device", Sheet(p01: 1 + (i % 4), p03: 1, p11: [2], open: null));
        });

        Assert.All(results, r => Assert.True(r.IsDone, r.Refusal));
        Assert.Equal(1, results.Count(r => !r.Value!.CountedOnceAlready));
        Assert.Equal(1, await Db(db => db.SurveyAnswers.CountAsync()));
        var tallies = await TalliesAsync();
        Assert.Equal(1, tallies[(0, 0)]);
        Assert.Equal(1, tallies[(1, 0)]);
    }

    [Fact]
    public async Task Fifty_devices_at_once_give_tallies_equal_to_a_hand_count()
    {
        var sheets = Enumerable.Range(0, 50).Select(i => Sheet(p01: 1 + (i % 4), p03: 1 + (i % 6), p11: i % 3 == 0 ? [1] : [2, 3, 5], open: i % 5 == 0 ? "意见" + i : null)).ToList();

        var results = await AtOnce.RunAsync(50, async (i, gate) =>
        {
            await gate();
            return await SubmitAsync(_doors.Public, "device-" + i, sheets[i]);
        });

        Assert.All(results, r => Assert.True(r.IsDone && !r.Value!.CountedOnceAlready, r.Refusal));
        var tallies = await TalliesAsync();
        Assert.Equal(50, tallies[(0, 0)]);
        // Hand counts from the sheets sent: P01 (option i % 4 + 1), P03 (i % 6 + 1), P11 ([1] for every third, else 2, 3, 5).
        for (var option = 1; option <= 4; option++) Assert.Equal(Enumerable.Range(0, 50).Count(i => 1 + (i % 4) == option), tallies[(1, (short)option)]);
        for (var option = 1; option <= 6; option++) Assert.Equal(Enumerable.Range(0, 50).Count(i => 1 + (i % 6) == option), tallies[(3, (short)option)]);
        Assert.Equal(17, tallies[(11, 1)]);
        Assert.Equal(33, tallies[(11, 2)]);
        Assert.Equal(33, tallies[(11, 5)]);
        Assert.Equal(50, tallies[(11, 0)]);
        Assert.Equal(10, await Db(db => db.SurveyOpenAnswers.CountAsync()));
    }

    [Fact]
    public async Task Honeypot_too_fast_no_stamp_and_address_limit_are_kept_flagged_and_counted_as_suspect_only()
    {
        var values = Sheet(p01: 1, p03: 1, p11: [1], open: null);

        var honeypot = await SubmitAsync(_doors.Public, "d1", values, honeypot: true);
        var tooFast = await SubmitAsync(_doors.Public, "d2", values, started: ApplicationHost.Start.AddSeconds(-29));
        var justInTime = await SubmitAsync(_doors.Public, "d3", values, started: ApplicationHost.Start.AddSeconds(-30));
        var noStart = await SubmitAsync(_doors.Public, "d4", values, stamped: false);

        Assert.Equal(SuspectReasons.Honeypot, honeypot.Value!.Suspect);
        Assert.Equal(SuspectReasons.TooFast, tooFast.Value!.Suspect);
        Assert.Equal(SuspectReasons.None, justInTime.Value!.Suspect);
        Assert.Equal(SuspectReasons.NoStart, noStart.Value!.Suspect);
        var stored = await Db(db => db.SurveyAnswers.OrderBy(a => a.Id).Select(a => a.Suspect).ToListAsync());
        Assert.Equal([SuspectReasons.Honeypot, SuspectReasons.TooFast, SuspectReasons.None, SuspectReasons.NoStart], stored);
        var tallies = await TalliesAsync();
        Assert.Equal(1, tallies[(0, 0)]);
        Assert.Equal(3, tallies[(0, 1)]);
        Assert.Equal(1, tallies[(1, 1)]);
    }

    [Fact]
    public async Task Past_the_addresss_daily_allowance_sheets_are_kept_as_suspect()
    {
        // The default allowance is 200: the sheets stored so far from the address are counted (by its day's key).
        var key = await _host.WithScopeAsync(s => s.GetRequiredService<AddressKeys>().KeyOfAsync("203.0.113.9", default));
        await Db(async db =>
        {
            var link = await db.SurveyLinks.SingleAsync(l => l.Token == _doors.Public);
            for (var i = 0; i < 200; i++)
                db.SurveyAnswers.Add(new SurveyAnswer
                {
                    RoundId = link.RoundId, LinkId = link.Id, CountyId = link.CountyId, Group = SurveyGroup.Public, DeviceKey = $"{i:x64}",
                    AddressKey = key, SubmittedAtUtc = ApplicationHost.Start.UtcDateTime, Choices = "1=1",
                });
            return await db.SaveChangesAsync();
        });

        var over = await SubmitAsync(_doors.Public, "one-more", Sheet(p01: 1, p03: 1, p11: [1], open: null), address: "203.0.113.9");
        var elsewhere = await SubmitAsync(_doors.Public, "elsewhere", Sheet(p01: 1, p03: 1, p11: [1], open: null), address: "198.51.100.7");

        Assert.Equal(SuspectReasons.AddressLimit, over.Value!.Suspect);
        Assert.Equal(SuspectReasons.None, elsewhere.Value!.Suspect);
        var tallies = await TalliesAsync();
        Assert.Equal(1, tallies[(0, 0)]);
        Assert.Equal(1, tallies[(0, 1)]);
    }

    [Theory]
    [InlineData("required", "第 3 题", "还没有作答")]
    [InlineData("out-of-range", "第 1 题", "不在该题的选项中")]
    [InlineData("not-a-number", "第 1 题", "不在该题的选项中")]
    [InlineData("two-singles", "第 1 题", "只能选一项")]
    [InlineData("too-many", "第 11 题", "最多选 3 项")]
    [InlineData("too-long", "第 13 题", "最多 500 个字")]
    [InlineData("control", "第 13 题", "控制字符")]
    public async Task An_invalid_sheet_names_its_question_and_stores_nothing(string kind, string question, string says)
    {
        var values = Sheet(p01: 1, p03: 1, p11: [1], open: null).ToDictionary();
        switch (kind)
        {
            case "required": values.Remove(3); break;
            case "out-of-range": values[1] = ["5"]; break;
            case "not-a-number": values[1] = ["x"]; break;
            case "two-singles": values[1] = ["1", "2"]; break;
            case "too-many": values[11] = ["1", "2", "3", "4"]; break;
            case "too-long": values[13] = [new string('长', 501)]; break;
            default: values[13] = ["有\u0007铃"]; break;
        }

        var refused = await SubmitAsync(_doors.Public, "device-x", values);

        Assert.Equal(OutcomeKind.Invalid, refused.Kind);
        var problem = Assert.Single(refused.Problems);
        Assert.StartsWith(question, problem.Text);
        Assert.Contains(says, problem.Text);
        Assert.Equal("q" + question.Split(' ')[1], problem.Field);
        Assert.Equal(0, await Db(db => db.SurveyAnswers.CountAsync()));
        Assert.Equal(0, await Db(db => db.SurveyTallies.CountAsync()));
    }

    [Fact]
    public async Task A_round_not_open_is_refused_with_its_phase_and_unknown_or_problem_tokens_are_not_found()
    {
        var later = await OpenAsync(new DateOnly(2021, 12, 1), new DateOnly(2021, 12, 31), "140822");
        var values = Sheet(p01: 1, p03: 1, p11: [1], open: null);

        var notYet = await SubmitAsync(later.Public, "d", values);
        var problems = await SubmitAsync(_doors.Problems, "d", values);
        var unknown = await SubmitAsync("AAAAAAAAAAAAAAAAAAAAAA", "d", values);
        var malformed = await SubmitAsync("../../etc/passwd", "d", values);
        _host.Clock.SetUtcNow(new DateTimeOffset(2021, 11, 30, 16, 0, 0, TimeSpan.Zero)); // 1 December 00:00 in China
        var closed = await SubmitAsync(_doors.Public, "d", values);

        Assert.Equal("survey-not-yet-open", notYet.Reason?.Code);
        Assert.Contains("2021-12-01", notYet.Refusal);
        Assert.Equal("survey-closed", closed.Reason?.Code);
        Assert.All([problems, unknown, malformed], r => Assert.Equal(OutcomeKind.NotFound, r.Kind));
        Assert.Equal(0, await Db(db => db.SurveyAnswers.CountAsync()));
    }

    [Fact]
    public async Task The_teacher_door_tallies_under_its_own_group()
    {
        var teacher = await _host.WithScopeAsync(s => s.GetRequiredService<SurveyDoors>().FindAsync(_doors.Teacher, default));
        var values = teacher.Value!.Questionnaire.Questions.Where(q => q.Required)
            .ToDictionary(q => q.Number, q => (IReadOnlyList<string>)["1"]);

        var stored = await SubmitAsync(_doors.Teacher, "t", values);

        Assert.True(stored.IsDone, stored.Refusal);
        Assert.Equal(SurveyGroup.Teacher, await Db(db => db.SurveyTallies.Select(t => t.Group).Distinct().SingleAsync()));
    }

    private static IReadOnlyDictionary<int, IReadOnlyList<string>> Sheet(int p01, int p03, int[] p11, string? open)
    {
        var values = new Dictionary<int, IReadOnlyList<string>> { [1] = [p01.ToString()], [2] = ["1"], [3] = [p03.ToString()] };
        foreach (var scale in new[] { 4, 5, 6, 7, 8, 9, 10, 12 }) values[scale] = ["1"];
        values[11] = p11.Select(o => o.ToString()).ToList();
        if (open is not null) values[13] = [open];
        return values;
    }

    private Task<Outcome<AnswerReceipt>> SubmitAsync(string token, string device, IReadOnlyDictionary<int, IReadOnlyList<string>> values,
        bool honeypot = false, DateTimeOffset? started = null, string address = "192.0.2.1", bool stamped = true) =>
        _host.WithScopeAsync(s => s.GetRequiredService<SubmitAnswer>().HandleAsync(
            new SurveyAnswerInput(token, device, stamped ? started ?? Started : null, address, honeypot, values), default));

    private async Task<Dictionary<(short Question, short Option), long>> TalliesAsync() =>
        (await Db(db => db.SurveyTallies.Where(t => t.Group == SurveyGroup.Public).ToListAsync()))
            .GroupBy(t => (t.Question, t.Option)).ToDictionary(g => g.Key, g => g.Sum(t => t.Count));

    private Task<T> Db<T>(Func<EduDutyDbContext, Task<T>> use) => _host.WithScopeAsync(s => use(s.GetRequiredService<EduDutyDbContext>()));

    private async Task<Doors> OpenAsync(DateOnly from, DateOnly to, string region)
    {
        var opened = await _host.WithScopeAsync(async s =>
        {
            var example = await s.GetRequiredService<EduDutyDbContext>().SurveyDefinitions.Where(d => d.Code == BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync();
            return await s.GetRequiredService<OpenSurveyRound>().HandleAsync(new OpenSurveyInput(example, 2021, region, from, to), Actor.CommandLine, default);
        });
        Assert.True(opened.IsDone, opened.Refusal);
        var tokens = opened.Value!.Counties.Single().Tokens;
        return new Doors(opened.Value.RoundId, tokens[SurveyChannel.Public], tokens[SurveyChannel.Teacher], tokens[SurveyChannel.Problems]);
    }
}

public sealed class SqliteSurveyAnswerTests : SurveyAnswerTests<SqliteApplicationHost>;

public sealed class PostgresSurveyAnswerTests : SurveyAnswerTests<PostgresApplicationHost>;
