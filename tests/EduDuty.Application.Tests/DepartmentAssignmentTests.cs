using System.Text.Json;
using EduDuty.Application.Departments.Assignment;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Notifications;
using EduDuty.Core.Departments;
using EduDuty.Core.Figures;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Issue 30, the lead's 部门分工 and the internal deadline: the defaults are the scheme file's <c>department</c> values among the
/// county's active departments (read here from the file itself, not from the code); a save changes owners, drops a moved
/// field's state and is refused to anyone but the lead, once submitted, and when another lead changed it meanwhile; the
/// internal deadline is on or before the county's and reminds the departments; a department user reaches nothing of
/// another county nor another department's fields. 闻喜县 has 财政局 and 人社局 and <c>wenxi.caizheng</c> (财政局) in the seed.
/// </summary>
public abstract class DepartmentAssignmentTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    /// <summary>The entered fields of SX-2021 (kinds number, bool, text) and the department the file names, by code.</summary>
    private static readonly IReadOnlyDictionary<string, string?> SchemeDepartments = ReadSchemeDepartments();

    private static Dictionary<string, string?> ReadSchemeDepartments()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json")));
        return file.RootElement.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("fields").EnumerateArray())
            .Where(f => f.GetProperty("kind").GetString() is "number" or "bool" or "text")
            .ToDictionary(f => f.GetProperty("code").GetString()!,
                f => f.TryGetProperty("department", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null, StringComparer.Ordinal);
    }

    /// <summary>The owner the file gives a field in 闻喜县, whose active departments are 财政局 and 人社局; any other: 教育局.</summary>
    private static string ExpectedDefault(string code) => SchemeDepartments[code] is "财政局" or "人社局" ? SchemeDepartments[code]! : DepartmentNames.Education;

    [Fact]
    public async Task Every_entered_field_starts_with_the_scheme_files_department_or_the_education_bureau()
    {
        var view = await ViewAsync("wenxi.lead");

        var rows = view.Areas.SelectMany(a => a.Fields).ToList();
        Assert.Equal(SchemeDepartments.Keys.Order(StringComparer.Ordinal), rows.Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.All(rows, r => Assert.Equal((r.Code, ExpectedDefault(r.Code), true), (r.Code, r.OwnerName, r.IsDefault)));
        // The file names both of 闻喜县's departments somewhere, and leaves some fields with the education bureau.
        Assert.Contains(rows, r => r.OwnerName == "财政局");
        Assert.Contains(rows, r => r.OwnerName == "人社局");
        Assert.Contains(rows, r => r.OwnerName == DepartmentNames.Education);
        Assert.True(view.Assign.Allowed, view.Assign.Reason);
    }

    [Fact]
    public async Task A_whole_area_given_to_a_department_moves_its_fields_audits_each_and_the_defaults_again_remove_the_rows()
    {
        var (id, _) = await EvaluationAsync("140823");
        var lead = await ActorAsync("wenxi.lead");
        var view = await ViewAsync("wenxi.lead");
        var labour = view.Departments.Single(d => d.Name == "人社局").Id;
        var finance = view.Areas.Single(a => a.Key == "A04_FINANCE").Fields;
        var moving = finance.Where(f => f.OwnerName != "人社局").Select(f => f.Code).ToList();

        var saved = await SaveAsync(lead, new Dictionary<string, string?>(), new Dictionary<string, string?> { ["A04_FINANCE"] = $"{labour}" }, view.Stamp);

        Assert.True(saved.IsDone, saved.Refusal + string.Join("; ", saved.Problems.Select(p => p.Text)));
        Assert.Equal(moving.Count, saved.Value);
        var after = await ViewAsync("wenxi.lead");
        Assert.All(after.Areas.Single(a => a.Key == "A04_FINANCE").Fields, f => Assert.Equal("人社局", f.OwnerName));
        Assert.Equal(moving.Order(StringComparer.Ordinal), (await AssignmentRowsAsync(id)).Select(r => r.FieldCode).Order(StringComparer.Ordinal));
        var audit = await AuditAsync(id);
        Assert.Equal(moving.Order(StringComparer.Ordinal), audit.Select(a => a.Target).Order(StringComparer.Ordinal));
        Assert.All(audit, a => Assert.Equal(("人社局", ExpectedDefault(a.Target), "闻喜县负责人"), (a.NewValue, a.OldValue, a.UserDisplayName)));

        // Each field back to its default (as the page posts it): no row is left, every field is 默认 again.
        var defaults = after.Areas.Single(a => a.Key == "A04_FINANCE").Fields.ToDictionary(f => f.Code, f => (string?)(f.DefaultId?.ToString() ?? "0"));
        var back = await SaveAsync(lead, defaults, new Dictionary<string, string?>(), after.Stamp);

        Assert.True(back.IsDone, back.Refusal);
        Assert.Empty(await AssignmentRowsAsync(id));
        Assert.All((await ViewAsync("wenxi.lead")).Areas.SelectMany(a => a.Fields), f => Assert.True(f.IsDefault, f.Code));
    }

    [Fact]
    public async Task A_reassigned_field_starts_open_with_its_new_department()
    {
        var (id, _) = await EvaluationAsync("140823");
        var view = await ViewAsync("wenxi.lead");
        var field = view.Areas.SelectMany(a => a.Fields).First(f => f.OwnerName == "财政局");
        var labour = view.Departments.Single(d => d.Name == "人社局").Id;
        await _host.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<EduDutyDbContext>();
            db.DepartmentFieldStates.Add(new DepartmentFieldState
            {
                EvaluationId = id, FieldCode = field.Code, DepartmentId = field.OwnerId!.Value, Status = DepartmentFieldStatus.Accepted,
                AtUtc = _host.Clock.GetUtcNow().UtcDateTime, ByUserId = "x", ByName = "闻喜县填报员",
            });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(DepartmentFieldStatus.Accepted, (await ViewAsync("wenxi.lead")).Areas.SelectMany(a => a.Fields).Single(f => f.Code == field.Code).Status);

        var saved = await SaveAsync(await ActorAsync("wenxi.lead"), new Dictionary<string, string?> { [field.Code] = $"{labour}" }, new Dictionary<string, string?>(), view.Stamp);

        Assert.True(saved.IsDone, saved.Refusal);
        var moved = (await ViewAsync("wenxi.lead")).Areas.SelectMany(a => a.Fields).Single(f => f.Code == field.Code);
        Assert.Equal(("人社局", DepartmentFieldStatus.Open, false), (moved.OwnerName, moved.Status, moved.IsDefault));
        Assert.False(await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().DepartmentFieldStates.AnyAsync(x => x.EvaluationId == id && x.FieldCode == field.Code)));
    }

    [Fact]
    public async Task An_official_a_submitted_evaluation_a_stale_page_and_an_unknown_department_change_nothing()
    {
        var (id, _) = await EvaluationAsync("140823");
        var view = await ViewAsync("wenxi.lead");
        var lead = await ActorAsync("wenxi.lead");
        var field = view.Areas.SelectMany(a => a.Fields).First(f => f.OwnerName == DepartmentNames.Education).Code;
        var labour = $"{view.Departments.Single(d => d.Name == "人社局").Id}";
        var change = new Dictionary<string, string?> { [field] = labour };

        var byOfficial = await SaveAsync(await ActorAsync("wenxi.official"), change, new Dictionary<string, string?>(), view.Stamp);
        var stale = await SaveAsync(lead, change, new Dictionary<string, string?>(), "0000000000000000");
        var unknown = await SaveAsync(lead, new Dictionary<string, string?> { [field] = "987654" }, new Dictionary<string, string?>(), view.Stamp);
        await SetStatusAsync(id, EvaluationStatus.Submitted);
        var submitted = await SaveAsync(lead, change, new Dictionary<string, string?>(), view.Stamp);

        Assert.Equal("only-lead-assigns", byOfficial.Reason?.Code);
        Assert.Equal(Messages.AssignmentChangedMeanwhile, stale.Reason);
        Assert.Equal(OutcomeKind.Invalid, unknown.Kind);
        Assert.Contains("不存在或已停用", Assert.Single(unknown.Problems).Text, StringComparison.Ordinal);
        Assert.Equal(Messages.SubmittedLock, submitted.Reason);
        Assert.Empty(await AssignmentRowsAsync(id));
        Assert.Empty(await AuditAsync(id));
    }

    // Found by the attacker review: a forged post's field code, area key or date was quoted back whole in the message.
    [Fact]
    public async Task A_forged_code_key_or_date_of_any_length_is_refused_quoting_only_its_first_40_characters()
    {
        await YearDeadlineAsync(new DateOnly(2021, 11, 30));
        var (id, _) = await EvaluationAsync("140823");
        var view = await ViewAsync("wenxi.lead");
        var lead = await ActorAsync("wenxi.lead");
        var forged = new string('Z', 3000);
        var clipped = new string('Z', 40) + "…";

        var code = await SaveAsync(lead, new Dictionary<string, string?> { [forged] = "0" }, new Dictionary<string, string?>(), view.Stamp);
        var key = await SaveAsync(lead, new Dictionary<string, string?>(), new Dictionary<string, string?> { [forged] = "0" }, view.Stamp);
        var date = await SetDeadlineAsync("wenxi.lead", new string('2', 3000));

        Assert.Equal($"数据项 {clipped} 不在本评价方案的填报项中，请刷新页面后重试", Assert.Single(code.Problems).Text);
        Assert.Equal($"领域 {clipped} 不在本评价方案中，请刷新页面后重试", Assert.Single(key.Problems).Text);
        Assert.Equal($"日期 “{new string('2', 40)}…” 无效，请按 年-月-日 填写，如 2021-11-20；不需要内部截止日期时请留空", Assert.Single(date.Problems).Text);
        Assert.Empty(await AssignmentRowsAsync(id));
        Assert.Null(await InternalDeadlineAsync(id));
    }

    // Two leads save from the same page at once: exactly one assignment is made, the others are told it changed meanwhile.
    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Saves_from_one_page_at_once_make_exactly_one_assignment(int callers)
    {
        var (id, _) = await EvaluationAsync("140823");
        var lead = await ActorAsync("wenxi.lead");
        var view = await ViewAsync("wenxi.lead");
        var field = view.Areas.SelectMany(a => a.Fields).First(f => f.OwnerName == DepartmentNames.Education).Code;
        var departments = view.Departments.Select(d => $"{d.Id}").ToList();

        var outcomes = await AtOnce.RunAsync(callers, async (i, gate) =>
        {
            using var scope = _host.Services.CreateScope();
            var workspace = (await scope.ServiceProvider.GetRequiredService<WorkspaceLoader>().LoadAsync(id, lead, default))!;
            var save = scope.ServiceProvider.GetRequiredService<SaveAssignment>();
            await gate();
            return await save.HandleAsync(workspace, lead,
                new AssignmentChoices(new Dictionary<string, string?> { [field] = departments[i % departments.Count] }, new Dictionary<string, string?>(), view.Stamp), default);
        });

        Assert.Equal(1, outcomes.Count(o => o.IsDone));
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.True(o.Reason == Messages.AssignmentChangedMeanwhile || o.Reason == Messages.SaveFailed, o.Refusal));
        Assert.Single(await AssignmentRowsAsync(id));
        Assert.Single(await AuditAsync(id));
    }

    [Theory]
    [InlineData("2021-12-01", "内部截止日期不能晚于本县的截止日期（2021年11月30日）。请选择这一天或更早的日期。")]
    [InlineData("2021-10-31", "内部截止日期不能早于今天。请选择今天或以后的日期；不需要内部截止日期时请留空。")]
    [InlineData("2021-02-30", "日期 “2021-02-30” 无效，请按 年-月-日 填写，如 2021-11-20；不需要内部截止日期时请留空")]
    public async Task An_internal_deadline_after_the_countys_in_the_past_or_not_a_date_is_refused(string date, string message)
    {
        await YearDeadlineAsync(new DateOnly(2021, 11, 30));
        var (id, _) = await EvaluationAsync("140823");

        var outcome = await SetDeadlineAsync("wenxi.lead", date);

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        Assert.Equal((SetDepartmentDeadline.Field, message), (outcome.Problems[0].Field, outcome.Problems[0].Text));
        Assert.Null(await InternalDeadlineAsync(id));
    }

    [Fact]
    public async Task The_internal_deadline_is_the_leads_audited_and_reminds_the_departments_with_fields_seven_days_and_one_day_before()
    {
        await YearDeadlineAsync(new DateOnly(2021, 11, 30));
        var (id, _) = await EvaluationAsync("140823");

        var byOfficial = await SetDeadlineAsync("wenxi.official", "2021-11-10");
        var set = await SetDeadlineAsync("wenxi.lead", "2021-11-10");

        Assert.Equal("only-lead-assigns", byOfficial.Reason?.Code);
        Assert.True(set.IsDone, set.Refusal);
        Assert.Equal(new DateOnly(2021, 11, 10), await InternalDeadlineAsync(id));
        Assert.Equal(("内部截止日期", null, "2021-11-10"), (await AuditAsync(id)).Select(a => (a.Target, a.OldValue, a.NewValue)).Single());

        Assert.Empty(await DepartmentRemindersAsync()); // 1 November: 9 days before
        _host.Clock.Advance(TimeSpan.FromDays(2));      // 3 November: 7 days before
        await RemindAsync();
        await RemindAsync();                            // again the same day: nothing new
        _host.Clock.Advance(TimeSpan.FromDays(6));      // 9 November: 1 day before
        await RemindAsync();

        var reminders = await DepartmentRemindersAsync();
        Assert.Equal(["wenxi.caizheng", "wenxi.caizheng"], reminders.Select(r => r.User));
        var financeFields = SchemeDepartments.Count(d => d.Value == "财政局");
        Assert.Equal([
            $"闻喜县 2021年度评价：财政局还有 {financeFields} 项数据待填写或改正，县里定的内部截止日期是2021年11月10日（还有 7 天），请填写后报送县教育局。",
            $"闻喜县 2021年度评价：财政局还有 {financeFields} 项数据待填写或改正，县里定的内部截止日期是2021年11月10日（还有 1 天），请填写后报送县教育局。"],
            reminders.Select(r => r.Text));
        Assert.All(reminders, r => Assert.Equal($"/Departments/{id}", r.Url));
    }

    [Fact]
    public async Task A_department_user_reaches_neither_another_countys_evaluation_nor_another_departments_fields()
    {
        var (wenxi, _) = await EvaluationAsync("140823");
        var (xiaxian, _) = await EvaluationAsync("140828");
        var caizheng = await ActorAsync("wenxi.caizheng");
        var view = await ViewAsync("wenxi.lead");
        var rows = view.Areas.SelectMany(a => a.Fields).Where(f => f.Code is not null).ToList();
        var labours = rows.First(f => f.OwnerName == "人社局" && SchemeKind(f.Code) == "number").Code;
        var own = rows.First(f => f.OwnerName == "财政局" && SchemeKind(f.Code) == "number").Code;

        var foreign = await _host.WithScopeAsync(s => s.GetRequiredService<WorkspaceLoader>().LoadAsync(xiaxian, caizheng, default));
        var other = await WriteAsync(wenxi, caizheng, labours, 12);
        var mine = await WriteAsync(wenxi, caizheng, own, 12);

        Assert.Null(foreign); // outside its county the evaluation does not exist for it
        Assert.Equal(OutcomeKind.Refused, other.Kind);
        Assert.Equal(Messages.NotYourDepartmentField(labours).Code, other.Reason?.Code);
        Assert.True(mine.IsDone, mine.Refusal);
        var stored = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FigureValues
            .Where(f => f.EvaluationId == wenxi && (f.FieldCode == labours || f.FieldCode == own)).Select(f => new { f.FieldCode, f.Number }).ToListAsync());
        Assert.Equal(12m, stored.Single(f => f.FieldCode == own).Number);
        Assert.DoesNotContain(stored, f => f.FieldCode == labours && f.Number == 12m);
    }

    private static string? SchemeKind(string code)
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "EduDuty.Core", "Schemes", "SX-2021.scheme.json")));
        return file.RootElement.GetProperty("areas").EnumerateArray().SelectMany(a => a.GetProperty("fields").EnumerateArray())
            .Where(f => f.GetProperty("code").GetString() == code).Select(f => f.GetProperty("kind").GetString()).Single();
    }

    private Task<Outcome<FiguresWritten>> WriteAsync(int id, Actor actor, string code, decimal value) => _host.WithScopeAsync(async s =>
    {
        var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default))!;
        var version = workspace.FigureRows.TryGetValue(code, out var row) ? row.Version : 0;
        return await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, actor, [new FigureChange(code, FieldValue.Of(value), version)], null, AuditSource.Form, default);
    });

    private Task<AssignmentView> ViewAsync(string userName) => _host.WithScopeAsync(async s =>
    {
        var (id, _) = await EvaluationAsync("140823");
        var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, await ActorAsync(userName), default))!;
        return await s.GetRequiredService<AssignmentQuery>().HandleAsync(workspace, default);
    });

    private Task<Outcome<int>> SaveAsync(Actor actor, Dictionary<string, string?> owners, Dictionary<string, string?> areas, string stamp) => _host.WithScopeAsync(async s =>
    {
        var (id, _) = await EvaluationAsync("140823");
        var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default))!;
        return await s.GetRequiredService<SaveAssignment>().HandleAsync(workspace, actor, new AssignmentChoices(owners, areas, stamp), default);
    });

    private Task<Outcome<Unit>> SetDeadlineAsync(string userName, string date) => _host.WithScopeAsync(async s =>
    {
        var (id, _) = await EvaluationAsync("140823");
        var actor = await ActorAsync(userName);
        var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default))!;
        return await s.GetRequiredService<SetDepartmentDeadline>().HandleAsync(workspace, actor, date, default);
    });

    private Task<int> YearDeadlineAsync(DateOnly due) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var scheme = await db.Evaluations.Select(e => e.SchemeId).FirstAsync();
        var shanxi = await db.Regions.Where(r => r.Code == "140000").Select(r => r.Id).SingleAsync();
        db.Deadlines.Add(new EvaluationDeadline { SchemeId = scheme, Year = 2021, RegionId = shanxi, DueDate = due });
        return await db.SaveChangesAsync();
    });

    private Task<DateOnly?> InternalDeadlineAsync(int id) =>
        _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == id).Select(e => e.DepartmentDeadline).SingleAsync());

    private Task<int> RemindAsync() => _host.WithScopeAsync(s => s.GetRequiredService<DeadlineReminders>().SendAsync());

    private sealed record Reminder(string User, string Text, string Url);

    private Task<List<Reminder>> DepartmentRemindersAsync() => _host.WithScopeAsync(s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return (from n in db.Notifications join u in db.Users on n.UserId equals u.Id
                where n.Key.StartsWith("department-deadline:") orderby n.Id
                select new Reminder(u.UserName!, n.Text, n.Url)).ToListAsync();
    });

    private Task<List<FieldAssignment>> AssignmentRowsAsync(int id) =>
        _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FieldAssignments.AsNoTracking().Where(a => a.EvaluationId == id).ToListAsync());

    private Task<List<AuditEntry>> AuditAsync(int id) =>
        _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.EvaluationId == id && (a.Kind == AuditKind.Assignment || a.Kind == AuditKind.InternalDeadline)).OrderBy(a => a.Id).ToListAsync());

    private Task<(int Id, string Path)> EvaluationAsync(string code) => _host.WithScopeAsync(async s =>
    {
        var e = await s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.County.Code == code).Select(e => new { e.Id, e.County.Path }).SingleAsync();
        return (e.Id, e.Path);
    });

    private Task<int> SetStatusAsync(int id, EvaluationStatus status) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, status)));

    private Task<Actor> ActorAsync(string userName) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var user = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        var department = await db.Departments.Where(d => d.Id == user.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync();
        return new Actor(user.Id, user.DisplayName, roles, user.Region.Path) { DepartmentId = user.DepartmentId, DepartmentName = department };
    });
}

public sealed class SqliteDepartmentAssignmentTests : DepartmentAssignmentTests<SqliteApplicationHost>;

public sealed class PostgresDepartmentAssignmentTests : DepartmentAssignmentTests<PostgresApplicationHost>;
