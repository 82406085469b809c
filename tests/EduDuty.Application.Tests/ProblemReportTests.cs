using EduDuty.Application.Surveys;
using EduDuty.Application.Surveys.Problems;
using EduDuty.Core.Security;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Problem reports (问题线索, issue 31 part D, decision 0060) on both databases. The round: the example survey for 运城市 (140800)
/// from 1 to 30 November 2021, the clock at 1 November 10:00 China; the door is 闻喜县's (140823). Supervisors: 运城市督导员
/// (140800) sees it, 晋城市督导员 (140500) does not; the county, the department and the province's admin get nothing.
/// Limits: 10 reports per address and day, contacts kept 180 days (the defaults).
/// </summary>
public abstract class ProblemReportTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private const string ReferenceShape = "^[2-9A-HJKMNP-Z]{12}$";

    private readonly THost _host = new();
    private string _token = null!;
    private string _questionnaireToken = null!;

    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        var example = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().SurveyDefinitions
            .Where(d => d.Code == BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync());
        var opened = await _host.WithScopeAsync(s => s.GetRequiredService<OpenSurveyRound>().HandleAsync(
            new OpenSurveyInput(example, 2021, "140800", new DateOnly(2021, 11, 1), new DateOnly(2021, 11, 30)), Actor.CommandLine, default));
        var wenxi = opened.Value!.Counties.Single(c => c.Code == "140823");
        _token = wenxi.Tokens[SurveyChannel.Problems];
        _questionnaireToken = wenxi.Tokens[SurveyChannel.Public];
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_valid_report_is_stored_pending_with_a_reference_to_read_aloud_and_the_address_only_hashed()
    {
        var receipt = await SubmitAsync(Input(contactName: "李先生", contactPhone: "139 1234-5678"));

        Assert.True(receipt.IsDone, receipt.Refusal);
        Assert.Matches(ReferenceShape, receipt.Value!.Reference);
        Assert.Equal("闻喜县", receipt.Value.CountyName);
        var stored = await Db(db => db.ProblemReports.Include(p => p.County).SingleAsync());
        Assert.Equal((receipt.Value.Reference, "闻喜县", "教育收费", ProblemStatus.Pending), (stored.Reference, stored.County.Name, stored.Category, stored.Status));
        Assert.Equal(("李先生", "139 1234-5678"), (stored.ContactName, stored.ContactPhone));
        Assert.Matches("^[0-9a-f]{64}$", stored.AddressKey);
        Assert.DoesNotContain("203.0.113.7", stored.AddressKey);
    }

    [Fact]
    public async Task The_hourly_purge_deletes_a_past_days_address_salt_even_when_no_report_or_answer_comes_after_it()
    {
        // Attacker review: the salt was deleted only by the first use of a later day; a last day without a successor kept its
        // salt, and with it every address key of that day could be tested against all IPv4 addresses.
        Assert.True((await SubmitAsync(Input())).IsDone);
        Assert.Equal(1, await Db(db => db.SurveySalts.CountAsync()));
        Assert.True((await PurgeAsync()).IsDone);
        Assert.Equal(1, await Db(db => db.SurveySalts.CountAsync())); // today's salt is still needed today
        _host.Clock.Advance(TimeSpan.FromDays(1));

        Assert.True((await PurgeAsync()).IsDone);

        Assert.Equal(0, await Db(db => db.SurveySalts.CountAsync()));
    }

    [Theory]
    [InlineData("", "学校乱收费", null, "Category")]
    [InlineData("不存在的类别", "学校乱收费", null, "Category")]
    [InlineData("教育收费", "   ", null, "Text")]
    [InlineData("教育收费", "学校乱收费", "电话 12345", "ContactPhone")]
    [InlineData("教育收费", "学校\u0007乱收费", null, "Text")] // attacker review: control characters and direction marks
    [InlineData("教育收费", "学校\u202E费收乱", null, "Text")]
    public async Task An_invalid_report_names_the_field_and_stores_nothing(string category, string text, string? phone, string field)
    {
        var outcome = await SubmitAsync(Input(category, text, contactPhone: phone));

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        Assert.Equal([field], outcome.Problems.Select(p => p.Field));
        Assert.Equal(0, await Db(db => db.ProblemReports.CountAsync()));
    }

    [Fact]
    public async Task Texts_over_their_bounds_are_refused_by_field()
    {
        var outcome = await SubmitAsync(Input(text: new string('问', 2001), contactName: new string('李', 51)));

        Assert.Equal(["Text", "ContactName"], outcome.Problems.Select(p => p.Field));
        Assert.Contains("2000", outcome.Problems[0].Text);
        Assert.True((await SubmitAsync(Input(text: new string('问', 2000), contactName: new string('李', 50)))).IsDone);
    }

    [Fact]
    public async Task A_filled_honeypot_is_answered_like_a_report_and_nothing_is_stored()
    {
        var outcome = await SubmitAsync(Input() with { Honeypot = "http://spam.example" });

        Assert.True(outcome.IsDone);
        Assert.Matches(ReferenceShape, outcome.Value!.Reference);
        Assert.Equal(0, await Db(db => db.ProblemReports.CountAsync()));
    }

    [Fact]
    public async Task The_eleventh_report_of_an_address_in_a_day_is_refused_and_another_address_or_the_next_day_is_not()
    {
        for (var i = 0; i < 10; i++) Assert.True((await SubmitAsync(Input())).IsDone);

        var eleventh = await SubmitAsync(Input());
        var other = await SubmitAsync(Input() with { Address = "198.51.100.1" });
        _host.Clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = await SubmitAsync(Input());

        Assert.Equal("problem-reports-per-address", eleventh.Reason?.Code);
        Assert.Contains("明天", eleventh.Refusal);
        Assert.True(other.IsDone);
        Assert.True(tomorrow.IsDone);
        Assert.Equal(12, await Db(db => db.ProblemReports.CountAsync()));
    }

    [Theory]
    [InlineData(8, 7, 3)]
    [InlineData(50, 0, 10)]
    public async Task Reports_from_one_address_at_once_never_pass_the_daily_limit(int atOnce, int before, int expected)
    {
        for (var i = 0; i < before; i++) Assert.True((await SubmitAsync(Input())).IsDone);

        var outcomes = await AtOnce.RunAsync(atOnce, async (_, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var submit = scope.ServiceProvider.GetRequiredService<SubmitProblemReport>();
            await gate();
            return await submit.HandleAsync(Input() with { Token = _token }, default);
        });

        Assert.Equal(expected, outcomes.Count(o => o.IsDone));
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.True(o.Reason?.Code is "problem-reports-per-address" or "save-failed", o.Reason?.Code));
        Assert.Equal(before + expected, await Db(db => db.ProblemReports.CountAsync()));
    }

    [Fact]
    public async Task A_round_not_open_says_its_phase_and_wrong_tokens_are_not_found()
    {
        _host.Clock.SetUtcNow(new DateTimeOffset(2021, 12, 1, 2, 0, 0, TimeSpan.Zero)); // 1 December, 10:00 China
        var late = await SubmitAsync(Input());
        var questionnaire = await SubmitAsync(Input() with { Token = _questionnaireToken });
        var malformed = await SubmitAsync(Input() with { Token = "short'; --" });
        var unknown = await SubmitAsync(Input() with { Token = new string('A', 22) });

        Assert.Equal("problem-round-not-open", late.Reason?.Code);
        Assert.Contains("已结束", late.Refusal);
        Assert.Contains("2021年11月30日", late.Refusal);
        Assert.All([questionnaire, malformed, unknown], o => Assert.Equal(OutcomeKind.NotFound, o.Kind));
        Assert.Equal(0, await Db(db => db.ProblemReports.CountAsync()));
    }

    [Fact]
    public async Task A_supervisor_step_moves_the_state_stores_the_note_and_audits_without_the_text_or_contact()
    {
        var id = await StoredReportAsync();
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);

        var step = await StepAsync(new ProblemStepInput(id, ProblemStatus.Referred, "已转县教育局核查，2021年11月2日", 0), supervisor);

        Assert.True(step.IsDone, step.Refusal);
        var report = await Db(db => db.ProblemReports.SingleAsync(p => p.Id == id));
        Assert.Equal((ProblemStatus.Referred, 1, "运城市督导员"), (report.Status, report.Version, report.UpdatedByName));
        var note = await Db(db => db.ProblemReportNotes.SingleAsync(n => n.ReportId == id));
        Assert.Equal((ProblemStatus.Pending, ProblemStatus.Referred, "已转县教育局核查，2021年11月2日"), (note.FromStatus, note.ToStatus, note.Text));
        var entry = await Db(db => db.AdminAuditEntries.SingleAsync(a => a.Action == AdminAction.ProblemReportStep));
        Assert.Equal(($"问题线索 {report.Reference}（闻喜县）", "待核实", "已转办", "/140000/140800/140823/"), (entry.Target, entry.Before, entry.After, entry.RegionPath));
        Assert.DoesNotContain("收费", entry.Target + entry.Before + entry.After);
        Assert.DoesNotContain("李", entry.Target + entry.Before + entry.After);
        Assert.DoesNotContain("1391234", entry.Target + entry.Before + entry.After);
    }

    [Fact]
    public async Task A_note_is_required_for_unfounded_and_referred_and_a_step_must_change_something()
    {
        var id = await StoredReportAsync();
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);

        var unfounded = await StepAsync(new ProblemStepInput(id, ProblemStatus.Unfounded, " ", 0), supervisor);
        var empty = await StepAsync(new ProblemStepInput(id, ProblemStatus.Pending, null, 0), supervisor);
        var tooLong = await StepAsync(new ProblemStepInput(id, ProblemStatus.Confirmed, new string('注', 1001), 0), supervisor);
        var confirmed = await StepAsync(new ProblemStepInput(id, ProblemStatus.Confirmed, null, 0), supervisor);

        Assert.Equal(["Note"], unfounded.Problems.Select(p => p.Field));
        Assert.Equal(["Note"], empty.Problems.Select(p => p.Field));
        Assert.Equal(["Note"], tooLong.Problems.Select(p => p.Field));
        Assert.True(confirmed.IsDone, confirmed.Refusal);
        Assert.Equal(1, await Db(db => db.ProblemReportNotes.CountAsync()));
    }

    [Fact]
    public async Task A_step_on_an_older_version_is_a_conflict_naming_who_changed_it()
    {
        var id = await StoredReportAsync();
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        Assert.True((await StepAsync(new ProblemStepInput(id, ProblemStatus.Confirmed, "核实属实", 0), supervisor)).IsDone);

        var stale = await StepAsync(new ProblemStepInput(id, ProblemStatus.Unfounded, "查无此事", 0), supervisor);

        Assert.Equal(OutcomeKind.Conflict, stale.Kind);
        Assert.Contains("运城市督导员", stale.Refusal);
        Assert.Equal(ProblemStatus.Confirmed, await Db(db => db.ProblemReports.Where(p => p.Id == id).Select(p => p.Status).SingleAsync()));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task State_changes_at_once_on_one_version_let_exactly_one_through(int atOnce)
    {
        var id = await StoredReportAsync();
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);

        var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var step = scope.ServiceProvider.GetRequiredService<StepProblemReport>();
            await gate();
            return await step.HandleAsync(new ProblemStepInput(id, i % 2 == 0 ? ProblemStatus.Confirmed : ProblemStatus.Referred, $"第 {i} 位", 0), supervisor, default);
        });

        Assert.Equal(1, outcomes.Count(o => o.IsDone));
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.Equal(OutcomeKind.Conflict, o.Kind));
        Assert.Equal(1, await Db(db => db.ProblemReportNotes.CountAsync(n => n.ReportId == id)));
        Assert.Equal(1, await Db(db => db.AdminAuditEntries.CountAsync(a => a.Action == AdminAction.ProblemReportStep)));
        Assert.Equal(1, await Db(db => db.ProblemReports.Where(p => p.Id == id).Select(p => p.Version).SingleAsync()));
    }

    [Fact]
    public async Task Only_the_regions_supervisors_reach_a_report_another_citys_is_not_found_every_other_role_refused()
    {
        var id = await StoredReportAsync();
        var yuncheng = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        var jincheng = await ActorAsync("jincheng.supervisor", Roles.Supervisor);

        Assert.True((await DetailAsync(yuncheng, id)).IsDone);
        Assert.Equal(OutcomeKind.NotFound, (await DetailAsync(jincheng, id)).Kind);
        Assert.Equal(OutcomeKind.NotFound, (await StepAsync(new ProblemStepInput(id, ProblemStatus.Confirmed, null, 0), jincheng)).Kind);
        Assert.Empty((await ListAsync(jincheng)).Value!.Page.Items);
        Assert.Equal([id], (await ListAsync(yuncheng)).Value!.Page.Items.Select(r => r.Id));
        foreach (var (user, role) in new[] { ("wenxi.official", Roles.CountyOfficial), ("wenxi.lead", Roles.CountyLead), ("wenxi.caizheng", Roles.DepartmentOfficial), ("shanxi.admin", Roles.Admin) })
        {
            var actor = await ActorAsync(user, role);
            Assert.Equal("problems-only-supervisors", (await DetailAsync(actor, id)).Reason?.Code);
            Assert.Equal("problems-only-supervisors", (await ListAsync(actor)).Reason?.Code);
            Assert.Equal("problems-only-supervisors", (await StepAsync(new ProblemStepInput(id, ProblemStatus.Confirmed, null, 0), actor)).Reason?.Code);
            Assert.Empty(await _host.WithScopeAsync(s => s.GetRequiredService<ProblemReportsQuery>().CountsAsync(actor, "/140000/", 2021, default)));
        }

        Assert.Equal(0, await Db(db => db.ProblemReportNotes.CountAsync()));
    }

    [Fact]
    public async Task The_list_filters_counts_by_state_and_the_overview_counts_per_county()
    {
        var first = await StoredReportAsync();
        await StoredReportAsync();
        Assert.True((await SubmitAsync(Input("校园安全", "校门口交通拥堵"))).IsDone);
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        Assert.True((await StepAsync(new ProblemStepInput(first, ProblemStatus.Confirmed, null, 0), supervisor)).IsDone);

        var all = (await ListAsync(supervisor)).Value!;
        var safety = (await ListAsync(supervisor, new ProblemFilter(Category: "校园安全"))).Value!;
        var pending = (await ListAsync(supervisor, new ProblemFilter(Status: ProblemStatus.Pending))).Value!;
        var searched = (await ListAsync(supervisor, new ProblemFilter(Search: "交通"))).Value!;
        var counts = await _host.WithScopeAsync(s => s.GetRequiredService<ProblemReportsQuery>().CountsAsync(supervisor, "/140000/140800/", 2021, default));

        Assert.Equal(3, all.Page.Total);
        Assert.Equal((2, 1), (all.ByStatus[ProblemStatus.Pending], all.ByStatus[ProblemStatus.Confirmed]));
        Assert.Equal(["校园安全"], safety.Page.Items.Select(r => r.Category));
        Assert.Equal(2, pending.Page.Items.Count);
        Assert.Single(searched.Page.Items);
        Assert.Equal(5, all.Counties.Count);
        Assert.Equal([new ProblemCount(counts[0].CountyId, "140823", "闻喜县", 3, 2)], counts);
    }

    [Fact]
    public async Task Contacts_older_than_the_retention_are_purged_once_and_audited_with_the_count()
    {
        var old = await StoredReportAsync();
        var none = await SubmitAsync(Input());
        _host.Clock.Advance(TimeSpan.FromDays(20));
        var recent = await StoredReportAsync();
        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);

        _host.Clock.Advance(TimeSpan.FromDays(160)); // the first report is 180 days old: not yet "more than"
        Assert.Equal(0, (await PurgeAsync()).Value);
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        var purged = await PurgeAsync();
        var again = await PurgeAsync();

        Assert.Equal((1, 0), (purged.Value, again.Value));
        var reports = await Db(db => db.ProblemReports.OrderBy(p => p.Id).ToListAsync());
        Assert.Equal((null, null), (reports[0].ContactName, reports[0].ContactPhone));
        Assert.NotNull(reports[0].ContactPurgedAtUtc);
        Assert.Null(reports[1].ContactPurgedAtUtc); // gave no contact: nothing to purge
        Assert.Equal("李先生", reports[2].ContactName);
        var entry = await Db(db => db.AdminAuditEntries.SingleAsync(a => a.Action == AdminAction.PurgeProblemContacts));
        Assert.Contains("1 条", entry.After);
        Assert.Equal("/140000/140800/140823/", entry.RegionPath);
        var detail = (await DetailAsync(supervisor, old)).Value!;
        Assert.Equal((null, null), (detail.ContactName, detail.ContactPhone));
        Assert.NotNull(detail.ContactPurgedAtUtc);
        Assert.Equal("李先生", (await DetailAsync(supervisor, recent)).Value!.ContactName);
        Assert.True(none.IsDone);
    }

    private static ProblemReportInput Input(string category = "教育收费", string text = "学校要求家长购买指定教辅资料。", string? contactName = null, string? contactPhone = null) =>
        new(string.Empty, category, text, contactName, contactPhone, null, "203.0.113.7");

    private Task<Outcome<ProblemReceipt>> SubmitAsync(ProblemReportInput input) => _host.WithScopeAsync(s =>
        s.GetRequiredService<SubmitProblemReport>().HandleAsync(input.Token.Length == 0 ? input with { Token = _token } : input, default));

    private async Task<long> StoredReportAsync()
    {
        var receipt = await SubmitAsync(Input(contactName: "李先生", contactPhone: "13912345678") with { Address = Guid.NewGuid().ToString() });
        Assert.True(receipt.IsDone, receipt.Refusal);
        return await Db(db => db.ProblemReports.Where(p => p.Reference == receipt.Value!.Reference).Select(p => p.Id).SingleAsync());
    }

    private Task<Outcome<ProblemStatus>> StepAsync(ProblemStepInput input, Actor actor) =>
        _host.WithScopeAsync(s => s.GetRequiredService<StepProblemReport>().HandleAsync(input, actor, default));

    private Task<Outcome<ProblemDetail>> DetailAsync(Actor actor, long id) =>
        _host.WithScopeAsync(s => s.GetRequiredService<ProblemReportsQuery>().DetailAsync(actor, id, default));

    private Task<Outcome<ProblemList>> ListAsync(Actor actor, ProblemFilter? filter = null) =>
        _host.WithScopeAsync(s => s.GetRequiredService<ProblemReportsQuery>().ListAsync(actor, filter ?? new ProblemFilter(), 1, default));

    private Task<Outcome<int>> PurgeAsync() => _host.WithScopeAsync(s => s.GetRequiredService<PurgeProblemContacts>().RunAsync(default));

    private Task<T> Db<T>(Func<EduDutyDbContext, Task<T>> query) => _host.WithScopeAsync(s => query(s.GetRequiredService<EduDutyDbContext>()));

    private Task<Actor> ActorAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName, [role], user.Region.Path);
    });
}

public sealed class SqliteProblemReportTests : ProblemReportTests<SqliteApplicationHost>;

public sealed class PostgresProblemReportTests : ProblemReportTests<PostgresApplicationHost>;
