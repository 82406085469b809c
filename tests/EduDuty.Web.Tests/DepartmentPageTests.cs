using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EduDuty.Core.Departments;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Excel;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// 本部门填报 over HTTP (issue 30, part B; decision 0054), on both databases: 闻喜县's 财政局 user sees exactly the fields the
/// scheme file gives 财政局 (its <c>"department"</c> values) as inputs, and only the judgments of what they feed; another
/// county's evaluation is 404 and the county's users are refused the folder; a forged POST of an education-bureau field is
/// refused and changes nothing; autosave stores the figure as 部门填报 under the department's name; 报送 asks about the empty
/// fields, then locks the inputs; the workbook downloads with only the department's rows.
/// </summary>
public abstract class DepartmentPageTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string User = "wenxi.caizheng";

    private static readonly IReadOnlyList<string> Finance = SchemeDepartments.FieldsOf("财政局");

    private string PageUrl => $"/Departments/{Id}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.WithDbAsync(async db =>
        {
            await db.DepartmentFieldStates.Where(s => s.EvaluationId == Id).ExecuteDeleteAsync();
            await db.EvidenceFiles.Where(f => f.EvaluationId == Id).ExecuteDeleteAsync();
            return await db.FieldAssignments.Where(s => s.EvaluationId == Id).ExecuteDeleteAsync();
        });
    }

    [Fact]
    public async Task The_page_has_an_input_for_each_field_the_scheme_gives_the_department_and_no_other()
    {
        var finance = await PortalClient.For(Factory).SignedInAsync(User);
        var page = await finance.GetDocumentAsync(PageUrl);

        var inputs = page.QuerySelectorAll("#area-form li.field-row:not(.derived)").Select(r => r.GetAttribute("data-code")!).ToList();
        Assert.Equal(Finance, inputs);
        // The judgments beside them are the indicators they feed: shown, never as inputs.
        Assert.All(page.QuerySelectorAll("#area-form li.field-row.derived"), r => Assert.Null(r.QuerySelector("input[name^='Form.Values']")));
        Assert.Equal(Finance.Count, page.QuerySelectorAll("#area-form input[name^='Form.Versions']").Length);
        Assert.Equal(Finance.Count, page.QuerySelectorAll(".department-state").Count(s => s.TextContent == DepartmentFieldStatus.Open.DisplayName()));
        Assert.NotNull(page.QuerySelector("#submit-form"));
        Assert.NotNull(page.QuerySelector("#workbook-download"));
    }

    [Fact]
    public async Task The_page_names_the_internal_deadline_the_lead_set()
    {
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.DepartmentDeadline, (DateOnly?)new DateOnly(2021, 11, 20))));
        try
        {
            var page = await (await PortalClient.For(Factory).SignedInAsync(User)).GetDocumentAsync(PageUrl);
            Assert.Contains("内部截止日期：2021年11月20日", page.QuerySelector("#internal-deadline")!.TextContent);
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.DepartmentDeadline, (DateOnly?)null)));
        }
    }

    [Fact]
    public async Task Another_countys_evaluation_is_not_found_and_the_countys_users_are_refused_the_page()
    {
        var finance = await PortalClient.For(Factory).SignedInAsync(User);
        var other = await Wenxi.EvaluationIdAsync(Factory, "140828"); // 夏县
        Assert.Equal(HttpStatusCode.NotFound, (await finance.Http.GetAsync($"/Departments/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.Http.GetAsync("/Departments/999999")).StatusCode);

        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        Assert.StartsWith("/Account/AccessDenied", (await official.Http.GetAsync(PageUrl)).Headers.Location!.AbsolutePath);
        Assert.StartsWith("/Account/AccessDenied", (await finance.Http.GetAsync(Wenxi.AreaUrl(Id))).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_department_whose_fields_were_all_given_back_to_the_education_bureau_is_told_whom_to_ask()
    {
        await Factory.WithDbAsync(async db =>
        {
            db.FieldAssignments.AddRange(Finance.Select(code => new FieldAssignment { EvaluationId = Id, FieldCode = code, DepartmentId = null, UpdatedAtUtc = TestClock.Start.UtcDateTime }));
            return await db.SaveChangesAsync();
        });
        var finance = await PortalClient.For(Factory).SignedInAsync(User);

        var response = await finance.Http.GetAsync(PageUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains("没有分配给财政局填报的指标", page.QuerySelector("#nothing-assigned")!.TextContent);
        Assert.Contains("县级负责人", page.QuerySelector("#nothing-assigned")!.TextContent);
        Assert.Null(page.QuerySelector("#area-form"));
        Assert.Equal(HttpStatusCode.NotFound, (await finance.Http.GetAsync($"{PageUrl}?handler=Workbook")).StatusCode);
    }

    [Fact]
    public async Task A_forged_post_of_an_education_field_is_refused_and_changes_nothing()
    {
        var finance = await PortalClient.For(Factory).SignedInAsync(User);
        var page = await finance.GetDocumentAsync(PageUrl);

        var response = await finance.SubmitAsync(page, PageUrl, "#area-form", new Dictionary<string, string>
        {
            [$"Form.Values[{Finance[0]}]"] = "1200",
            ["Form.Values[A10.01]"] = "10755", ["Form.Base[A10.01]"] = "", ["Form.Versions[A10.01]"] = "0",
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var refused = await PortalClient.ParseAsync(response);
        Assert.Contains(Core.Messaging.Messages.NotYourDepartmentField("A10.01").Text, refused.QuerySelector("#locked-message")!.TextContent);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
        Assert.Empty(await Wenxi.AuditAsync(Factory, Id));

        // The same through the autosave: refused, nothing stored.
        var (status, body) = await AutosaveAsync(finance, page, ("Form.Values[A10.01]", "10755"), ("Form.Base[A10.01]", ""), ("Form.Versions[A10.01]", "0"));
        Assert.Equal((HttpStatusCode.Forbidden, "refused"), (status, body.GetProperty("status").GetString()));
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task Leaving_a_field_saves_it_as_the_departments_entry_with_the_next_version()
    {
        var finance = await PortalClient.For(Factory).SignedInAsync(User);
        var page = await finance.GetDocumentAsync(PageUrl);
        var code = Finance[0];

        var (status, saved) = await AutosaveAsync(finance, page, ($"Form.Values[{code}]", "57,628"), ($"Form.Base[{code}]", ""), ($"Form.Versions[{code}]", "0"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("saved", "57628", 1), (saved.GetProperty("status").GetString(), saved.GetProperty("value").GetString(), saved.GetProperty("version").GetInt32()));

        Assert.Equal(57628m, (await Wenxi.StoredNumbersAsync(Factory, Id))[code]);
        var entry = Assert.Single(await Wenxi.AuditAsync(Factory, Id));
        Assert.Equal((AuditKind.Figure, code, AuditSource.Department, "闻喜县财政局填报员（财政局）"), (entry.Kind, entry.Target, entry.Source, entry.UserDisplayName));

        // The live preview answers for the page's rows: its own input and the judgments it feeds.
        var preview = await Xhr(finance, $"{PageUrl}?handler=Preview", ("__RequestVerificationToken", Token(page)), ($"Form.Values[{code}]", "57628"));
        var results = JsonDocument.Parse(await preview.Content.ReadAsStringAsync()).RootElement.GetProperty("results");
        Assert.True(results.TryGetProperty(code, out _));
        Assert.False(results.TryGetProperty("A10.01", out _));
    }

    [Fact]
    public async Task Submission_asks_about_the_empty_fields_then_locks_every_input_of_the_page()
    {
        var finance = await PortalClient.For(Factory).SignedInAsync(User);
        var page = await finance.GetDocumentAsync(PageUrl);
        await AutosaveAsync(finance, page, ($"Form.Values[{Finance[0]}]", "57628"), ($"Form.Base[{Finance[0]}]", ""), ($"Form.Versions[{Finance[0]}]", "0"));

        page = await finance.GetDocumentAsync(PageUrl);
        var asked = await finance.SubmitAsync(page, PageUrl, "#submit-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, asked.StatusCode);
        var question = await PortalClient.ParseAsync(asked);
        Assert.Contains($"以下 {Finance.Count - 1} 项尚未填写，确认报送？", question.QuerySelector("#confirm-empty")!.TextContent);
        Assert.Equal(Finance.Skip(1), question.QuerySelectorAll<IHtmlInputElement>("#confirm-empty input[name=ConfirmEmpty]").Select(i => i.Value));

        // As the browser posts the form: the token and every ticked field (one name, many values).
        var form = question.QuerySelector<IHtmlFormElement>("#submit-form")!;
        var posted = form.QuerySelectorAll<IHtmlInputElement>("input").Where(i => i.Type != "checkbox" || i.IsChecked).Select(i => KeyValuePair.Create(i.Name!, i.Value)).ToList();
        Assert.Equal(Finance.Count - 1, posted.Count(p => p.Key == "ConfirmEmpty"));
        var sent = await finance.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(posted));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var after = await finance.GetDocumentAsync(PageUrl);
        Assert.Contains("已报送", after.QuerySelector("#saved-message")!.TextContent);
        Assert.All(after.QuerySelectorAll<IHtmlInputElement>("#area-form input.num"), i => Assert.True(i.IsDisabled));
        Assert.Null(after.QuerySelector("#submit-form"));
        var states = await Factory.WithDbAsync(db => db.DepartmentFieldStates.Where(s => s.EvaluationId == Id).Select(s => s.Status).ToListAsync());
        Assert.Equal(Finance.Count, states.Count(s => s == DepartmentFieldStatus.Submitted));
    }

    [Fact]
    public async Task The_workbook_downloads_with_only_the_departments_rows()
    {
        var finance = await PortalClient.For(Factory).SignedInAsync(User);
        var response = await finance.Http.GetAsync($"{PageUrl}?handler=Workbook");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var read = CountyWorkbookReader.Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), _ => (Core.Schemes.BuiltInSchemes.Get("SX-2021"), []));
        Assert.Equal(Finance, read.Entries.Select(e => e.Field.Code));
    }

    [Fact]
    public async Task Evidence_goes_to_an_indicator_the_departments_figures_feed_and_another_offices_indicator_is_not_found()
    {
        var finance = await PortalClient.For(Factory).SignedInAsync(User);
        const string fed = "A04.07"; // 教育支出占一般公共预算支出比例 = [A04.01] / [A04.07.1] × 100: both 财政局's in the scheme file
        Assert.Contains(fed, SchemeDepartments.Fed(Finance));
        Assert.Equal(HttpStatusCode.NotFound, (await finance.Http.GetAsync($"{PageUrl}/Evidence?field=A10.03")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.Http.GetAsync($"{PageUrl}/Evidence")).StatusCode);

        var page = await finance.GetDocumentAsync($"{PageUrl}/Evidence?field={fed}");
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[200]];
        var response = await finance.PostFilesAsync(page, "#upload-form", new Dictionary<string, string> { ["Title"] = "教育支出占比说明" }, ("files", "占比说明.png", png));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var stored = Assert.Single(await Factory.WithDbAsync(db => db.EvidenceFiles.Where(f => f.EvaluationId == Id).ToListAsync()));
        Assert.Equal((fed, "教育支出占比说明", "闻喜县财政局填报员（财政局）"), (stored.FieldCode, stored.Title, stored.UploadedByName));
        var fill = await finance.GetDocumentAsync(PageUrl);
        Assert.Contains("已为", fill.QuerySelector("#saved-message")!.TextContent);
        Assert.StartsWith("佐证材料 1 份", fill.QuerySelector($"a.evidence-link[data-evidence-for='{fed}']")!.TextContent);
        Assert.Null(fill.QuerySelector("a.evidence-link[data-evidence-for='A10.03']"));
    }

    // Found by the attacker review: a department still added evidence to the fields it had sent (已报送) or the county accepted.
    [Fact]
    public async Task With_its_fields_sent_the_evidence_page_offers_no_upload_and_says_why()
    {
        var finance = await PortalClient.For(Factory).SignedInAsync(User);
        const string fed = "A04.07";
        var department = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == User).Select(u => u.DepartmentId!.Value).SingleAsync());
        await Factory.WithDbAsync(async db =>
        {
            db.DepartmentFieldStates.AddRange(Finance.Select(code => new DepartmentFieldState
            {
                EvaluationId = Id, FieldCode = code, DepartmentId = department, Status = DepartmentFieldStatus.Accepted, AtUtc = Factory.Clock.GetUtcNow().UtcDateTime, Version = 1,
            }));
            return await db.SaveChangesAsync();
        });

        var page = await finance.GetDocumentAsync($"{PageUrl}/Evidence?field={fed}");

        Assert.Null(page.QuerySelector("#upload-form"));
        Assert.Equal($"现在不能上传：{Core.Messaging.Messages.DepartmentEvidenceLocked($"{Core.Schemes.BuiltInSchemes.Get("SX-2021").FindField(fed)!.NameZh}（{fed}）").Text}",
            page.QuerySelector("#read-only-note")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_workbook_filled_in_and_uploaded_on_the_page_saves_its_cell_as_the_departments_entry()
    {
        var finance = await PortalClient.For(Factory).SignedInAsync(User);
        var workbook = await (await finance.Http.GetAsync($"{PageUrl}?handler=Workbook")).Content.ReadAsByteArrayAsync();
        var read = CountyWorkbookReader.Read(new MemoryStream(workbook), _ => (Core.Schemes.BuiltInSchemes.Get("SX-2021"), []));
        var first = read.Entries[0];
        var bang = first.Location.LastIndexOf('!');
        var edited = XlsxEdit.Set(workbook, (first.Location[..bang], first.Location[(bang + 1)..], 4321m));

        var response = await finance.PostFilesAsync(PageUrl, "#import-form", new Dictionary<string, string>(),
            ("Upload", $"闻喜县-2021-财政局-填报表.xlsx", edited));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(4321m, (await Wenxi.StoredNumbersAsync(Factory, Id))[first.Field.Code]);
        var entry = Assert.Single(await Wenxi.AuditAsync(Factory, Id));
        Assert.Equal((first.Field.Code, AuditSource.Department, "闻喜县财政局填报员（财政局）"), (entry.Target, entry.Source, entry.UserDisplayName));
        Assert.Contains("导入完成：修改了 1 项数据", (await finance.GetDocumentAsync(PageUrl)).QuerySelector("#saved-message")!.TextContent);
    }

    private static string Token(IHtmlDocument page) => page.QuerySelector<IHtmlInputElement>("#area-form input[name=__RequestVerificationToken]")!.Value;

    private async Task<(HttpStatusCode Status, JsonElement Body)> AutosaveAsync(PortalClient client, IHtmlDocument page, params (string Name, string Value)[] fields)
    {
        var response = await Xhr(client, $"{PageUrl}?handler=Field", [("__RequestVerificationToken", Token(page)), .. fields]);
        var text = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, json);
    }

    private static async Task<HttpResponseMessage> Xhr(PortalClient client, string url, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        request.Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return await client.Http.SendAsync(request);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteDepartmentPageTests(SqlitePortalFactory factory) : DepartmentPageTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresDepartmentPageTests(PostgresPortalFactory factory) : DepartmentPageTests<PostgresPortalFactory>(factory);
