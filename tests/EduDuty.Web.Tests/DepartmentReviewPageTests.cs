using AngleSharp.Dom;
using System.Net;
using EduDuty.Core.Departments;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 30, part C, over HTTP: the county's 部门报送审核 page lists what 闻喜县's 财政局 sent, a refused return keeps every
/// reason typed and names the field without one, an accept from a row's button locks it; the overview shows the departments'
/// progress to the county (with the review link) and to the supervisor (read-only); the lead's submit form asks about the
/// departments not accepted.
/// </summary>
public abstract class DepartmentReviewPageTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private string Page => $"/Evaluations/{Id}/Departments/Review";

    // Two 财政局 figures entered and sent (报送) as part B's page stores them; removed again after each test.
    private async Task<(string A, string B)> SubmittedAsync()
    {
        await Wenxi.SeedGoldenFiguresAsync(Factory, Id);
        var codes = await Factory.WithDbAsync(async db =>
        {
            var finance = await db.Departments.Where(d => d.Name == "财政局" && d.County.Code == "140823").Select(d => d.Id).SingleAsync();
            var scheme = EduDuty.Testing.GoldenCase.Scheme;
            var picked = scheme.Fields.Where(f => f.Department == "财政局" && EduDuty.Testing.GoldenCase.Figures.ContainsKey(f.Code)).Take(2).Select(f => f.Code).ToList();
            foreach (var code in picked)
                db.DepartmentFieldStates.Add(new DepartmentFieldState
                {
                    EvaluationId = Id, FieldCode = code, DepartmentId = finance, Status = DepartmentFieldStatus.Submitted,
                    AtUtc = Factory.Clock.GetUtcNow().UtcDateTime, ByName = "闻喜县财政局填报员（财政局）", Version = 1,
                });
            await db.SaveChangesAsync();
            return picked;
        });
        return (codes[0], codes[1]);
    }

    private Task<int> CleanAsync() => Factory.WithDbAsync(db => db.DepartmentFieldStates.Where(s => s.EvaluationId == Id).ExecuteDeleteAsync());

    [Fact]
    public async Task The_county_returns_with_a_reason_per_field_and_a_refused_return_keeps_what_was_typed()
    {
        var (a, b) = await SubmittedAsync();
        try
        {
            var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
            var page = await official.GetDocumentAsync(Page);
            Assert.NotNull(page.QuerySelector($"tr[data-code='{a}']"));
            Assert.NotNull(page.QuerySelector($"tr[data-code='{b}']"));
            Assert.Equal("2", page.QuerySelector("#department-progress-table tr[data-department]:first-child td[data-label='待审核']")!.TextContent.Trim());

            // Both ticked, a reason for the first only: refused as a whole, naming the second, the first's reason kept.
            var form = PortalClient.FormValues(page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>(".department-review-form")!);
            form[$"Reasons[{a}]"] = "请按决算数填写";
            form[$"Reasons[{b}]"] = "";
            var pairs = form.Select(p => KeyValuePair.Create(p.Key, p.Value)).Concat([KeyValuePair.Create("Selected", a), KeyValuePair.Create("Selected", b)]);
            var both = await official.Http.PostAsync($"{Page}?handler=Return", new FormUrlEncodedContent(pairs));

            Assert.Equal(HttpStatusCode.UnprocessableEntity, both.StatusCode);
            var shown = await PortalClient.ParseAsync(both);
            var nameB = EduDuty.Testing.GoldenCase.Scheme.FindField(b)!.NameZh;
            Assert.Contains($"退回“{nameB}”时请写明理由", shown.QuerySelector("#review-refusal")!.TextContent);
            Assert.Equal("请按决算数填写", shown.QuerySelector($"input[name='Reasons[{a}]']")!.GetAttribute("value"));
            Assert.Equal(DepartmentFieldStatus.Submitted, await StatusAsync(a)); // nothing changed
            Assert.Equal(DepartmentFieldStatus.Submitted, await StatusAsync(b));

            var returned = await official.SubmitAsync(page, Page, ".department-review-form",
                new Dictionary<string, string> { ["Only"] = a, [$"Reasons[{a}]"] = "请按决算数填写" }, "Return");
            Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
            Assert.Equal(DepartmentFieldStatus.Returned, await StatusAsync(a));

            var again = await official.GetDocumentAsync(Page);
            var accept = await official.SubmitAsync(again, Page, ".department-review-form", new Dictionary<string, string> { ["Only"] = b }, "Accept");
            Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);
            Assert.Equal(DepartmentFieldStatus.Accepted, await StatusAsync(b));
        }
        finally
        {
            await CleanAsync();
        }
    }

    [Fact]
    public async Task Supervisors_see_the_progress_read_only_and_are_refused_the_review()
    {
        await SubmittedAsync();
        try
        {
            var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
            var overview = await supervisor.GetDocumentAsync($"/Evaluations/{Id}");
            Assert.NotNull(overview.QuerySelector("#department-progress-table"));
            Assert.Null(overview.QuerySelector("#department-review-link"));
            var page = await supervisor.GetDocumentAsync(Page);
            Assert.NotNull(page.QuerySelector("#review-readonly"));
            Assert.Empty(page.QuerySelectorAll(".department-review-form button"));

            var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
            var token = (await official.GetDocumentAsync(Page)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
            var supervisorsPage = await supervisor.GetDocumentAsync(Page);
            var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = supervisorsPage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='__RequestVerificationToken']")?.Value ?? token, ["Only"] = "A04.01" };
            var refused = await supervisor.Http.PostAsync($"{Page}?handler=Accept", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

            var county = await official.GetDocumentAsync($"/Evaluations/{Id}");
            Assert.Equal(Page, county.QuerySelector("#department-review-link")!.GetAttribute("href"));
        }
        finally
        {
            await CleanAsync();
        }
    }

    [Fact]
    public async Task The_leads_submit_form_lists_the_departments_not_accepted_and_asks_for_the_tick_and_a_reason()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var overview = await lead.GetDocumentAsync($"/Evaluations/{Id}");
        var box = overview.QuerySelector("#departments-to-confirm")!;
        Assert.Contains("财政局", box.TextContent);
        Assert.Contains("人社局", box.TextContent);
        Assert.NotNull(box.QuerySelector("#despite-departments[required]"));

        var unticked = await lead.SubmitAsync(overview, $"/Evaluations/{Id}", "#submit-form",
            new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteWarnings"] = "true" });
        Assert.Equal(HttpStatusCode.Conflict, unticked.StatusCode);
        var submitted = await lead.SubmitAsync(overview, $"/Evaluations/{Id}", "#submit-form", new Dictionary<string, string>
        {
            ["Confirmed"] = "true", ["DespiteWarnings"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = "部门数据已线下核对",
        });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
    }

    [Fact]
    public async Task The_report_setting_adds_the_data_sources_to_the_previews_appendix()
    {
        await Wenxi.SeedGoldenFiguresAsync(Factory, Id);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var report = $"/Evaluations/{Id}/Report";
        Assert.Null((await official.GetDocumentAsync(report)).QuerySelector(".report-sources"));

        var saved = await official.SubmitAsync(report, "#report-form", new Dictionary<string, string> { ["Form.ShowDataSources"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await official.GetDocumentAsync(report);
        Assert.True(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#show-data-sources")!.IsChecked);
        var sources = page.QuerySelectorAll(".report-sources").Select(e => e.TextContent).ToList();
        Assert.NotEmpty(sources);
        Assert.Contains(sources, t => t.Contains("（填报部门：财政局", StringComparison.Ordinal));
    }

    private Task<DepartmentFieldStatus> StatusAsync(string code) =>
        Factory.WithDbAsync(db => db.DepartmentFieldStates.Where(s => s.EvaluationId == Id && s.FieldCode == code).Select(s => s.Status).SingleAsync());
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteDepartmentReviewPageTests(SqlitePortalFactory factory) : DepartmentReviewPageTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresDepartmentReviewPageTests(PostgresPortalFactory factory) : DepartmentReviewPageTests<PostgresPortalFactory>(factory);
