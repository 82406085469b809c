using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Application.Surveys.Problems;
using EduDuty.Core.Surveys;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

/// <summary>
/// Problem reports over HTTP (issue 31 part D, decision 0060), on both databases. The round: the example survey for 运城市 from
/// 1 to 30 November 2021 (the portal's clock at 1 November); the form is 闻喜县's. The public form says where a report goes,
/// takes it without a cookie or a script and gives the reference; a wrong field comes back 422 with what was typed; a body over
/// 32 KB is refused before it is read. Only 运城市's supervisor reads and checks it; 晋城市's gets 404, every other role is
/// refused the folder, and no county page or admin overview shows a count. Contacts go after 180 days.
/// </summary>
public abstract class ProblemReportPageTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private string _token = null!;
    private string _questionnaire = null!;

    private string FormUrl => $"/public/problems/{_token}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (_token, _questionnaire) = await Factory.WithDbAsync(async db =>
        {
            var links = await db.SurveyLinks.Where(l => l.County.Code == "140823" && l.Year == 2021).ToListAsync();
            return (links.SingleOrDefault(l => l.Channel == SurveyChannel.Problems)?.Token, links.SingleOrDefault(l => l.Channel == SurveyChannel.Public)?.Token) is ({ } t, { } q)
                ? (t, q) : (null!, null!);
        });
        if (_token is not null) return;
        await using var scope = Factory.Services.CreateAsyncScope();
        var example = await scope.ServiceProvider.GetRequiredService<EduDuty.Data.EduDutyDbContext>().SurveyDefinitions
            .Where(d => d.Code == BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync();
        var opened = await scope.ServiceProvider.GetRequiredService<OpenSurveyRound>().HandleAsync(
            new OpenSurveyInput(example, 2021, "140800", new DateOnly(2021, 11, 1), new DateOnly(2021, 11, 30)), Actor.CommandLine, default);
        var wenxi = opened.Value!.Counties.Single(c => c.Code == "140823");
        (_token, _questionnaire) = (wenxi.Tokens[SurveyChannel.Problems], wenxi.Tokens[SurveyChannel.Public]);
    }

    [Fact]
    public async Task The_form_says_where_reports_go_and_a_report_is_received_with_its_reference_and_no_cookie()
    {
        var anonymous = PortalClient.For(Factory);
        var get = await anonymous.Http.GetAsync(FormUrl);
        var page = await PortalClient.ParseAsync(get);

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(EduDuty.Web.Infrastructure.PublicSurface.ContentSecurityPolicy, get.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Empty(page.QuerySelectorAll("script"));
        var notice = page.QuerySelector("#problem-notice")!.TextContent;
        Assert.Contains("上级教育督导部门", notice);
        Assert.Contains("不会交给闻喜县人民政府", notice);
        Assert.Contains("联系方式可以不填", notice);
        Assert.Contains("180 天后自动清除", notice);
        Assert.Equal(["", .. ProblemReports.Categories], page.QuerySelectorAll("#problem-category option").Select(o => o.GetAttribute("value")));

        var posted = await anonymous.SubmitAsync(page, FormUrl, "#problem-form", new Dictionary<string, string>
        {
            ["Category"] = "招生入学", ["Text"] = "某小学招生时要求提供与入学无关的证明。", ["ContactPhone"] = "0359-1234567",
        });
        var receipt = await PortalClient.ParseAsync(posted);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.False(posted.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store", posted.Headers.CacheControl?.ToString());
        var reference = receipt.QuerySelector("#problem-reference")!.TextContent.Trim();
        Assert.Matches("^[2-9A-HJKMNP-Z]{12}$", reference);
        Assert.Contains("不会转给闻喜县人民政府", receipt.QuerySelector("#problem-receipt")!.TextContent);
        var stored = await Factory.WithDbAsync(db => db.ProblemReports.SingleAsync(p => p.Reference == reference));
        Assert.Equal(("招生入学", null, "0359-1234567"), (stored.Category, stored.ContactName, stored.ContactPhone));
    }

    [Fact]
    public async Task A_wrong_field_comes_back_422_naming_it_with_what_was_typed_and_nothing_stored()
    {
        var anonymous = PortalClient.For(Factory);
        var before = await Factory.WithDbAsync(db => db.ProblemReports.CountAsync());

        var posted = await anonymous.SubmitAsync(FormUrl, "#problem-form", new Dictionary<string, string>
        {
            ["Category"] = "校园安全", ["Text"] = "走查：校门口接送车辆拥堵。", ["ContactName"] = "王女士", ["ContactPhone"] = "电话一二三",
        });
        var page = await PortalClient.ParseAsync(posted);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        Assert.Contains("联系电话", page.QuerySelector("#problem-contactphone-error")!.TextContent);
        Assert.Equal("电话一二三", page.QuerySelector<IHtmlInputElement>("#problem-contactphone")!.Value);
        Assert.Equal("王女士", page.QuerySelector<IHtmlInputElement>("#problem-contactname")!.Value);
        Assert.Equal("走查：校门口接送车辆拥堵。", page.QuerySelector<IHtmlTextAreaElement>("#problem-text")!.Value);
        Assert.Equal("校园安全", page.QuerySelector<IHtmlSelectElement>("#problem-category")!.Value);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.ProblemReports.CountAsync()));
    }

    [Fact]
    public async Task A_body_over_32_KB_is_refused_before_it_is_read_and_wrong_links_are_not_found()
    {
        var anonymous = PortalClient.For(Factory);
        using var big = new FormUrlEncodedContent(new Dictionary<string, string> { ["Category"] = "其他", ["Text"] = new string('a', 40 * 1024) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await anonymous.Http.PostAsync(FormUrl, big)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync($"/public/problems/{_questionnaire}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/public/problems/too-short")).StatusCode);
        var missing = await PortalClient.ParseAsync(await anonymous.Http.GetAsync("/public/problems/NoSuchLinkNoSuchLink00"));
        Assert.Contains("重新扫描海报上的二维码", missing.QuerySelector("#missing-reason")!.TextContent);
    }

    [Fact]
    public async Task The_regions_supervisor_checks_a_report_a_stale_step_is_told_who_changed_it_and_a_missing_note_keeps_the_form()
    {
        var id = await ReportAsync("王女士", "13912345678");
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var list = await supervisor.GetDocumentAsync("/Oversight/Problems");
        Assert.NotNull(list.QuerySelector($"#problems tr[data-report='{id}']"));
        var pending = await Factory.WithDbAsync(db => db.ProblemReports.CountAsync(p => p.Status == ProblemStatus.Pending));
        Assert.Equal(pending.ToString(System.Globalization.CultureInfo.InvariantCulture), list.QuerySelector("#problem-states a[data-state='Pending'] .state-count")!.TextContent);
        var url = $"/Oversight/Problems/{id}";
        var detail = await supervisor.GetDocumentAsync(url);
        Assert.Contains("王女士", detail.QuerySelector("#problem-contact")!.TextContent);
        Assert.Equal("闻喜县", detail.QuerySelector("#problem-county")!.TextContent);
        Assert.Contains("2021年11月1日", detail.QuerySelector("#problem-received")!.TextContent);

        // 不属实 without a note: 422, the chosen state kept.
        var refused = await supervisor.SubmitAsync(detail, url, "#problem-step", new Dictionary<string, string> { ["NewStatus"] = "Unfounded", ["Note"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedPage = await PortalClient.ParseAsync(refused);
        Assert.Contains("处理意见", refusedPage.QuerySelector("#problem-note-error")!.TextContent);
        Assert.True(refusedPage.QuerySelector<IHtmlInputElement>("#status-Unfounded")!.IsChecked);

        var done = await supervisor.SubmitAsync(detail, url, "#problem-step", new Dictionary<string, string> { ["NewStatus"] = "Referred", ["Note"] = "已转运城市教育局核查。" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var after = await supervisor.GetDocumentAsync(url);
        Assert.Equal("已转办", after.QuerySelector("#problem-status")!.TextContent);
        Assert.Contains("“待核实”改为“已转办”", after.QuerySelector("#problem-notes")!.TextContent);
        Assert.Contains("已转运城市教育局核查。", after.QuerySelector("#problem-notes")!.TextContent);

        // The page shown before the step, posted again: a conflict naming who changed it, the typed note kept.
        var stale = await supervisor.SubmitAsync(detail, url, "#problem-step", new Dictionary<string, string> { ["NewStatus"] = "Confirmed", ["Note"] = "走查：核实属实" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var stalePage = await PortalClient.ParseAsync(stale);
        Assert.Contains("运城市督导员", stalePage.QuerySelector("#problem-refusal")!.TextContent);
        Assert.Equal("走查：核实属实", stalePage.QuerySelector<IHtmlTextAreaElement>("#problem-note")!.Value);
        var entry = await Factory.WithDbAsync(db => db.AdminAuditEntries.SingleAsync(a => a.Action == EduDuty.Data.Entities.AdminAction.ProblemReportStep));
        Assert.DoesNotContain("13912345678", entry.Target + entry.Before + entry.After);
    }

    [Fact]
    public async Task Only_the_regions_supervisors_reach_reports_and_no_county_page_or_admin_overview_shows_a_count()
    {
        var id = await ReportAsync(null, null);
        var jincheng = await PortalClient.For(Factory).SignedInAsync("jincheng.supervisor");
        Assert.Equal(HttpStatusCode.NotFound, (await jincheng.Http.GetAsync($"/Oversight/Problems/{id}")).StatusCode);
        Assert.Null((await jincheng.GetDocumentAsync("/Oversight/Problems")).QuerySelector($"#problems tr[data-report='{id}']"));

        foreach (var user in new[] { "wenxi.official", "wenxi.lead", "wenxi.caizheng", "shanxi.admin" })
        {
            var client = await PortalClient.For(Factory).SignedInAsync(user);
            foreach (var path in new[] { "/Oversight/Problems", $"/Oversight/Problems/{id}" })
            {
                var response = await client.Http.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal),
                    $"{user} {path}: {response.StatusCode} {response.Headers.Location}");
            }

            var home = await client.Http.GetStringAsync("/");
            Assert.DoesNotContain("问题线索", home);
        }

        var evaluation = await Wenxi.EvaluationIdAsync(Factory);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        Assert.DoesNotContain("问题线索", await lead.Http.GetStringAsync($"/Evaluations/{evaluation}"));
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var adminOverview = await admin.GetDocumentAsync("/Oversight");
        Assert.Null(adminOverview.QuerySelector("#problem-counts"));
        Assert.DoesNotContain("问题线索", adminOverview.Body!.TextContent);
        var yuncheng = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var overview = await yuncheng.GetDocumentAsync("/Oversight");
        var row = overview.QuerySelector("#problem-counts tr[data-county='140823']")!;
        var pending = await Factory.WithDbAsync(db => db.ProblemReports.CountAsync(p => p.County.Code == "140823" && p.Status == ProblemStatus.Pending));
        Assert.Equal(pending.ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector(".problem-pending")!.TextContent);
    }

    [Fact]
    public async Task After_the_retention_period_the_contact_is_gone_from_the_page_and_the_purge_is_audited()
    {
        var id = await ReportAsync("赵先生", "13800000000");
        // Received 181 days ago (the portal's clock stays where the round is open for the class's other tests).
        await Factory.WithDbAsync(db => db.ProblemReports.Where(p => p.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.ReceivedAtUtc, p => p.ReceivedAtUtc.AddDays(-181))));
        var audited = await Factory.WithDbAsync(db => db.AdminAuditEntries.CountAsync(a => a.Action == EduDuty.Data.Entities.AdminAction.PurgeProblemContacts));

        await using (var scope = Factory.Services.CreateAsyncScope())
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<PurgeProblemContacts>().RunAsync(default)).Value);

        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var contact = (await supervisor.GetDocumentAsync($"/Oversight/Problems/{id}")).QuerySelector("#problem-contact")!.TextContent;
        Assert.Contains("按规定清除", contact);
        Assert.DoesNotContain("赵先生", contact);
        Assert.DoesNotContain("13800000000", contact);
        Assert.Equal(audited + 1, await Factory.WithDbAsync(db => db.AdminAuditEntries.CountAsync(a => a.Action == EduDuty.Data.Entities.AdminAction.PurgeProblemContacts)));
    }

    private async Task<long> ReportAsync(string? name, string? phone)
    {
        var fields = new Dictionary<string, string> { ["Category"] = "教育收费", ["Text"] = "学校要求购买指定的教辅资料。" };
        if (name is not null) fields["ContactName"] = name;
        if (phone is not null) fields["ContactPhone"] = phone;
        var response = await PortalClient.For(Factory).SubmitAsync(FormUrl, "#problem-form", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reference = (await PortalClient.ParseAsync(response)).QuerySelector("#problem-reference")!.TextContent.Trim();
        return await Factory.WithDbAsync(db => db.ProblemReports.Where(p => p.Reference == reference).Select(p => p.Id).SingleAsync());
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteProblemReportPageTests(SqlitePortalFactory factory) : ProblemReportPageTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresProblemReportPageTests(PostgresPortalFactory factory) : ProblemReportPageTests<PostgresPortalFactory>(factory);
