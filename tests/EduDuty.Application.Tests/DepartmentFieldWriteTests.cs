using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Departments;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// The per-field rule on the one write path (issue 30), on both databases: the demo's 财政局 user of 闻喜县 writes the fields
/// the scheme names for 财政局 (A04.01, "县财政部门预算执行报表" in the scheme file), never the education bureau's, never an
/// area's text, never a field it sent or the county accepted; each refusal changes nothing. What it writes is audited with
/// its department's name.
/// </summary>
public abstract class DepartmentFieldWriteTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_department_writes_its_own_field_and_the_audit_names_the_department()
    {
        var (id, finance) = await SetUpAsync();
        var written = await WriteAsync(id, finance, "A04.01", 123456m);

        Assert.True(written.IsDone, written.Refusal);
        var entry = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AuditEntries
            .Where(a => a.EvaluationId == id && a.Target == "A04.01").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(("闻喜县财政局填报员（财政局）", "123456", "部门填报"), (entry.UserDisplayName, entry.NewValue, entry.Source.Text()));
    }

    [Fact]
    public async Task Another_owners_field_a_text_and_a_field_the_county_accepted_are_refused_and_change_nothing()
    {
        var (id, finance) = await SetUpAsync();
        var before = await FiguresAsync(id);

        var education = await WriteAsync(id, finance, "A10.05", 1m); // 教育事业统计年报: the education bureau's
        var text = await _host.WithScopeAsync(async s => await s.GetRequiredService<FigureWriter>().WriteAsync(
            (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, finance, default))!, finance, [],
            new NarrativeChange("A04_FINANCE", "财政局写的文字", 0), AuditSource.Department, default));
        await StateAsync(id, finance.DepartmentId!.Value, "A04.01", DepartmentFieldStatus.Accepted);
        var accepted = await WriteAsync(id, finance, "A04.01", 1m);

        Assert.Equal("not-your-department-field", education.Reason?.Code);
        Assert.Equal("department-use-own-page", text.Reason?.Code);
        Assert.Equal("department-field-accepted", accepted.Reason?.Code);
        Assert.Equal(before, await FiguresAsync(id));

        // The county may still change the accepted figure.
        var official = await ActorAsync("wenxi.official", Roles.CountyOfficial);
        Assert.True((await WriteAsync(id, official, "A04.01", 7m)).IsDone);
    }

    [Fact]
    public async Task A_submitted_evaluation_is_locked_for_its_departments_too()
    {
        var (id, finance) = await SetUpAsync();
        await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Submitted)));

        var refused = await WriteAsync(id, finance, "A04.01", 1m);

        Assert.Equal("submitted-lock", refused.Reason?.Code);
    }

    private async Task<(int Id, Actor Finance)> SetUpAsync()
    {
        var id = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Evaluations
            .Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync());
        return (id, await ActorAsync("wenxi.caizheng", Roles.DepartmentOfficial));
    }

    private Task<Outcome<FiguresWritten>> WriteAsync(int id, Actor actor, string code, decimal value) => _host.WithScopeAsync(async s =>
    {
        var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default))!;
        var version = workspace.FigureRows.GetValueOrDefault(code)?.Version ?? 0;
        var source = actor.IsDepartmentUser ? AuditSource.Department : AuditSource.Form;
        return await s.GetRequiredService<FigureWriter>().WriteAsync(workspace, actor, [new FigureChange(code, FieldValue.Of(value), version)], null, source, default);
    });

    private Task<int> StateAsync(int id, int department, string code, DepartmentFieldStatus status) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        db.DepartmentFieldStates.Add(new DepartmentFieldState { EvaluationId = id, FieldCode = code, DepartmentId = department, Status = status, Version = 1 });
        return await db.SaveChangesAsync();
    });

    private Task<string> FiguresAsync(int id) => _host.WithScopeAsync(async s =>
        string.Join(";", await s.GetRequiredService<EduDutyDbContext>().FigureValues.Where(f => f.EvaluationId == id)
            .OrderBy(f => f.FieldCode).Select(f => f.FieldCode + "=" + f.Number + f.Flag + f.Text + "@" + f.Version).ToListAsync()));

    private Task<Actor> ActorAsync(string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var user = await s.GetRequiredService<EduDutyDbContext>().Users.Include(u => u.Region).Include(u => u.Department).SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName, [role], user.Region.Path) { DepartmentId = user.DepartmentId, DepartmentName = user.Department?.Name };
    });
}

public sealed class SqliteDepartmentFieldWriteTests : DepartmentFieldWriteTests<SqliteApplicationHost>;

public sealed class PostgresDepartmentFieldWriteTests : DepartmentFieldWriteTests<PostgresApplicationHost>;
