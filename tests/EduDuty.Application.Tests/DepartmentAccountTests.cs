using EduDuty.Application.Administration;
using EduDuty.Application.Departments.Accounts;
using EduDuty.Core.Messaging;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// Issue 30, department accounts: the users file's <c>department</c> column (required for a 部门填报人员, refused for any other
/// role; a department the county does not have is created with the users) and the county lead's 部门管理 (a department of its
/// own county, accounts for it through the admin's handlers, nothing of any other role or county). 闻喜县 has 财政局 and 人社局
/// and the account <c>wenxi.caizheng</c> in the seed.
/// </summary>
public abstract class DepartmentAccountTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_users_file_with_a_department_column_creates_department_users_and_the_departments_the_county_lacks()
    {
        const string csv = "username,display_name,role,region_code,email,department\n"
            + "wx.cz2,王财,部门填报人员,140823,,财政局\n"
            + "wx.fg1,李发,DepartmentOfficial,140823,li@example.gov.cn,发改局\n"
            + "wx.off9,赵县,CountyOfficial,140823,,\n";

        var outcome = await _host.WithScopeAsync(s => s.GetRequiredService<CreateUsers>().ImportAsync(csv, Actor.CommandLine, default));

        Assert.True(outcome.IsDone, string.Join("; ", outcome.Problems.Select(p => p.Text)));
        var users = await UsersAsync("wx.cz2", "wx.fg1", "wx.off9");
        Assert.Equal([("wx.cz2", "财政局", "140823"), ("wx.fg1", "发改局", "140823"), ("wx.off9", null, "140823")],
            users.Select(u => (u.UserName, u.Department, u.County)));
        Assert.Equal(["人社局", "发改局", "财政局"], (await DepartmentsAsync("140823")).Select(d => d.Name).Order(StringComparer.Ordinal));
        var entries = await AdminAuditAsync();
        Assert.Contains(entries, e => e is { Action: AdminAction.CreateDepartment, Target: "闻喜县发改局" });
        Assert.DoesNotContain(entries, e => e is { Action: AdminAction.CreateDepartment, Target: "闻喜县财政局" }); // it existed
        Assert.Contains(entries, e => e.Action == AdminAction.CreateUser && e.After == "王财，部门填报人员，闻喜县，财政局");
    }

    [Fact]
    public async Task Every_department_problem_of_a_file_is_named_by_row_and_nothing_is_created()
    {
        var before = await CountsAsync();
        const string csv = "username,display_name,role,region_code,department\n"
            + "wx.a1,甲,DepartmentOfficial,140823,\n"                          // no department
            + "wx.a2,乙,CountyOfficial,140823,财政局\n"                         // a department for another role
            + "wx.a3,丙,DepartmentOfficial,140823,一二三四五六七八九十一二三四五六七八九十一\n" // 21 characters
            + "wx.a4,丁,DepartmentOfficial,140800,财政局\n"                     // a city
            + "wx.a5,戊,DepartmentOfficial,140823,卫健委\n";                    // fine alone

        var outcome = await _host.WithScopeAsync(s => s.GetRequiredService<CreateUsers>().ImportAsync(csv, Actor.CommandLine, default));

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        var texts = outcome.Problems.Select(p => p.Text).ToList();
        Assert.Contains(texts, t => t.StartsWith("第 2 行：", StringComparison.Ordinal) && t.Contains("须填写所属部门", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("第 3 行：", StringComparison.Ordinal) && t.Contains("部门一栏请留空", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("第 4 行：", StringComparison.Ordinal) && t.Contains("20", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("第 5 行：", StringComparison.Ordinal) && t.Contains("不能属于运城市", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.StartsWith("第 6 行", StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync()); // not even 卫健委's row, nor its department
    }

    [Fact]
    public async Task The_lead_creates_a_department_of_its_county_and_an_account_for_it_with_a_one_time_password()
    {
        var lead = await ActorAsync("wenxi.lead");

        var department = await _host.WithScopeAsync(s => s.GetRequiredService<CreateDepartment>().HandleAsync(" 发改局 ", lead, default));
        var user = await _host.WithScopeAsync(s => s.GetRequiredService<CreateUsers>()
            .HandleAsync("wx.fagai", "孙发改", Roles.DepartmentOfficial, "140823", null, lead, default, department: "发改局"));

        Assert.True(department.IsDone, department.Refusal);
        Assert.True(user.IsDone, string.Join("; ", user.Problems.Select(p => p.Text)) + user.Refusal);
        Assert.Equal(16, user.Value!.OneTimePassword.Length);
        var stored = Assert.Single(await UsersAsync("wx.fagai"));
        Assert.Equal(("发改局", "140823", true, Roles.DepartmentOfficial), (stored.Department, stored.County, stored.MustChangePassword, stored.Role));
        var entries = await AdminAuditAsync();
        Assert.Contains(entries, e => e is { Action: AdminAction.CreateDepartment, Target: "闻喜县发改局" } && e.RegionPath == lead.RegionPath && e.Who == "闻喜县负责人");
        Assert.Contains(entries, e => e is { Action: AdminAction.CreateUser, Target: "wx.fagai" });
    }

    [Theory]
    [InlineData("财政局", "闻喜县已有部门“财政局”")]       // a duplicate
    [InlineData("一二三四五六七八九十一二三四五六七八九十一", "20")] // 21 characters
    [InlineData("  ", "部门名称")]                         // blank
    public async Task A_department_name_taken_too_long_or_blank_is_refused_beside_the_name_and_nothing_changes(string name, string said)
    {
        var before = await CountsAsync();

        var outcome = await _host.WithScopeAsync(async s => await s.GetRequiredService<CreateDepartment>().HandleAsync(name, await ActorAsync("wenxi.lead"), default));

        Assert.Equal(OutcomeKind.Invalid, outcome.Kind);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(CreateDepartment.NameField, problem.Field);
        Assert.Contains(said, problem.Text, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task An_official_may_not_manage_departments_and_a_lead_creates_no_other_role_nor_another_countys_account()
    {
        var before = await CountsAsync();
        var official = await ActorAsync("wenxi.official");
        var lead = await ActorAsync("wenxi.lead");

        var byOfficial = await _host.WithScopeAsync(s => s.GetRequiredService<CreateDepartment>().HandleAsync("发改局", official, default));
        var accountByOfficial = await _host.WithScopeAsync(s => s.GetRequiredService<CreateUsers>()
            .HandleAsync("wx.x1", "某人", Roles.DepartmentOfficial, "140823", null, official, default, department: "财政局"));
        var otherRole = await _host.WithScopeAsync(s => s.GetRequiredService<CreateUsers>()
            .HandleAsync("wx.x2", "某人", Roles.CountyOfficial, "140823", null, lead, default));
        var otherCounty = await _host.WithScopeAsync(s => s.GetRequiredService<CreateUsers>()
            .HandleAsync("wx.x3", "某人", Roles.DepartmentOfficial, "140828", null, lead, default, department: "财政局")); // 夏县

        Assert.Equal(("only-lead-manages-departments", OutcomeKind.Refused), (byOfficial.Reason?.Code, byOfficial.Kind));
        Assert.Equal(OutcomeKind.Invalid, accountByOfficial.Kind);
        Assert.Contains(accountByOfficial.Problems, p => p.Field == "Role" && p.Text.Contains("县级负责人只能为本县的部门创建", StringComparison.Ordinal));
        Assert.Contains(otherRole.Problems, p => p.Field == "Role" && p.Text.Contains("县级负责人只能为本县的部门创建", StringComparison.Ordinal));
        Assert.Equal(OutcomeKind.Invalid, otherCounty.Kind);
        Assert.Contains(otherCounty.Problems, p => p.Field == "Region");
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task The_lead_resets_and_disables_only_its_countys_department_accounts()
    {
        var lead = await ActorAsync("wenxi.lead");
        var otherLead = await ActorAsync("xiaxian.lead");
        var caizheng = await UserIdAsync("wenxi.caizheng");
        var official = await UserIdAsync("wenxi.official");
        // A portal has its data-protection key before anyone resets a password; this fresh database makes it now, outside the
        // reset's write (on SQLite a key written beside the write's transaction would wait for its lock).
        await _host.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("warm-up").Protect([1])));

        var reset = await _host.WithScopeAsync(s => s.GetRequiredService<ResetUserPassword>().HandleAsync(caizheng, lead, default));
        var resetOfficial = await _host.WithScopeAsync(s => s.GetRequiredService<ResetUserPassword>().HandleAsync(official, lead, default));
        var disableOfficial = await _host.WithScopeAsync(s => s.GetRequiredService<SetUserActive>().HandleAsync(official, false, lead, default));
        var resetByOtherCounty = await _host.WithScopeAsync(s => s.GetRequiredService<ResetUserPassword>().HandleAsync(caizheng, otherLead, default));
        var disabled = await _host.WithScopeAsync(s => s.GetRequiredService<SetUserActive>().HandleAsync(caizheng, false, lead, default));

        Assert.True(reset.IsDone, reset.Refusal);
        Assert.Equal(16, reset.Value!.OneTimePassword.Length);
        Assert.Equal(OutcomeKind.NotFound, resetOfficial.Kind);
        Assert.Equal(OutcomeKind.NotFound, disableOfficial.Kind);
        Assert.Equal(OutcomeKind.NotFound, resetByOtherCounty.Kind);
        Assert.True(disabled.IsDone, disabled.Refusal);
        var users = await UsersAsync("wenxi.caizheng", "wenxi.official");
        Assert.Equal([("wenxi.caizheng", false, true), ("wenxi.official", true, false)], users.Select(u => (u.UserName, u.IsActive, u.MustChangePassword)));
        var entries = await AdminAuditAsync();
        Assert.Equal(2, entries.Count(e => e.Target == "wenxi.caizheng" && e.Action is AdminAction.ResetPassword or AdminAction.DisableUser));
    }

    [Fact]
    public async Task A_department_with_active_accounts_is_not_disabled_until_they_are()
    {
        var lead = await ActorAsync("wenxi.lead");
        var finance = (await DepartmentsAsync("140823")).Single(d => d.Name == "财政局").Id;

        var refused = await _host.WithScopeAsync(s => s.GetRequiredService<SetDepartmentActive>().HandleAsync(finance, false, lead, default));
        await _host.WithScopeAsync(async s => await s.GetRequiredService<SetUserActive>().HandleAsync(await UserIdAsync("wenxi.caizheng"), false, lead, default));
        var disabled = await _host.WithScopeAsync(s => s.GetRequiredService<SetDepartmentActive>().HandleAsync(finance, false, lead, default));
        var byOtherLead = await _host.WithScopeAsync(async s => await s.GetRequiredService<SetDepartmentActive>().HandleAsync(finance, true, await ActorAsync("xiaxian.lead"), default));

        Assert.Equal(Messages.DepartmentHasActiveUsers("财政局", 1).Text, refused.Refusal);
        Assert.True(disabled.IsDone, disabled.Refusal);
        Assert.Equal(OutcomeKind.NotFound, byOtherLead.Kind);
        Assert.False((await DepartmentsAsync("140823")).Single(d => d.Id == finance).IsActive);
    }

    // Two leads (or two tabs) add the same department at the same moment: one department, the others told it exists.
    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task The_same_department_added_at_once_is_created_exactly_once(int callers)
    {
        var lead = await ActorAsync("wenxi.lead");

        var outcomes = await AtOnce.RunAsync(callers, async (_, gate) =>
        {
            using var scope = _host.Services.CreateScope();
            var create = scope.ServiceProvider.GetRequiredService<CreateDepartment>();
            await gate();
            return await create.HandleAsync("编办", lead, default);
        });

        Assert.Single(await DepartmentsAsync("140823"), d => d.Name == "编办");
        Assert.Equal(1, outcomes.Count(o => o.IsDone));
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.True(
            o.Kind == OutcomeKind.Invalid && o.Problems[0].Text.Contains("已有部门“编办”", StringComparison.Ordinal) || o.Reason == Messages.SaveFailed,
            o.Refusal ?? o.Problems.FirstOrDefault()?.Text));
        Assert.Equal(1, (await AdminAuditAsync()).Count(e => e is { Action: AdminAction.CreateDepartment, Target: "闻喜县编办" }));
    }

    private sealed record StoredUser(string UserName, string? Department, string County, bool IsActive, bool MustChangePassword, string Role);

    private Task<List<StoredUser>> UsersAsync(params string[] names) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var users = await db.Users.Where(u => names.Contains(u.UserName!)).OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.UserName, Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(), u.Region.Code, u.IsActive, u.MustChangePassword,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
            }).ToListAsync();
        return users.Select(u => new StoredUser(u.UserName!, u.Department, u.Code, u.IsActive, u.MustChangePassword, u.Role ?? "")).ToList();
    });

    private Task<List<Department>> DepartmentsAsync(string countyCode) => _host.WithScopeAsync(s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return db.Departments.AsNoTracking().Where(d => db.Regions.Any(r => r.Id == d.CountyId && r.Code == countyCode)).ToListAsync();
    });

    private sealed record AuditLine(AdminAction Action, string Target, string? After, string RegionPath, string Who);

    private Task<List<AuditLine>> AdminAuditAsync() => _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AdminAuditEntries
        .OrderBy(a => a.Id).Select(a => new AuditLine(a.Action, a.Target, a.After, a.RegionPath, a.UserDisplayName)).ToListAsync());

    private Task<string> CountsAsync() => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return $"{await db.Users.CountAsync()}|{await db.Departments.CountAsync()}|{await db.AdminAuditEntries.CountAsync()}";
    });

    private Task<string> UserIdAsync(string userName) =>
        _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<Actor> ActorAsync(string userName) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var user = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return new Actor(user.Id, user.DisplayName, roles, user.Region.Path);
    });
}

public sealed class SqliteDepartmentAccountTests : DepartmentAccountTests<SqliteApplicationHost>;

public sealed class PostgresDepartmentAccountTests : DepartmentAccountTests<PostgresApplicationHost>;
