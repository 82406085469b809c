using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Excel;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// SX-2021's plausibility rules on the real write paths, on both databases (issue 26): a hard rule refuses the form save, the
/// JSON and the Excel import previews and the import itself, naming the field or cell, and nothing is stored; a soft rule is
/// listed in the previews and makes the submission ask for a confirmation. Expected values from the catalog's formulas:
/// (6 + 6) / 6 × 100 = 200 %; (57628 − 1500) / 1500 × 100 = 3741.87 %. Each test starts from its own database.
/// </summary>
public abstract class PlausibilityWriteTests<THost> : IAsyncLifetime
    where THost : ApplicationHost, new()
{
    private readonly THost _host = new();

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();

    private const string Refused200 =
        "学校党组织覆盖率（A01.08）算得 200%，超过 100%（单建党组织覆盖学校数 6所、联建党组织覆盖学校数 6所、应覆盖学校数 6所）：比例和覆盖率不能超过 100%，请核对后修改（不修改不能保存）。";

    [Fact]
    public async Task Six_plus_six_of_six_party_organisations_is_refused_by_the_form_save_and_nothing_is_stored()
    {
        var (id, official) = await CountyAsync("140823", "wenxi.official", Roles.CountyOfficial);
        var before = await StoredAsync(id);

        var saved = await SaveAsync(id, official, "A01_PARTY", ("A01.08.1", "6"), ("A01.08.2", "6"), ("A01.08.3", "6"));

        Assert.Equal(OutcomeKind.Invalid, saved.Kind);
        var problem = Assert.Single(saved.Problems);
        Assert.Equal(("A01.08", Refused200), (problem.Field, problem.Text));
        Assert.Equal(before, await StoredAsync(id));

        // Corrected to 4 + 2 of 6 it is saved.
        var corrected = await SaveAsync(id, official, "A01_PARTY", ("A01.08.1", "4"), ("A01.08.2", "2"), ("A01.08.3", "6"));
        Assert.True(corrected is { IsDone: true, Value.Saved: 3 }, corrected.Refusal);
    }

    [Fact]
    public async Task A_save_breaking_a_rule_with_figures_already_stored_is_refused_and_one_leaving_it_alone_is_not()
    {
        var (id, official) = await CountyAsync("140823", "wenxi.official", Roles.CountyOfficial);
        Assert.True((await SaveAsync(id, official, "A01_PARTY", ("A01.08.1", "6"), ("A01.08.3", "6"))).IsDone);

        // Another office adds 6 joint-organisation schools later: the stored 6 of 6 with it is 200 %.
        var joint = await SaveAsync(id, official, "A01_PARTY", ("A01.08.2", "6"));
        Assert.Equal(("A01.08", Refused200), (Assert.Single(joint.Problems).Field, joint.Problems[0].Text));

        // A figure no rule reads with these is saved as before.
        Assert.True((await SaveAsync(id, official, "A01_PARTY", ("A01.03", "4"))).IsDone);
    }

    [Fact]
    public async Task The_json_import_preview_refuses_at_the_code_and_importing_anyway_stores_nothing()
    {
        var (id, official) = await CountyAsync("140823", "wenxi.official", Roles.CountyOfficial);
        var before = await StoredAsync(id);
        var json = """{"scheme": "SX-2021", "figures": {"A01.08.1": 6, "A01.08.2": 6, "A01.08.3": 6, "A10.01": 10755}}""";

        var plan = await _host.WithScopeAsync(async s => ImportFigures.Plan((await LoadAsync(s, id, official))!, json));

        Assert.Equal(OutcomeKind.Invalid, plan.Kind);
        var problem = Assert.Single(plan.Problems);
        Assert.Equal(("A01.08.1", Refused200), (problem.Field, problem.Text));

        // A plan made before the figures it breaks were there (posted back later) is refused by the write itself.
        var stale = await _host.WithScopeAsync(async s => ImportFigures.Plan((await LoadAsync(s, id, official))!,
            """{"scheme": "SX-2021", "figures": {"A01.08.1": 6, "A01.08.2": 6}}""").Value!);
        Assert.True((await SaveAsync(id, official, "A01_PARTY", ("A01.08.3", "6"))).IsDone);
        var applied = await _host.WithScopeAsync(async s => await s.GetRequiredService<ImportFigures>().ApplyAsync(
            (await LoadAsync(s, id, official))!, stale, stale.Changes.ToDictionary(c => c.Field.Code, c => c.Version), ImportFormat.Json, official, default));
        Assert.Equal(OutcomeKind.Invalid, applied.Kind);
        Assert.Equal(Refused200, Assert.Single(applied.Problems).Text);
        Assert.Equal(new Stored(before.Count + 1, before.Audit + 1), await StoredAsync(id));
    }

    [Fact]
    public async Task The_excel_import_preview_refuses_at_the_cell()
    {
        var (id, official) = await CountyAsync("140823", "wenxi.official", Roles.CountyOfficial);
        const string sheet = "（一）全面加强党对教育工作的领导情况";
        var before = await StoredAsync(id);

        var plan = await _host.WithScopeAsync(async s =>
        {
            var ws = (await LoadAsync(s, id, official))!;
            var workbook = Workbook(ws);
            var rows = new[] { "A01.08.1", "A01.08.2", "A01.08.3" }.Select(c => XlsxEdit.RowOf(workbook, sheet, c)).ToList();
            return (Plan: ImportFigures.PlanWorkbook(ws, new MemoryStream(XlsxEdit.Set(workbook,
                (sheet, $"E{rows[0]}", 6m), (sheet, $"E{rows[1]}", 6m), (sheet, $"E{rows[2]}", 6m)))), Row: rows[0]);
        });

        Assert.Equal(OutcomeKind.Invalid, plan.Plan.Kind);
        var problem = Assert.Single(plan.Plan.Problems);
        Assert.Equal(($"{sheet}!E{plan.Row}", Refused200), (problem.Field, problem.Text));
        Assert.Equal(before, await StoredAsync(id));
    }

    [Fact]
    public async Task Growth_of_3741_87_percent_from_excel_is_a_warning_in_the_preview_and_imported()
    {
        var (id, official) = await CountyAsync("140823", "wenxi.official", Roles.CountyOfficial);
        const string sheet = "（四）财政教育支出情况";

        var plan = await _host.WithScopeAsync(async s =>
        {
            var ws = (await LoadAsync(s, id, official))!;
            var workbook = Workbook(ws);
            return ImportFigures.PlanWorkbook(ws, new MemoryStream(XlsxEdit.Set(workbook,
                (sheet, $"E{XlsxEdit.RowOf(workbook, sheet, "A04.01")}", 57628m), (sheet, $"E{XlsxEdit.RowOf(workbook, sheet, "A04.02")}", 1500m))));
        });

        Assert.True(plan.IsDone, plan.Refusal);
        var warning = Assert.Single(plan.Value!.Warnings);
        Assert.Equal("A04.03", warning.Field.Code);
        Assert.StartsWith("一般公共预算教育支出增长率（A04.03）为 3741.87%，超出 ±50% 的常见范围", warning.Text);
        Assert.False(warning.IsHard);
    }

    [Fact]
    public async Task Submitting_with_an_open_warning_asks_for_a_confirmation_then_records_it()
    {
        var (id, lead) = await CountyAsync("140828", "xiaxian.lead", Roles.CountyLead);
        var figures = XiaxianDemoFigures();
        // 夏县's 57628 against 1500: A04.03 +3741.87 %; per student (34642 and 35062 students) A04.06 +3788.45 %: two warnings.
        figures["A04.02"] = FieldValue.Of(1500m);
        await CountyFigures.ImportAsync(_host.Services, id, "xiaxian.official", figures);

        var unconfirmed = await SubmitAsync(id, lead, warningsConfirmed: false);
        Assert.Equal((OutcomeKind.Refused, "warnings-unconfirmed"), (unconfirmed.Kind, unconfirmed.Reason!.Code));
        Assert.Contains("还有 2 条数据提示未处理", unconfirmed.Refusal);
        Assert.Equal(EvaluationStatus.Draft, await StatusAsync(id));

        var confirmed = await SubmitAsync(id, lead, warningsConfirmed: true);
        Assert.True(confirmed.IsDone, confirmed.Refusal);
        Assert.Equal(EvaluationStatus.Submitted, await StatusAsync(id));
        var step = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvaluationTransitions.AsNoTracking()
            .Where(t => t.EvaluationId == id).OrderByDescending(t => t.Id).Select(t => t.Reason).FirstAsync());
        Assert.Contains("提交时有 2 条数据提示，县级负责人已核对并确认属实", step);
    }

    [Fact]
    public async Task Without_warnings_submitting_asks_nothing_more()
    {
        var (id, lead) = await CountyAsync("140828", "xiaxian.lead", Roles.CountyLead);
        await CountyFigures.ImportAsync(_host.Services, id, "xiaxian.official", XiaxianDemoFigures());
        var submitted = await SubmitAsync(id, lead, warningsConfirmed: false);
        Assert.True(submitted.IsDone, submitted.Refusal);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Parts_saved_at_once_that_each_pass_alone_never_store_200_percent_together(int atOnce)
    {
        var (id, official) = await CountyAsync("140823", "wenxi.official", Roles.CountyOfficial);
        Assert.True((await SaveAsync(id, official, "A01_PARTY", ("A01.08.3", "6"))).IsDone);

        // Half the offices enter 6 standalone-organisation schools, half 6 joint ones: each alone is 100 %, both 200 %.
        var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var s = scope.ServiceProvider;
            var ws = (await LoadAsync(s, id, official))!;
            await gate();
            var code = i % 2 == 0 ? "A01.08.1" : "A01.08.2";
            return await s.GetRequiredService<FigureWriter>().WriteAsync(ws, official, [new FigureChange(code, FieldValue.Of(6m), 0)], null, AuditSource.Form, default);
        });

        var stored = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FigureValues.AsNoTracking()
            .Where(f => f.EvaluationId == id && (f.FieldCode == "A01.08.1" || f.FieldCode == "A01.08.2")).ToListAsync());
        Assert.Single(stored); // one of the two, never both
        Assert.Equal(1, outcomes.Count(o => o is { IsDone: true, Value.Saved: 1 }));
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.Equal((OutcomeKind.Invalid, Refused200), (o.Kind, o.Problems[0].Text)));
        var audited = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AuditEntries.AsNoTracking()
            .CountAsync(a => a.EvaluationId == id && (a.Target == "A01.08.1" || a.Target == "A01.08.2")));
        Assert.Equal(1, audited);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task A_part_raised_and_its_total_lowered_at_once_never_store_more_private_than_all_kindergartens(int atOnce)
    {
        // Attacker's review: the part and its total are two different fields, changed by two users at once. 5 private of 10
        // kindergartens; half lower the total to 6 (5 of 6 holds), half raise the private ones to 8 (8 of 10 holds); together 8 of 6.
        var (id, official) = await CountyAsync("140823", "wenxi.official", Roles.CountyOfficial);
        var (_, lead) = await CountyAsync("140823", "wenxi.lead", Roles.CountyLead);
        Assert.True((await SaveAsync(id, official, "A10_PRESCHOOL", ("A10.09.1", "10"), ("A10.09.2", "5"))).IsDone);
        var versions = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FigureValues.AsNoTracking()
            .Where(f => f.EvaluationId == id && (f.FieldCode == "A10.09.1" || f.FieldCode == "A10.09.2")).ToDictionaryAsync(f => f.FieldCode, f => f.Version));

        var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var s = scope.ServiceProvider;
            var actor = i % 2 == 0 ? official : lead;
            var ws = (await LoadAsync(s, id, actor))!;
            await gate();
            var change = i % 2 == 0 ? new FigureChange("A10.09.1", FieldValue.Of(6m), versions["A10.09.1"]) : new FigureChange("A10.09.2", FieldValue.Of(8m), versions["A10.09.2"]);
            return await s.GetRequiredService<FigureWriter>().WriteAsync(ws, actor, [change], null, AuditSource.Form, default);
        });

        var stored = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().FigureValues.AsNoTracking()
            .Where(f => f.EvaluationId == id && (f.FieldCode == "A10.09.1" || f.FieldCode == "A10.09.2")).ToDictionaryAsync(f => f.FieldCode, f => f.Number));
        Assert.True(stored["A10.09.2"] <= stored["A10.09.1"], $"stored {stored["A10.09.2"]} private of {stored["A10.09.1"]}");
        Assert.Contains(outcomes, o => o is { IsDone: true, Value.Saved: 1 });
        Assert.All(outcomes.Where(o => !o.IsDone), o => Assert.Contains(o.Kind, new[] { OutcomeKind.Invalid, OutcomeKind.Conflict }));
    }

    // 夏县's complete demo figures (every required one): it can be submitted.
    private static Dictionary<string, FieldValue> XiaxianDemoFigures()
    {
        using var resource = typeof(Demo.DemoData).Assembly.GetManifestResourceStream("EduDuty.Application.Demo.xiaxian-2021.figures.json")!;
        var file = FiguresFileReader.Read(new StreamReader(resource).ReadToEnd(), Core.Schemes.BuiltInSchemes.Get("SX-2021")).File!;
        return file.Values.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    private static byte[] Workbook(Workspace ws) => CountyWorkbook.Write(new CountyWorkbookContent(ws.Result, ws.County, null, ws.Year,
        ws.FigureRows.ToDictionary(p => p.Key, p => p.Value.Version), new Dictionary<string, FieldValue>(), TestClock.Start.UtcDateTime));

    private Task<Outcome<FiguresWritten>> SaveAsync(int id, Actor actor, string area, params (string Code, string Raw)[] values) => _host.WithScopeAsync(async s =>
    {
        var ws = (await LoadAsync(s, id, actor))!;
        var form = new AreaForm();
        foreach (var (code, raw) in values)
        {
            form.Values[code] = raw;
            form.Base[code] = ws.FigureRows.GetValueOrDefault(code)?.ToValue()?.ToInvariantString();
            form.Versions[code] = ws.FigureRows.GetValueOrDefault(code)?.Version ?? 0;
        }

        return await s.GetRequiredService<SaveArea>().HandleAsync(ws, ws.Scheme.FindArea(area)!, form, actor, default);
    });

    private Task<Outcome<Unit>> SubmitAsync(int id, Actor lead, bool warningsConfirmed) => _host.WithScopeAsync(async s =>
        await s.GetRequiredService<ReviewTransitions>().SubmitAsync((await LoadAsync(s, id, lead))!, lead, true, false, warningsConfirmed, default));

    private record struct Stored(int Count, int Audit);

    private Task<Stored> StoredAsync(int id) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return new Stored(await db.FigureValues.CountAsync(f => f.EvaluationId == id), await db.AuditEntries.CountAsync(a => a.EvaluationId == id));
    });

    private Task<EvaluationStatus> StatusAsync(int id) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().Evaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync());

    private Task<(int Id, Actor Actor)> CountyAsync(string county, string userName, string role) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var id = await db.Evaluations.Where(e => e.County.Code == county && e.Year == 2021).Select(e => e.Id).SingleAsync();
        await db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Draft));
        var user = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        return (id, new Actor(user.Id, user.DisplayName, [role], user.Region.Path));
    });

    private static Task<Workspace?> LoadAsync(IServiceProvider s, int id, Actor actor) => s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default);
}

public sealed class SqlitePlausibilityWriteTests : PlausibilityWriteTests<SqliteApplicationHost>;

public sealed class PostgresPlausibilityWriteTests : PlausibilityWriteTests<PostgresApplicationHost>;
