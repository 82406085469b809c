using System.Diagnostics;
using System.Text.Json.Nodes;
using EduDuty.Application.Surveys;
using EduDuty.Core.Security;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The admin's survey files and rounds (issue 31, part A) on both databases. The reference regions: 山西省 (140000) has 运城市
/// (140800: 盐湖区 140802, 临猗县 140821, 万荣县 140822, 闻喜县 140823, 夏县 140828) and 晋城市 (140500: 泽州县 140525). The
/// shipped example (SX-2021-SAT) has three groups, so each county gets four doors.
/// </summary>
public abstract class SurveyAdminTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private static readonly Actor Province = new("sx-admin", "山西省管理员", [Roles.Admin], "/140000/");
    private static readonly Actor Yuncheng = new("yc-admin", "运城市管理员", [Roles.Admin], "/140000/140800/");
    private static readonly Actor Jincheng = new("jc-admin", "晋城市管理员", [Roles.Admin], "/140000/140500/");
    private static readonly string[] Counties = ["140802", "140821", "140822", "140823", "140828", "140525"];
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task An_upload_is_stored_as_the_next_version_of_its_code_and_audited_and_the_first_is_kept()
    {
        var first = await UploadAsync(File("YC-2021", "运城市满意度调查"), Yuncheng);
        var second = await UploadAsync(File("YC-2021", "运城市满意度调查（修订）"), Yuncheng);
        var same = await UploadAsync(File("YC-2021", "运城市满意度调查（修订）"), Yuncheng);

        Assert.True(first.IsDone, first.Refusal);
        Assert.True(second.IsDone, second.Refusal);
        Assert.Equal("survey-unchanged", same.Reason?.Code);
        var stored = await Db(db => db.SurveyDefinitions.Where(d => d.Code == "YC-2021").OrderBy(d => d.Version)
            .Select(d => new { d.Version, d.Title, Owner = db.Regions.Where(r => r.Id == d.OwnerRegionId).Select(r => r.Code).Single() }).ToListAsync());
        Assert.Equal([(1, "运城市满意度调查", "140800"), (2, "运城市满意度调查（修订）", "140800")], stored.Select(s => (s.Version, s.Title, s.Owner)));
        var audit = await Db(db => db.AdminAuditEntries.Where(a => a.Action == AdminAction.UploadSurvey).OrderBy(a => a.Id).Select(a => a.After).ToListAsync());
        Assert.Equal(["第1版：3 份问卷，35 道题", "第2版：3 份问卷，35 道题"], audit);
        // The province sees its city's versions; the other city does not.
        Assert.Contains((await ListAsync(Province)), v => v.Code == "YC-2021");
        Assert.DoesNotContain((await ListAsync(Jincheng)), v => v.Code == "YC-2021");
    }

    [Fact]
    public async Task An_invalid_file_is_refused_with_each_problem_named_and_nothing_is_stored()
    {
        var json = JsonNode.Parse(File("BAD", "坏文件"))!.AsObject();
        json["year"] = 1999;
        json["questionnaires"]![0]!["group"] = "parents";
        var mapped = JsonNode.Parse(File("MAP", "映射"))!.AsObject();
        mapped["questionnaires"]![0]!["field"] = "NOPE";
        var before = await CountsAsync();

        var invalid = await UploadAsync(json.ToJsonString(), Province);
        var unmapped = await UploadAsync(mapped.ToJsonString(), Province);

        Assert.Equal(OutcomeKind.Invalid, invalid.Kind);
        Assert.Equal(["year：年度应为 2000 至 2100 之间的整数，或不写", "questionnaires[1].group：应为 public（社会人士）、teacher（教师）或 student（学生）"], invalid.Problems.Select(p => p.Text));
        Assert.Equal(["社会人士问卷的 field：方案 SX-2021 中没有指标“NOPE”"], unmapped.Problems.Select(p => p.Text));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_city_admin_cannot_add_a_version_to_a_provinces_survey_nor_to_the_shipped_example()
    {
        Assert.True((await UploadAsync(File("SX-PROV", "全省调查"), Province)).IsDone);
        var before = await CountsAsync();

        var province = await UploadAsync(File("SX-PROV", "运城改的全省调查"), Yuncheng);
        var example = await UploadAsync(File(BuiltInSurveys.ExampleCode, "改示例"), Province);

        Assert.Equal("survey-code-taken", province.Reason?.Code);
        Assert.Equal("survey-code-taken", example.Reason?.Code);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Opening_is_refused_outside_the_admins_region_and_for_a_period_that_ends_before_it_begins()
    {
        var example = await ExampleIdAsync();

        var elsewhere = await OpenAsync(Jincheng, example, "140823");
        var backwards = await OpenAsync(Yuncheng, example, "140823", new DateOnly(2021, 11, 30), new DateOnly(2021, 11, 1));
        var past = await OpenAsync(Yuncheng, example, "140823", new DateOnly(2021, 10, 1), new DateOnly(2021, 10, 31));
        var own = await OpenAsync(Yuncheng, example, "140823");

        Assert.Equal("survey-out-of-scope", elsewhere.Reason?.Code);
        Assert.Equal(["结束日期不能早于开始日期。"], backwards.Problems.Select(p => p.Text));
        Assert.Equal(["结束日期已过，请选择今天或以后的日期。"], past.Problems.Select(p => p.Text));
        Assert.True(own.IsDone, own.Refusal);
        Assert.Equal(1, await Db(db => db.SurveyRounds.CountAsync()));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Overlapping_openings_at_once_put_each_county_in_exactly_one_round_and_refuse_the_others_by_name(int count)
    {
        var example = await ExampleIdAsync();
        // Each county on its own, its city and the province, over and over: every county is claimed by someone.
        string[] regions = [.. Counties, "140800", "140000"];

        var outcomes = await AtOnce.RunAsync(count, async (i, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var open = scope.ServiceProvider.GetRequiredService<OpenSurveyRound>();
            await gate();
            return await open.HandleAsync(new OpenSurveyInput(example, 2021, regions[i % regions.Length], new DateOnly(2021, 11, 1), new DateOnly(2021, 11, 30)), Actor.CommandLine, default);
        });

        var links = await Db(db => db.SurveyLinks.Select(l => new { l.RoundId, l.County.Code }).ToListAsync());
        Assert.Equal(Counties.Order(), links.Select(l => l.Code).Distinct().Order());
        Assert.All(links.GroupBy(l => l.Code), g => Assert.Equal((1, 4), (g.Select(l => l.RoundId).Distinct().Count(), g.Count())));
        var done = outcomes.Where(o => o.IsDone).ToList();
        Assert.Equal(done.Count, await Db(db => db.SurveyRounds.CountAsync()));
        Assert.Equal(6, done.Sum(o => o.Value!.Counties.Count));
        Assert.All(outcomes.Where(o => !o.IsDone), o =>
        {
            Assert.Equal(OutcomeKind.Invalid, o.Kind);
            Assert.Matches("^(盐湖区|临猗县|万荣县|闻喜县|夏县|泽州县)(、.+)?已在 2021 年度的另一次调查中", o.Problems.Single().Text);
        });
        Assert.Equal(done.Count, await Db(db => db.AdminAuditEntries.CountAsync(a => a.Action == AdminAction.OpenSurvey)));
    }

    [Fact]
    public async Task Closing_early_sets_the_time_raises_the_version_and_is_audited_and_a_stale_version_or_a_second_close_is_refused()
    {
        var round = (await OpenAsync(Yuncheng, await ExampleIdAsync(), "140800")).Value!.RoundId;

        var stale = await CloseAsync(round, 3, Yuncheng);
        var other = await CloseAsync(round, 0, Jincheng);
        var closed = await CloseAsync(round, 0, Yuncheng);
        var again = await CloseAsync(round, 1, Yuncheng);

        Assert.Equal((OutcomeKind.Conflict, "row-changed"), (stale.Kind, stale.Reason?.Code));
        Assert.Equal(OutcomeKind.NotFound, other.Kind);
        Assert.True(closed.IsDone, closed.Refusal);
        Assert.Equal("survey-already-closed", again.Reason?.Code);
        var stored = await Db(db => db.SurveyRounds.SingleAsync(r => r.Id == round));
        Assert.Equal((_host.Clock.GetUtcNow().UtcDateTime, 1), (stored.ClosedEarlyAtUtc!.Value, stored.Version));
        Assert.Equal(1, await Db(db => db.AdminAuditEntries.CountAsync(a => a.Action == AdminAction.CloseSurvey)));
        var detail = await _host.WithScopeAsync(s => s.GetRequiredService<SurveyAdministration>().RoundAsync(round, Province, default));
        Assert.Equal(RoundPhase.Closed, detail.Value!.Phase);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Closes_at_once_close_the_round_once(int count)
    {
        var round = (await OpenAsync(Yuncheng, await ExampleIdAsync(), "140800")).Value!.RoundId;

        var outcomes = await AtOnce.RunAsync(count, async (_, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var surveys = scope.ServiceProvider.GetRequiredService<SurveyAdministration>();
            await gate();
            return await surveys.CloseAsync(round, 0, Yuncheng, default);
        });

        Assert.Single(outcomes, o => o.IsDone);
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.Contains(o.Reason?.Code, new[] { "row-changed", "survey-already-closed" }));
        Assert.Equal(1, await Db(db => db.AdminAuditEntries.CountAsync(a => a.Action == AdminAction.CloseSurvey)));
    }

    [Fact]
    public async Task The_rounds_list_counts_the_counted_sheets_and_the_round_page_lists_each_countys_doors()
    {
        var round = (await OpenAsync(Yuncheng, await ExampleIdAsync(), "140800")).Value!.RoundId;
        var wenxi = await Db(db => db.Regions.Where(r => r.Code == "140823").Select(r => r.Id).SingleAsync());
        await Db(async db =>
        {
            // Counted sheets are tally rows (0, 0) spread over shards; a suspect one is (0, 1) and is not an answer.
            db.SurveyTallies.AddRange(
                new SurveyTally { RoundId = round, CountyId = wenxi, Group = SurveyGroup.Public, Question = 0, Option = 0, Shard = 0, Count = 5 },
                new SurveyTally { RoundId = round, CountyId = wenxi, Group = SurveyGroup.Teacher, Question = 0, Option = 0, Shard = 3, Count = 2 },
                new SurveyTally { RoundId = round, CountyId = wenxi, Group = SurveyGroup.Public, Question = 0, Option = 1, Shard = 0, Count = 9 });
            return await db.SaveChangesAsync();
        });

        var rounds = await _host.WithScopeAsync(s => s.GetRequiredService<SurveyAdministration>().RoundsAsync(Yuncheng, default));
        var detail = (await _host.WithScopeAsync(s => s.GetRequiredService<SurveyAdministration>().RoundAsync(round, Yuncheng, default))).Value!;
        var hidden = await _host.WithScopeAsync(s => s.GetRequiredService<SurveyAdministration>().RoundsAsync(Jincheng, default));

        Assert.Equal(("运城市", 5, 7L, RoundPhase.Open), (rounds.Single().Region, rounds.Single().Counties, rounds.Single().Answers, rounds.Single().Phase));
        Assert.Empty(hidden);
        Assert.Equal(["140802", "140821", "140822", "140823", "140828"], detail.Counties.Select(c => c.Code));
        var county = detail.Counties.Single(c => c.Code == "140823");
        Assert.Equal((7L, "闻喜县"), (county.Answers, county.Name));
        Assert.Equal(["社会人士", "教师", "学生", "问题线索"], county.Doors.Select(d => d.Name));
        Assert.Matches("^/public/survey/[A-Za-z0-9_-]{22}$", county.Doors[0].Path);
        Assert.Matches("^/public/problems/[A-Za-z0-9_-]{22}$", county.Doors[3].Path);
        Assert.Equal("2021年11月1日至2021年11月30日", detail.Period);
    }

    [Fact]
    public async Task The_poster_is_one_a4_page_naming_the_survey_the_county_the_period_and_each_group()
    {
        var round = (await OpenAsync(Yuncheng, await ExampleIdAsync(), "140800")).Value!.RoundId;
        var detail = (await _host.WithScopeAsync(s => s.GetRequiredService<SurveyAdministration>().RoundAsync(round, Yuncheng, default))).Value!;
        var wenxi = detail.Counties.Single(c => c.Code == "140823");

        var pdf = await _host.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<SurveyPosters>().Render(detail, wenxi.Id, p => "https://edu.example.cn" + p)));

        Assert.True(pdf.IsDone, pdf.Refusal);
        var path = Path.Combine(Path.GetTempPath(), $"poster-{Guid.NewGuid():N}.pdf");
        await System.IO.File.WriteAllBytesAsync(path, pdf.Value!);
        // EDUDUTY_POSTER_OUT=folder keeps a copy to look at (pdftoppm -r 60).
        if (Environment.GetEnvironmentVariable("EDUDUTY_POSTER_OUT") is { Length: > 0 } keep) System.IO.File.Copy(path, Path.Combine(keep, $"poster-{typeof(THost).Name}.pdf"), overwrite: true);
        try
        {
            var text = Run("pdftotext", "-layout", path, "-");
            var info = Run("pdfinfo", path);
            Assert.Contains("Pages:           1", info, StringComparison.Ordinal);
            Assert.Contains("595.28 x 841.89 pts (A4)", info, StringComparison.Ordinal);
            var flat = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
            foreach (var expected in new[] { "山西省县级政府履行教育职责满意度调查（示例）", "闻喜县", "2021年11月1日至2021年11月30日", "社会人士问卷", "教师问卷", "学生问卷", "问题线索", "调查匿名进行" })
                Assert.Contains(expected, flat, StringComparison.Ordinal);
            Assert.Contains(wenxi.Doors[0].Path, flat, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(path);
        }
    }

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    // The shipped example with another code and title: a valid file of 13 + 12 + 10 questions.
    private static string File(string code, string title)
    {
        var json = JsonNode.Parse(BuiltInSurveys.Files.Values.Single())!.AsObject();
        json["code"] = code;
        json["title"] = title;
        json["example"] = false;
        return json.ToJsonString();
    }

    private Task<Outcome<SurveyVersionItem>> UploadAsync(string json, Actor actor) =>
        _host.WithScopeAsync(s => s.GetRequiredService<SurveyAdministration>().UploadAsync(json, actor, default));

    private Task<IReadOnlyList<SurveyVersionItem>> ListAsync(Actor actor) =>
        _host.WithScopeAsync(s => s.GetRequiredService<SurveyAdministration>().ListAsync(actor, default));

    private Task<Outcome<OpenedRound>> OpenAsync(Actor actor, int definition, string region, DateOnly? from = null, DateOnly? to = null) =>
        _host.WithScopeAsync(s => s.GetRequiredService<OpenSurveyRound>().HandleAsync(
            new OpenSurveyInput(definition, 2021, region, from ?? new DateOnly(2021, 11, 1), to ?? new DateOnly(2021, 11, 30)), actor, default));

    private Task<Outcome<Unit>> CloseAsync(int round, int version, Actor actor) =>
        _host.WithScopeAsync(s => s.GetRequiredService<SurveyAdministration>().CloseAsync(round, version, actor, default));

    private Task<int> ExampleIdAsync() => Db(db => db.SurveyDefinitions.Where(d => d.Code == BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync());

    private Task<(int, int)> CountsAsync() => Db(async db => (await db.SurveyDefinitions.CountAsync(), await db.AdminAuditEntries.CountAsync()));

    private Task<T> Db<T>(Func<EduDutyDbContext, Task<T>> use) => _host.WithScopeAsync(s => use(s.GetRequiredService<EduDutyDbContext>()));
}

public sealed class SqliteSurveyAdminTests : SurveyAdminTests<SqliteApplicationHost>;

public sealed class PostgresSurveyAdminTests : SurveyAdminTests<PostgresApplicationHost>;
