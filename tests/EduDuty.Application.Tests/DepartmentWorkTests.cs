using EduDuty.Application.Departments;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Excel;
using EduDuty.Core.Departments;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Excel;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EduDuty.Application.Tests;

/// <summary>
/// A department's own part of an evaluation (issue 30, part B; decision 0054), on both databases: its page reads only the
/// fields the scheme file gives it (SX-2021's <c>"department": "财政局"</c> values, read from the JSON here); a save of another
/// office's field is refused by name and stores nothing; 报送 asks about empty fields, moves every open field to 已报送, audits
/// each and tells the county's officials and lead; after it no field changes, also when 8 or 50 saves race it; the
/// department's workbook holds only its rows and its upload takes only its cells. Each test class has its own database.
/// </summary>
public abstract class DepartmentWorkTests<THost> : IClassFixture<THost>
    where THost : ApplicationHost
{
    private const string Finance = "财政局";

    private readonly THost _host;
    private readonly ITestOutputHelper _output;

    protected DepartmentWorkTests(THost host, ITestOutputHelper output)
    {
        (_host, _output) = (host, output);
        host.Clock.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
    }

    private static List<string> SchemeFieldsOf(string department) => SchemeDepartments.FieldsOf(department).ToList();

    [Fact]
    public async Task The_desk_holds_the_fields_the_scheme_file_gives_the_department_and_nothing_else()
    {
        var (id, finance, _) = await ResetAsync();
        var expected = SchemeFieldsOf(Finance);
        Assert.NotEmpty(expected);

        var desk = await DeskAsync(id, finance);
        Assert.Equal(expected, desk.Fields.Select(f => f.Code).ToList());
        Assert.All(desk.Fields, f => Assert.Equal(DepartmentFieldStatus.Open, desk.OwnerOf(f.Code).Status));
        // The indicators shown beside them: every formula of the file that reads one of them (directly or through another).
        Assert.Equal(SchemeDepartments.Fed(expected), desk.Fed.Select(f => f.Code).ToList());
        Assert.Contains("A04.07", desk.Fed.Select(f => f.Code)); // 教育支出占一般公共预算支出比例 = [A04.01] / [A04.07.1] × 100
        _output.WriteLine($"{typeof(THost).Name}: {Finance} owns {expected.Count} fields and feeds {desk.Fed.Count} indicators");
    }

    [Fact]
    public async Task A_save_naming_another_offices_field_is_refused_by_name_and_stores_nothing()
    {
        var (id, finance, _) = await ResetAsync();
        var mine = SchemeFieldsOf(Finance)[0];
        const string education = "A10.01"; // 学前三年适龄人口: the education bureau's (no department in the scheme file)
        Assert.DoesNotContain(education, SchemeFieldsOf(Finance));
        var before = await StoredAsync(id);

        var outcome = await _host.WithScopeAsync(async s =>
        {
            var desk = await DeskAsync(s, id, finance);
            var form = new AreaForm();
            form.Values[mine] = "100";
            form.Values[education] = "10755";
            return await s.GetRequiredService<SaveDepartmentFields>().HandleAsync(desk, form, finance, default);
        });

        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
        Assert.Equal(Messages.NotYourDepartmentField(education).Text, outcome.Refusal);
        Assert.Equal(before, await StoredAsync(id));
    }

    [Fact]
    public async Task Submission_asks_about_the_empty_fields_then_sends_every_open_field_audits_and_tells_the_county()
    {
        var (id, finance, countyUsers) = await ResetAsync();
        var codes = SchemeFieldsOf(Finance);
        var filled = codes.Take(2).ToList();
        foreach (var code in filled) Assert.True((await AutosaveAsync(id, finance, code, "1000")).IsDone);

        // Not confirmed: the empty ones are listed, nothing moves.
        var asked = await SubmitAsync(id, finance, []);
        Assert.Equal(Messages.DepartmentEmptyFieldsCode, asked.Reason?.Code);
        Assert.StartsWith($"以下 {codes.Count - 2} 项尚未填写，确认报送？", asked.Refusal);
        Assert.Empty(await StatesAsync(id));

        var empty = codes.Skip(2).ToList();
        var sent = await SubmitAsync(id, finance, empty);
        Assert.True(sent.IsDone, sent.Refusal);
        Assert.Equal((codes.Count, empty.Count), (sent.Value!.Sent, sent.Value.Empty));

        var states = await StatesAsync(id);
        Assert.Equal(codes.Order(StringComparer.Ordinal), states.Keys.Order(StringComparer.Ordinal));
        Assert.All(states.Values, s => Assert.Equal(DepartmentFieldStatus.Submitted, s));
        var audit = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.EvaluationId == id && a.Kind == AuditKind.DepartmentPart).ToListAsync());
        Assert.Equal(codes.Order(StringComparer.Ordinal), audit.Select(a => a.Target).Order(StringComparer.Ordinal));
        Assert.All(audit, a => Assert.Equal(("待报送", "已报送"), (a.OldValue, a.NewValue)));
        var told = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Text.StartsWith(Finance + "已报送")).Select(n => n.UserId).ToListAsync());
        Assert.Equal(countyUsers.Order(StringComparer.Ordinal), told.Order(StringComparer.Ordinal));

        // Sent: the department may change none of them, and there is nothing left to send.
        var late = await AutosaveAsync(id, finance, filled[0], "2000");
        Assert.Equal(Messages.DepartmentFieldSubmitted(filled[0]).Text, late.Refusal);
        Assert.Equal(Messages.DepartmentNothingToSubmit.Text, (await SubmitAsync(id, finance, [])).Refusal);
    }

    [Theory]
    [InlineData(8, 3)]
    [InlineData(50, 2)]
    public async Task Saves_started_with_the_submission_land_before_it_or_are_refused_and_no_field_changes_after_it(int atOnce, int rounds)
    {
        var codes = SchemeFieldsOf(Finance);
        var (landed, refused) = (0, 0);
        for (var round = 0; round < rounds; round++)
        {
            var (id, finance, _) = await ResetAsync();
            var submitAt = new Random(round).Next(atOnce);
            var outcomes = await AtOnce.RunAsync(atOnce, async (i, gate) =>
            {
                await using var scope = _host.Services.CreateAsyncScope();
                var s = scope.ServiceProvider;
                var desk = await DeskAsync(s, id, finance);
                if (i == submitAt)
                {
                    await gate();
                    var submitted = await s.GetRequiredService<SubmitDepartmentPart>().HandleAsync(desk, codes, finance, default);
                    return (Save: false, Done: submitted.IsDone, Message: submitted.Refusal);
                }

                var code = codes[i % codes.Count];
                var form = new AreaForm();
                // One amount for every field of the round: its shares (education within total spending) stay at most 100 %.
                form.Values[code] = (1000 + round).ToString(System.Globalization.CultureInfo.InvariantCulture);
                form.Base[code] = desk.Workspace.FigureRows.GetValueOrDefault(code)?.ToValue()?.ToInvariantString();
                form.Versions[code] = desk.Workspace.FigureRows.GetValueOrDefault(code)?.Version ?? 0;
                await gate();
                var saved = await s.GetRequiredService<AutosaveField>().FigureAsync(desk.Workspace, form, finance, default);
                return (Save: true, Done: saved.IsDone, Message: saved.Refusal);
            });

            var submission = Assert.Single(outcomes, o => !o.Save);
            Assert.True(submission.Done, submission.Message);
            var (sentAt, changedAt) = await _host.WithScopeAsync(async s =>
            {
                var db = s.GetRequiredService<EduDutyDbContext>();
                var at = await db.DepartmentFieldStates.Where(x => x.EvaluationId == id).Select(x => x.AtUtc).Distinct().SingleAsync();
                var changes = await db.AuditEntries.AsNoTracking().Where(a => a.EvaluationId == id && a.Kind == AuditKind.Figure).Select(a => a.AtUtc).ToListAsync();
                var rows = await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == id).Select(f => f.UpdatedAtUtc).ToListAsync();
                return (at, changes.Concat(rows).ToList());
            });
            Assert.DoesNotContain(changedAt, at => at > sentAt);
            foreach (var (_, done, message) in outcomes.Where(o => o.Save))
            {
                if (done) landed++;
                else
                {
                    refused++;
                    // After the submission: the field's lock. Before it: a colleague's save of the same field a moment earlier.
                    Assert.True(message!.Contains("已报送", StringComparison.Ordinal) || message.Contains("他人修改", StringComparison.Ordinal), message);
                }
            }
        }

        _output.WriteLine($"{typeof(THost).Name}: {atOnce} at once × {rounds} rounds: {landed} saves landed before the submission, {refused} refused");
        Assert.Equal((atOnce - 1) * rounds, landed + refused);
    }

    [Fact]
    public async Task The_department_workbook_has_only_its_rows_and_its_upload_takes_only_its_cells()
    {
        var (id, finance, _) = await ResetAsync();
        var codes = SchemeFieldsOf(Finance);

        var workbook = await _host.WithScopeAsync(async s =>
        {
            var desk = await DeskAsync(s, id, finance);
            var written = await s.GetRequiredService<CountyWorkbookDownload>().HandleAsync(desk.Workspace, desk.Part, default);
            Assert.True(written.IsDone, written.Refusal);
            Assert.Equal($"闻喜县-2021-{Finance}-填报表.xlsx", written.Value.FileName);
            return written.Value.Content;
        });
        var scheme = Core.Schemes.BuiltInSchemes.Get("SX-2021");
        var read = CountyWorkbookReader.Read(new MemoryStream(workbook), _ => (scheme, []));
        Assert.True(read.IsValid);
        Assert.Equal(codes, read.Entries.Select(e => e.Field.Code).ToList());
        Assert.Equal(Finance, read.Cover!.Department);

        // Round trip: one of its cells edited in the file is imported, through the guarded write, audited as Excel.
        var first = read.Entries[0];
        var (sheet, cell) = Split(first.Location);
        var edited = XlsxEdit.Set(workbook, (sheet, cell, 4321m));
        var imported = await ImportAsync(id, finance, edited);
        Assert.True(imported.IsDone, imported.Refusal ?? string.Join("；", imported.Problems.Select(p => p.Text)));
        Assert.Equal(4321m, (await StoredNumbersAsync(id))[first.Field.Code]);
        var entry = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.EvaluationId == id && a.Target == first.Field.Code).SingleAsync());
        Assert.Equal((AuditSource.Department, "4321"), (entry.Source, entry.NewValue));
    }

    [Fact]
    public async Task An_edited_cell_of_another_office_in_the_uploaded_file_is_refused_at_its_cell_and_nothing_is_imported()
    {
        var (id, finance, _) = await ResetAsync();
        var mine = SchemeFieldsOf(Finance)[0];
        const string education = "A10.01";
        var county = await _host.WithScopeAsync(async s =>
        {
            var ws = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, finance, default))!;
            return CountyWorkbook.Write(new CountyWorkbookContent(ws.Result, ws.County, null, ws.Year,
                ws.FigureRows.ToDictionary(p => p.Key, p => p.Value.Version), new Dictionary<string, Core.Figures.FieldValue>(), TestClock.Start.UtcDateTime));
        });
        var scheme = Core.Schemes.BuiltInSchemes.Get("SX-2021");
        var mineSheet = scheme.FindArea(scheme.FindField(mine)!.AreaKey)!.Heading;
        var otherSheet = scheme.FindArea("A10_PRESCHOOL")!.Heading;
        var otherRow = XlsxEdit.RowOf(county, otherSheet, education);
        var before = await StoredAsync(id);

        var both = await ImportAsync(id, finance, XlsxEdit.Set(county,
            (mineSheet, $"E{XlsxEdit.RowOf(county, mineSheet, mine)}", 100m), (otherSheet, $"E{otherRow}", 10755m)));
        Assert.Equal(OutcomeKind.Invalid, both.Kind);
        var problem = Assert.Single(both.Problems);
        Assert.Equal(($"{otherSheet}!E{otherRow}", Messages.WorkbookCellNotYours(scheme.FindField(education)!.NameZh, education, Finance).Text), (problem.Field, problem.Text));
        Assert.Equal(before, await StoredAsync(id));

        // The county's whole workbook with only the department's cell edited: that cell is taken, the others passed over.
        var only = await ImportAsync(id, finance, XlsxEdit.Set(county, (mineSheet, $"E{XlsxEdit.RowOf(county, mineSheet, mine)}", 100m)));
        Assert.True(only.IsDone, only.Refusal);
        Assert.Equal([mine], (await StoredNumbersAsync(id)).Keys.ToList());
    }

    [Fact]
    public async Task Evidence_goes_to_the_departments_fields_and_the_indicators_they_feed_and_nowhere_else()
    {
        var (id, finance, _) = await ResetAsync();
        var mine = SchemeFieldsOf(Finance)[0]; // A04.01 一般公共预算教育支出(本期)
        var scheme = Core.Schemes.BuiltInSchemes.Get("SX-2021");

        var own = await AttachAsync(id, finance, Evidence.EvidenceTarget.Resolve(scheme, mine)!, "预算执行表");
        var fed = await AttachAsync(id, finance, Evidence.EvidenceTarget.Resolve(scheme, "A04.07")!, "教育支出占比说明");
        Assert.True(own.IsDone, own.Refusal);
        Assert.True(fed.IsDone, fed.Refusal);

        var education = await AttachAsync(id, finance, Evidence.EvidenceTarget.Resolve(scheme, "A10.03")!, "毛入园率");
        var whole = await AttachAsync(id, finance, Evidence.EvidenceTarget.Whole, "总体材料");
        Assert.Equal(Messages.DepartmentEvidenceNotYours($"{scheme.FindField("A10.03")!.NameZh}（A10.03）").Text, education.Refusal);
        Assert.Equal(Messages.DepartmentEvidenceNotYours(Core.Schemes.Scheme.WholeEvaluation).Text, whole.Refusal);
        var stored = await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceFiles.AsNoTracking()
            .Where(f => f.EvaluationId == id).Select(f => new { f.FieldCode, f.UploadedByName }).ToListAsync());
        Assert.Equal([mine, "A04.07"], stored.Select(f => f.FieldCode!).Order(StringComparer.Ordinal).ToList());
        Assert.All(stored, f => Assert.Equal("闻喜县财政局填报员（财政局）", f.UploadedByName));
    }

    // Found by the attacker review: once its part is sent (已报送) or accepted (已采纳), a department still added evidence to it.
    [Fact]
    public async Task Evidence_locks_for_the_department_with_the_fields_it_sent_and_opens_again_with_a_return()
    {
        var (id, finance, _) = await ResetAsync();
        var codes = SchemeFieldsOf(Finance);
        var mine = codes[0]; // A04.01
        var scheme = Core.Schemes.BuiltInSchemes.Get("SX-2021");
        Assert.True((await SubmitAsync(id, finance, codes)).IsDone);

        var own = await AttachAsync(id, finance, Evidence.EvidenceTarget.Resolve(scheme, mine)!, "预算执行表");
        var fed = await AttachAsync(id, finance, Evidence.EvidenceTarget.Resolve(scheme, "A04.07")!, "教育支出占比说明");

        Assert.False(own.IsDone);
        Assert.Equal(Messages.DepartmentEvidenceLocked($"{scheme.FindField(mine)!.NameZh}（{mine}）").Text, own.Refusal);
        Assert.Equal(Messages.DepartmentEvidenceLocked($"{scheme.FindField("A04.07")!.NameZh}（A04.07）").Text, fed.Refusal);
        Assert.Equal(0, await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceFiles.CountAsync(f => f.EvaluationId == id)));

        // The county returns the field: it is with the department again, and so is its evidence.
        await _host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().DepartmentFieldStates.Where(f => f.EvaluationId == id && f.FieldCode == mine)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.Status, DepartmentFieldStatus.Returned)));
        var again = await AttachAsync(id, finance, Evidence.EvidenceTarget.Resolve(scheme, mine)!, "预算执行表");
        Assert.True(again.IsDone, again.Refusal);
    }

    private Task<Outcome<EvidenceFile>> AttachAsync(int id, Actor actor, Evidence.EvidenceTarget target, string title) => _host.WithScopeAsync(async s =>
    {
        var workspace = (await s.GetRequiredService<WorkspaceLoader>().LoadAsync(id, actor, default))!;
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. System.Text.Encoding.UTF8.GetBytes(title), .. new byte[64]];
        return await s.GetRequiredService<Evidence.AttachEvidence>().HandleAsync(workspace, target, new Evidence.EvidenceUpload(title + ".png", new MemoryStream(png)),
            new Evidence.EvidenceDetails(title, null, null), actor, default);
    });

    private static (string Sheet, string Cell) Split(string location)
    {
        var bang = location.LastIndexOf('!');
        return (location[..bang], location[(bang + 1)..]);
    }

    // 闻喜县 2021 as a fresh draft: no figures, states, audit or notifications; 财政局 active. The 财政局 user and the county's users.
    private async Task<(int Id, Actor Finance, List<string> CountyUsers)> ResetAsync() => await _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var id = await db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021).Select(e => e.Id).SingleAsync();
        await db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Draft));
        await db.FigureValues.Where(f => f.EvaluationId == id).ExecuteDeleteAsync();
        await db.DepartmentFieldStates.Where(f => f.EvaluationId == id).ExecuteDeleteAsync();
        await db.FieldAssignments.Where(f => f.EvaluationId == id).ExecuteDeleteAsync();
        await db.AuditEntries.Where(a => a.EvaluationId == id).ExecuteDeleteAsync();
        await db.Notifications.ExecuteDeleteAsync();
        await db.EvidenceFiles.Where(f => f.EvaluationId == id).ExecuteDeleteAsync();
        var user = await db.Users.Where(u => u.UserName == "wenxi.caizheng").Select(u => new { u.Id, u.DisplayName, u.Region.Path, u.DepartmentId, Department = u.Department!.Name }).SingleAsync();
        var finance = new Actor(user.Id, user.DisplayName, [Roles.DepartmentOfficial], user.Path) { DepartmentId = user.DepartmentId, DepartmentName = user.Department };
        var county = await s.GetRequiredService<Notifications.Inbox>().CountyUsersAsync(user.Path, default);
        return (id, finance, county);
    });

    private Task<DepartmentDesk> DeskAsync(int id, Actor actor) => _host.WithScopeAsync(s => DeskAsync(s, id, actor));

    private static async Task<DepartmentDesk> DeskAsync(IServiceProvider s, int id, Actor actor) =>
        await s.GetRequiredService<DepartmentDeskLoader>().LoadAsync(id, actor, default) ?? throw new InvalidOperationException("no desk");

    private Task<Outcome<FieldSaved>> AutosaveAsync(int id, Actor actor, string code, string raw) => _host.WithScopeAsync(async s =>
    {
        var desk = await DeskAsync(s, id, actor);
        var form = new AreaForm();
        form.Values[code] = raw;
        form.Base[code] = desk.Workspace.FigureRows.GetValueOrDefault(code)?.ToValue()?.ToInvariantString();
        form.Versions[code] = desk.Workspace.FigureRows.GetValueOrDefault(code)?.Version ?? 0;
        return await s.GetRequiredService<AutosaveField>().FigureAsync(desk.Workspace, form, actor, default);
    });

    private Task<Outcome<DepartmentSubmitted>> SubmitAsync(int id, Actor actor, IReadOnlyCollection<string> confirmed) => _host.WithScopeAsync(async s =>
        await s.GetRequiredService<SubmitDepartmentPart>().HandleAsync(await DeskAsync(s, id, actor), confirmed, actor, default));

    private Task<Outcome<ImportPlan>> ImportAsync(int id, Actor actor, byte[] workbook) => _host.WithScopeAsync(async s =>
        await s.GetRequiredService<ImportDepartmentWorkbook>().HandleAsync(await DeskAsync(s, id, actor), new MemoryStream(workbook), actor, default));

    private Task<Dictionary<string, DepartmentFieldStatus>> StatesAsync(int id) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().DepartmentFieldStates.AsNoTracking().Where(x => x.EvaluationId == id).ToDictionaryAsync(x => x.FieldCode, x => x.Status));

    private Task<Dictionary<string, decimal?>> StoredNumbersAsync(int id) => _host.WithScopeAsync(s =>
        s.GetRequiredService<EduDutyDbContext>().FigureValues.AsNoTracking().Where(f => f.EvaluationId == id && f.Number != null).ToDictionaryAsync(f => f.FieldCode, f => f.Number));

    private record struct Stored(int Figures, int Audit, int States);

    private Task<Stored> StoredAsync(int id) => _host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        return new Stored(await db.FigureValues.CountAsync(f => f.EvaluationId == id), await db.AuditEntries.CountAsync(a => a.EvaluationId == id),
            await db.DepartmentFieldStates.CountAsync(f => f.EvaluationId == id));
    });
}

public sealed class SqliteDepartmentWorkTests(SqliteApplicationHost host, ITestOutputHelper output) : DepartmentWorkTests<SqliteApplicationHost>(host, output);

public sealed class PostgresDepartmentWorkTests(PostgresApplicationHost host, ITestOutputHelper output) : DepartmentWorkTests<PostgresApplicationHost>(host, output);
