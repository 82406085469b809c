using System.Text.Json;
using EduDuty.Application.Departments;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Audit;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Core.Departments;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Issue 30, part C: the county's review of its departments' parts on both databases — accept and return (a reason naming the
/// field), locking for the department, the department told, the county's change of an accepted field told and audited as the
/// county's, the progress counts against a hand count from the scheme file, the late department in the to-do, the lead's
/// submission with departments not accepted, 数据来源部门 in the audit export and the data sources in the report's appendix.
/// The demo's 闻喜县 has 财政局 (user wenxi.caizheng) and 人社局; their fields are the scheme file's <c>department</c>s.
/// </summary>
public abstract class DepartmentReviewTests<THost> : IClassFixture<THost>, IAsyncLifetime
    where THost : ApplicationHost
{
    private readonly THost _host;

    protected DepartmentReviewTests(THost host) => _host = host;

    private int _id;

    public async Task InitializeAsync()
    {
        _id = await EvaluationIdAsync("140823");
        await DepartmentTestData.ResetAsync(_host, _id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // ── accept, return, lock ──

    [Fact]
    public async Task An_accepted_field_locks_for_the_department_and_its_users_are_told()
    {
        var (official, caizheng) = (await ActorAsync("wenxi.official"), await ActorAsync("wenxi.caizheng"));
        var code = DepartmentTestData.FinanceNumbers[0];
        Assert.True((await WriteAsync(caizheng, code, DepartmentTestData.Golden(code))).IsDone);
        await DepartmentTestData.SubmitAsync(_host, _id, code);

        var accepted = await ReviewAsync(official, new PartDecision(code, Accept: true));

        Assert.True(accepted.IsDone, accepted.Refusal);
        Assert.Equal(new PartsReviewed(1, 0), accepted.Value);
        var state = await StateAsync(code);
        Assert.Equal(DepartmentFieldStatus.Accepted, state!.Status);
        Assert.Equal(official.DisplayName, state.ByName);
        var audit = await AuditAsync(AuditKind.DepartmentPart, code);
        Assert.Equal(("已报送", "已采纳", official.DisplayName), (audit[^1].OldValue, audit[^1].NewValue, audit[^1].UserDisplayName));
        var told = await NotificationsAsync("wenxi.caizheng");
        Assert.Equal("闻喜县 2021年度评价：闻喜县已采纳 1 项，这些数据已锁定。", Assert.Single(told).Text);
        Assert.Equal($"/Departments/{_id}", told[0].Url); // the department's page of this evaluation (there is no /Departments page)
        Assert.Empty(await NotificationsAsync("wenxi.official")); // never the one who acted

        var locked = await WriteAsync(caizheng, code, FieldValue.Of(1m));
        Assert.Equal(OutcomeKind.Refused, locked.Kind);
        Assert.Equal(Core.Messaging.Messages.DepartmentFieldAccepted(code).Text, locked.Refusal);
        Assert.Equal(DepartmentTestData.Golden(code).ToInvariantString(), await ValueAsync(code));
    }

    [Fact]
    public async Task The_countys_change_of_an_accepted_field_is_audited_as_the_countys_and_the_department_is_told()
    {
        var (official, caizheng) = (await ActorAsync("wenxi.official"), await ActorAsync("wenxi.caizheng"));
        var code = DepartmentTestData.FinanceNumbers[0];
        await WriteAsync(caizheng, code, DepartmentTestData.Golden(code));
        await DepartmentTestData.SubmitAsync(_host, _id, code);
        await ReviewAsync(official, new PartDecision(code, Accept: true));
        await ClearNotificationsAsync();

        var changed = await WriteAsync(official, code, FieldValue.Of(DepartmentTestData.Golden(code).Number + 1));

        Assert.True(changed.IsDone, changed.Refusal);
        var figure = (await AuditAsync(AuditKind.Figure, code))[^1];
        Assert.Equal(official.DisplayName, figure.UserDisplayName); // the county's name, no department
        var name = GoldenCase.Scheme.FindField(code)!.NameZh;
        var changedNotice = Assert.Single(await NotificationsAsync("wenxi.caizheng"));
        Assert.Equal($"闻喜县 2021年度评价：已采纳的 1 项数据由{official.DisplayName}修改：{name}。如有异议，请与教育局联系。", changedNotice.Text);
        Assert.Equal($"/Departments/{_id}", changedNotice.Url);
        Assert.Equal(DepartmentFieldStatus.Accepted, (await StateAsync(code))!.Status); // still the county's accepted figure

        // A change of a field the department still has (not accepted) tells nobody: it is the county's own business.
        await ClearNotificationsAsync();
        Assert.True((await WriteAsync(official, DepartmentTestData.FinanceNumbers[1], FieldValue.Of(3m))).IsDone);
        Assert.Empty(await NotificationsAsync("wenxi.caizheng"));
    }

    [Fact]
    public async Task A_return_needs_a_reason_naming_the_field_and_tells_the_department_which_corrects_it()
    {
        var (official, caizheng) = (await ActorAsync("wenxi.official"), await ActorAsync("wenxi.caizheng"));
        var code = DepartmentTestData.FinanceNumbers[0];
        var name = GoldenCase.Scheme.FindField(code)!.NameZh;
        await WriteAsync(caizheng, code, DepartmentTestData.Golden(code));
        await DepartmentTestData.SubmitAsync(_host, _id, code);

        var blank = await ReviewAsync(official, new PartDecision(code, Accept: false, Reason: "  "));
        var tooLong = await ReviewAsync(official, new PartDecision(code, Accept: false, Reason: new string('长', 501)));
        Assert.Equal(OutcomeKind.Invalid, blank.Kind);
        Assert.Equal($"退回“{name}”时请写明理由，告诉部门需要怎样修改。", blank.Refusal);
        Assert.Equal(OutcomeKind.Invalid, tooLong.Kind);
        Assert.Contains($"“{name}”的退回理由最多 500 个字符", tooLong.Refusal);
        Assert.Equal(DepartmentFieldStatus.Submitted, (await StateAsync(code))!.Status); // nothing changed

        var returned = await ReviewAsync(official, new PartDecision(code, Accept: false, Reason: "请按决算数填写"));

        Assert.True(returned.IsDone, returned.Refusal);
        var state = await StateAsync(code);
        Assert.Equal((DepartmentFieldStatus.Returned, "请按决算数填写"), (state!.Status, state.Reason));
        var returnedNotice = Assert.Single(await NotificationsAsync("wenxi.caizheng"));
        Assert.Equal($"闻喜县 2021年度评价：闻喜县退回 1 项：{name}（请按决算数填写）。请修改后重新报送。", returnedNotice.Text);
        Assert.Equal($"/Departments/{_id}", returnedNotice.Url);
        Assert.Equal("已退回：请按决算数填写", (await AuditAsync(AuditKind.DepartmentPart, code))[^1].NewValue);
        Assert.True((await WriteAsync(caizheng, code, FieldValue.Of(5m))).IsDone); // with the department again
    }

    [Fact]
    public async Task A_field_not_submitted_or_an_other_version_is_not_decided_and_nothing_is_written()
    {
        var official = await ActorAsync("wenxi.official");
        var (open, submitted) = (DepartmentTestData.FinanceNumbers[0], DepartmentTestData.FinanceNumbers[1]);
        await DepartmentTestData.SubmitAsync(_host, _id, submitted);
        var version = (await StateAsync(submitted))!.Version;

        var notSubmitted = await ReviewAsync(official, new PartDecision(submitted, true), new PartDecision(open, true));
        var stale = await ReviewAsync(official, new PartDecision(submitted, true, SeenVersion: version - 1));
        var educations = await ReviewAsync(official, new PartDecision("B00.05", true)); // 教育事业统计年报: the bureau's own
        var supervisor = await ReviewAsync(await ActorAsync("yuncheng.supervisor", Roles.Supervisor), new PartDecision(submitted, true));

        Assert.Equal(OutcomeKind.Conflict, notSubmitted.Kind);
        Assert.Contains($"“{GoldenCase.Scheme.FindField(open)!.NameZh}”不是待审核的部门报送", notSubmitted.Refusal);
        Assert.Equal(OutcomeKind.Conflict, stale.Kind);
        Assert.Equal(OutcomeKind.Conflict, educations.Kind);
        Assert.Equal(OutcomeKind.Refused, supervisor.Kind);
        Assert.Equal(DepartmentFieldStatus.Submitted, (await StateAsync(submitted))!.Status);
        Assert.Empty(await AuditAsync(AuditKind.DepartmentPart, submitted));
    }

    // Found by the attacker review: a forged code was quoted back whole in the message.
    [Fact]
    public async Task A_forged_code_of_any_length_is_refused_quoting_only_its_first_40_characters()
    {
        var official = await ActorAsync("wenxi.official");

        var outcome = await ReviewAsync(official, new PartDecision(new string('Z', 3000), Accept: false, Reason: "x"));

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        Assert.Equal($"“{new string('Z', 40)}…”不是本方案中由部门填报的指标，请刷新页面后重新选择。", outcome.Refusal);
    }

    [Fact]
    public async Task Accept_all_takes_what_the_page_showed_of_the_department_and_no_other()
    {
        var official = await ActorAsync("wenxi.official");
        var codes = DepartmentTestData.FinanceNumbers.Take(3).ToList();
        await DepartmentTestData.SubmitAsync(_host, _id, codes[0], codes[1]);
        var shown = (await PartsAsync()).States.Where(s => codes.Take(2).Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value.Version);
        await DepartmentTestData.SubmitAsync(_host, _id, codes[2]); // sent after the page was read
        var finance = (await PartsAsync()).Departments.Single(d => d.Name == "财政局").Id;

        var all = await _host.WithScopeAsync(async s => await s.GetRequiredService<ReviewDepartmentParts>()
            .AcceptAllAsync((await LoadAsync(s, official))!, official, finance, shown, default));

        Assert.True(all.IsDone, all.Refusal);
        Assert.Equal(2, all.Value!.Accepted);
        Assert.Equal(DepartmentFieldStatus.Submitted, (await StateAsync(codes[2]))!.Status);
    }

    // ── progress ──

    [Fact]
    public async Task The_progress_counts_agree_with_a_hand_count_from_the_scheme_file()
    {
        var (official, caizheng) = (await ActorAsync("wenxi.official"), await ActorAsync("wenxi.caizheng"));
        var (a, b, c) = (DepartmentTestData.FinanceNumbers[0], DepartmentTestData.FinanceNumbers[1], DepartmentTestData.FinanceNumbers[2]);
        await WriteAsync(caizheng, a, DepartmentTestData.Golden(a));
        await WriteAsync(caizheng, b, DepartmentTestData.Golden(b));
        await WriteAsync(caizheng, c, DepartmentTestData.Golden(c));
        await DepartmentTestData.SubmitAsync(_host, _id, a, b);
        await ReviewAsync(official, new PartDecision(a, true));

        var parts = await PartsAsync();

        var finance = parts.Progress.Single(p => p.Name == "财政局");
        var people = parts.Progress.Single(p => p.Name == "人社局");
        var education = parts.Progress.Single(p => p.DepartmentId is null);
        Assert.Equal(DepartmentTestData.FieldsOf("财政局").Count, finance.Assigned);
        Assert.Equal((3, 1, 1, 0), (finance.Filled, finance.Submitted, finance.Accepted, finance.Returned));
        Assert.Equal(DepartmentTestData.FieldsOf("财政局").Count - 1, finance.NotAccepted);
        Assert.Equal(DepartmentTestData.FieldsOf("人社局").Count, people.Assigned);
        // 教育局 keeps every entered field the scheme names no department for, and those of departments 闻喜县 has not set up.
        var entered = GoldenCase.Scheme.Fields.Count(f => f.Kind.IsInput());
        Assert.Equal(entered - finance.Assigned - people.Assigned, education.Assigned);
        Assert.Equal(0, education.NotAccepted);
        Assert.Equal([("财政局", finance.NotAccepted), ("人社局", people.NotAccepted)], parts.Pending);
    }

    [Fact]
    public async Task A_department_past_the_internal_deadline_with_fields_not_accepted_is_named_in_the_countys_to_do()
    {
        var official = await ActorAsync("wenxi.official");
        await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == _id)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.DepartmentDeadline, new DateOnly(2021, 10, 31)))); // the clock: 1 November 2021
        await DepartmentTestData.SubmitAsync(_host, _id, DepartmentTestData.FinanceNumbers[0]);

        var todo = await _host.WithScopeAsync(s => s.GetRequiredService<HomeQuery>().HandleAsync(official, default));

        var late = Assert.Single(todo.Todo, t => t.Target == TodoTarget.DepartmentReview && t.Urgent);
        Assert.Equal($"闻喜县 2021年度评价：内部截止日期 2021年10月31日 已过，财政局（{DepartmentTestData.FieldsOf("财政局").Count} 项未采纳）、人社局（{DepartmentTestData.FieldsOf("人社局").Count} 项未采纳）尚未完成。请督促部门报送，或审核已报送的数据。", late.Text);
        Assert.Contains(todo.Todo, t => t.Text == "闻喜县 2021年度评价：有 1 项部门报送的数据待您审核，请采纳或退回。");

        var supervisor = await ActorAsync("yuncheng.supervisor", Roles.Supervisor);
        Assert.DoesNotContain((await _host.WithScopeAsync(s => s.GetRequiredService<HomeQuery>().HandleAsync(supervisor, default))).Todo,
            t => t.Target == TodoTarget.DepartmentReview);
    }

    // ── the lead's submission ──

    [Fact]
    public async Task The_leads_submission_with_departments_not_accepted_needs_the_tick_and_a_reason_kept_with_it()
    {
        var lead = await ActorAsync("wenxi.lead", Roles.CountyLead);
        await CountyFigures.ImportAsync(_host.Services, _id, "wenxi.official", PlausibleCompletion.Complete(GoldenCase.Scheme, GoldenCase.Figures));
        var answers = new SubmitAnswers(true, true, true);

        var unticked = await SubmitAsync(lead, answers);
        var noReason = await SubmitAsync(lead, answers with { DepartmentsConfirmed = true });
        var tooLong = await SubmitAsync(lead, answers with { DepartmentsConfirmed = true, DepartmentsReason = new string('长', 501) });
        Assert.Equal("departments-pending", unticked.Reason?.Code);
        Assert.Contains("还有 2 个部门", unticked.Refusal);
        Assert.Equal("departments-pending-needs-reason", noReason.Reason?.Code);
        Assert.Equal(OutcomeKind.Invalid, tooLong.Kind);
        Assert.Equal(EvaluationStatus.Draft, await StatusAsync());

        var submitted = await SubmitAsync(lead, answers with { DepartmentsConfirmed = true, DepartmentsReason = "部门数据已线下核对" });

        Assert.True(submitted.IsDone, submitted.Refusal);
        var step = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvaluationTransitions.Where(t => t.EvaluationId == _id)
            .OrderByDescending(t => t.Id).FirstAsync());
        Assert.Contains($"提交时尚有 2 个部门的数据未采纳（财政局 {DepartmentTestData.FieldsOf("财政局").Count} 项、人社局 {DepartmentTestData.FieldsOf("人社局").Count} 项），县级负责人的理由：部门数据已线下核对", step.Reason);
    }

    // ── who entered what ──

    [Fact]
    public async Task The_audit_export_names_the_department_that_enters_each_figure()
    {
        var (official, caizheng) = (await ActorAsync("wenxi.official"), await ActorAsync("wenxi.caizheng"));
        var code = DepartmentTestData.FinanceNumbers[0];
        await WriteAsync(caizheng, code, DepartmentTestData.Golden(code));
        await WriteAsync(official, "B00.05", FieldValue.Of(12m));

        var entries = await _host.WithScopeAsync(async s => await s.GetRequiredService<AuditTimeline>().LoadAsync((await LoadAsync(s, official))!, default));

        var byDepartment = entries.First(e => e.Target.EndsWith($" {code}", StringComparison.Ordinal));
        Assert.Equal(("闻喜县财政局填报员（财政局）", "财政局", "部门填报"), (byDepartment.User, byDepartment.Department, byDepartment.Source));
        Assert.Equal("教育局", entries.First(e => e.Target.EndsWith(" B00.05", StringComparison.Ordinal)).Department);
        var csv = System.Text.Encoding.UTF8.GetString(AuditTimeline.ToCsv(entries));
        Assert.Contains("数据来源部门", csv.Split('\n')[0]);

        // The county workbook (填报表): column K names the department of each entered row.
        var workbook = await _host.WithScopeAsync(async s => await s.GetRequiredService<Excel.CountyWorkbookDownload>().HandleAsync((await LoadAsync(s, official))!, default));
        Assert.True(workbook.IsDone, workbook.Refusal);
        var bytes = workbook.Value.Content;
        var finance = GoldenCase.Scheme.Areas.Single(a => a.Fields.Any(f => f.Code == code));
        var (sheetName, sheet) = XlsxEdit.Cells(bytes).Single(p => p.Key.Contains(finance.NameZh, StringComparison.Ordinal));
        Assert.Equal("数据来源部门", sheet["K3"]);
        Assert.Equal("财政局", sheet[$"K{XlsxEdit.RowOf(bytes, sheetName, code)}"]);
        Assert.Equal("教育局", sheet[$"K{XlsxEdit.RowOf(bytes, sheetName, finance.Fields.First(f => f.Kind.IsInput() && !DepartmentTestData.FieldsOf("财政局").Contains(f.Code) && !DepartmentTestData.FieldsOf("人社局").Contains(f.Code)).Code)}"]);
    }

    [Fact]
    public async Task With_the_setting_the_reports_appendix_names_each_indicators_data_source_and_department()
    {
        var official = await ActorAsync("wenxi.official");
        await CountyFigures.ImportAsync(_host.Services, _id, "wenxi.official", GoldenCase.Figures);
        // An indicator of the appendix resting on a 财政局 field: its line names the scheme's dataSource and 财政局.
        var sources = DepartmentTestData.DataSources();
        var indicator = GoldenCase.Scheme.Fields.First(f => f.IsJudged && DataSourcesOf(f).Any(i => DepartmentTestData.FieldsOf("财政局").Contains(i.Code)));

        var before = await DocumentAsync(official);
        var saved = await _host.WithScopeAsync(async s =>
        {
            var ws = (await LoadAsync(s, official))!;
            var form = (await s.GetRequiredService<ReportPage>().LoadAsync(ws, default)).Form;
            form.ShowDataSources = true;
            return await s.GetRequiredService<SaveReportSettings>().HandleAsync(ws, form, official, default);
        });
        Assert.True(saved.IsDone, saved.Refusal);
        var after = await DocumentAsync(official);

        Assert.DoesNotContain(Core.Reports.DataSources.Heading, before.ToPlainText());
        var line = after.Appendix.SelectMany(t => t.Sources).Single(l => l.StartsWith(Core.Text.ChinesePunctuation.Normalize(indicator.NameZh) + "：", StringComparison.Ordinal));
        var inputs = DataSourcesOf(indicator);
        foreach (var source in inputs.Select(i => sources.GetValueOrDefault(i.Code)).OfType<string>())
            Assert.Contains(Core.Text.ChinesePunctuation.Normalize(source.Trim().TrimEnd('。')), line);
        Assert.Contains("填报部门：", line);
        Assert.Contains("财政局", line);
    }

    private static IReadOnlyList<SchemeField> DataSourcesOf(SchemeField indicator) => Core.Reports.DataSources.Inputs(GoldenCase.Scheme, indicator);

    private Task<Core.Reports.ReportDocument> DocumentAsync(Actor actor) => _host.WithScopeAsync(async s =>
        await s.GetRequiredService<ReportPage>().DocumentAsync((await LoadAsync(s, actor))!, default));

    // ── helpers ──

    private Task<Outcome<PartsReviewed>> ReviewAsync(Actor actor, params PartDecision[] decisions) => _host.WithScopeAsync(async s =>
        await s.GetRequiredService<ReviewDepartmentParts>().HandleAsync((await LoadAsync(s, actor))!, actor, decisions, default));

    private Task<Outcome<Unit>> SubmitAsync(Actor lead, SubmitAnswers answers) => _host.WithScopeAsync(async s =>
        await s.GetRequiredService<ReviewTransitions>().SubmitAsync((await LoadAsync(s, lead))!, lead, answers, default));

    private Task<Outcome<FiguresWritten>> WriteAsync(Actor actor, string code, FieldValue value) => _host.WithScopeAsync(async s =>
    {
        var ws = (await LoadAsync(s, actor))!;
        var version = ws.FigureRows.TryGetValue(code, out var row) ? row.Version : 0;
        return await s.GetRequiredService<FigureWriter>().WriteAsync(ws, actor, [new FigureChange(code, value, version)], null,
            actor.IsDepartmentUser ? AuditSource.Department : AuditSource.Form, default);
    });

    private Task<DepartmentPartsView> PartsAsync() => _host.WithScopeAsync(async s =>
        await DepartmentParts.LoadAsync(s.GetRequiredService<EduDutyDbContext>(), (await LoadAsync(s, await ActorAsync("wenxi.official")))!, default));

    private Task<Workspace?> LoadAsync(IServiceProvider s, Actor actor) => s.GetRequiredService<WorkspaceLoader>().LoadAsync(_id, actor, default);

    private Task<DepartmentFieldState?> StateAsync(string code) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().DepartmentFieldStates.AsNoTracking().SingleOrDefaultAsync(x => x.EvaluationId == _id && x.FieldCode == code));

    private Task<string?> ValueAsync(string code) => _host.WithScopeAsync(async s =>
        (await s.GetRequiredService<EduDutyDbContext>().FigureValues.AsNoTracking().SingleAsync(f => f.EvaluationId == _id && f.FieldCode == code)).ToValue()?.ToInvariantString());

    private Task<EvaluationStatus> StatusAsync() => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == _id).Select(e => e.Status).SingleAsync());

    private Task<List<AuditEntry>> AuditAsync(AuditKind kind, string code) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().AuditEntries.AsNoTracking().Where(a => a.EvaluationId == _id && a.Kind == kind && a.Target == code).OrderBy(a => a.Id).ToListAsync());

    private Task<List<Notification>> NotificationsAsync(string userName) => _host.WithScopeAsync(s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return db.Notifications.AsNoTracking().Where(n => db.Users.Any(u => u.Id == n.UserId && u.UserName == userName) && n.Kind == NotificationKind.Department).ToListAsync();
    });

    private Task<int> ClearNotificationsAsync() => _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Notifications.ExecuteDeleteAsync());

    private Task<int> EvaluationIdAsync(string county) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.County.Code == county && e.Year == 2021).Select(e => e.Id).SingleAsync());

    private Task<Actor> ActorAsync(string userName, string? role = null) => DepartmentTestData.ActorAsync(_host, userName);
}

/// <summary>What the department tests share: the scheme file's departments (read from the JSON, not from the code under test), the demo's actors, a clean start.</summary>
internal static class DepartmentTestData
{
    private static readonly Lazy<JsonElement[]> Fields = new(() =>
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json")));
        return json.RootElement.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("fields").EnumerateArray()).Select(f => f.Clone()).ToArray();
    });

    /// <summary>The entered fields the scheme file gives to a department by name.</summary>
    public static IReadOnlyList<string> FieldsOf(string department) => Fields.Value
        .Where(f => f.TryGetProperty("department", out var d) && d.GetString() == department)
        .Select(f => f.GetProperty("code").GetString()!).ToList();

    /// <summary>The scheme file's dataSource texts by code.</summary>
    public static IReadOnlyDictionary<string, string> DataSources() => Fields.Value
        .Where(f => f.TryGetProperty("dataSource", out _))
        .ToDictionary(f => f.GetProperty("code").GetString()!, f => f.GetProperty("dataSource").GetString()!);

    /// <summary>财政局's number fields with a golden value (written as the department would).</summary>
    public static IReadOnlyList<string> FinanceNumbers => FieldsOf("财政局")
        .Where(c => Fields.Value.Single(f => f.GetProperty("code").GetString() == c).GetProperty("kind").GetString() == "number" && GoldenCase.Figures.ContainsKey(c))
        .ToList();

    public static FieldValue Golden(string code) => GoldenCase.Figures[code];

    /// <summary>A demo account as the use cases take it, with its department (as the sign-in cookie carries it).</summary>
    public static Task<Actor> ActorAsync(ApplicationHost host, string userName) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == userName)
            .Select(u => new { u.Id, u.DisplayName, u.Region.Path, u.DepartmentId, Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault() })
            .SingleAsync();
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return new Actor(user.Id, user.DisplayName, roles, user.Path) { DepartmentId = user.DepartmentId, DepartmentName = user.Department };
    });

    /// <summary>A clean start: the evaluation a draft without figures, states, assignments, transitions, audit or messages.</summary>
    public static Task ResetAsync(ApplicationHost host, int id) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        await db.DepartmentFieldStates.Where(x => x.EvaluationId == id).ExecuteDeleteAsync();
        await db.FieldAssignments.Where(x => x.EvaluationId == id).ExecuteDeleteAsync();
        await db.FigureValues.Where(x => x.EvaluationId == id).ExecuteDeleteAsync();
        await db.ReportSettings.Where(x => x.EvaluationId == id).ExecuteDeleteAsync();
        await db.ReportEditions.Where(x => x.EvaluationId == id).ExecuteDeleteAsync();
        await db.EvaluationTransitions.Where(x => x.EvaluationId == id).ExecuteDeleteAsync();
        await db.Notifications.ExecuteDeleteAsync();
        return await db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Draft)
            .SetProperty(e => e.DepartmentDeadline, (DateOnly?)null).SetProperty(e => e.SubmittedAtUtc, (DateTime?)null));
    });

    /// <summary>
    /// The department's submission (报送) of fields as part B's handler stores it: each a state row of its owner, Submitted, its
    /// version raised. Written behind the portal's back — the review's own rules are what these tests check.
    /// </summary>
    public static Task SubmitAsync(ApplicationHost host, int id, params string[] codes) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var finance = await db.Departments.Where(d => d.Name == "财政局" && d.County.Code == "140823").Select(d => d.Id).SingleAsync();
        foreach (var code in codes)
        {
            var row = await db.DepartmentFieldStates.SingleOrDefaultAsync(x => x.EvaluationId == id && x.FieldCode == code);
            if (row is null) db.DepartmentFieldStates.Add(row = new DepartmentFieldState { EvaluationId = id, FieldCode = code, DepartmentId = finance });
            row.Status = DepartmentFieldStatus.Submitted;
            row.Reason = null;
            row.AtUtc = host.Clock.GetUtcNow().UtcDateTime;
            row.ByName = "闻喜县财政局填报员（财政局）";
            row.Version++;
        }

        return await db.SaveChangesAsync();
    });
}

public sealed class SqliteDepartmentReviewTests(SqliteApplicationHost host) : DepartmentReviewTests<SqliteApplicationHost>(host);

public sealed class PostgresDepartmentReviewTests(PostgresApplicationHost host) : DepartmentReviewTests<PostgresApplicationHost>(host);
