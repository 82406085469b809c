using System.Net;
using AngleSharp.Dom;
using EduDuty.Core.Review;
using EduDuty.Data.Entities;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

public abstract class ReviewWorkflowTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private string Overview => $"/Evaluations/{Id}";

    [Fact]
    public async Task The_lead_cannot_submit_while_required_figures_are_missing_and_officials_cannot_submit_at_all()
    {
        await Wenxi.SeedGoldenFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");

        var page = await lead.GetDocumentAsync(Overview);
        // The golden figures leave 66 of the 122 required inputs empty (counted from the catalog, see CompletenessTests):
        // all of them are listed, grouped by area, each linked to its row on the area page.
        var missing = page.QuerySelectorAll("#missing-required li a").ToList();
        Assert.Equal(66, missing.Count);
        Assert.Contains(missing, a => a.GetAttribute("href") == $"/Evaluations/{Id}/Areas/A01_PARTY?missing=1#row-f-A01-03");
        Assert.Contains("必填数据未填写", page.QuerySelector("#submit-refusal")!.TextContent);
        Assert.Null(page.QuerySelector("#submit-form"));

        var forced = await PostAsync(lead, "Submit");
        Assert.Equal(HttpStatusCode.Conflict, forced.StatusCode);
        Assert.Contains("必填数据未填写", (await PortalClient.ParseAsync(forced)).QuerySelector("#review-refusal")!.TextContent);

        await Wenxi.ResetAsync(Factory, Id);
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var byOfficial = await PostAsync(official, "Submit");
        Assert.Contains("只有县级负责人可以提交", (await PortalClient.ParseAsync(byOfficial)).QuerySelector("#review-refusal")!.TextContent);
        Assert.Equal(EvaluationStatus.Draft, await Wenxi.StatusAsync(Factory, Id));
    }

    [Fact]
    public async Task A_submission_without_the_confirmation_tick_is_refused_on_the_server_too()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");

        var unticked = await lead.SubmitAsync(Overview, "#submit-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Conflict, unticked.StatusCode);
        Assert.Contains("确认提交", (await PortalClient.ParseAsync(unticked)).QuerySelector("#review-refusal")!.TextContent);
        Assert.Equal(EvaluationStatus.Draft, await Wenxi.StatusAsync(Factory, Id));
    }

    [Fact]
    public async Task Submit_return_with_reasons_resubmit_approve_and_reopen_each_record_who_when_and_why()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");

        var confirm = await lead.GetDocumentAsync(Overview);
        Assert.Contains("民办义务教育在校生占比 17.25%", confirm.QuerySelector("#submit-form")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(confirm, Overview, "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason })).StatusCode);
        Assert.Equal(EvaluationStatus.Submitted, await Wenxi.StatusAsync(Factory, Id));

        // Returning needs a reason tied to an indicator or an area.
        var noReason = await supervisor.SubmitAsync(Overview, "#return-form", new Dictionary<string, string>());
        Assert.Contains("至少写明一条", (await PortalClient.ParseAsync(noReason)).QuerySelector("#review-refusal")!.TextContent);
        var returned = await supervisor.SubmitAsync(Overview, "#return-form", new Dictionary<string, string>
        {
            ["Reasons[0].Target"] = "A07.07",
            ["Reasons[0].Text"] = "请补充民办学校处置计划的具体时限",
        });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(EvaluationStatus.Returned, await Wenxi.StatusAsync(Factory, Id));

        var officialView = await official.GetDocumentAsync(Overview);
        Assert.Contains("请补充民办学校处置计划的具体时限", officialView.QuerySelector("#return-reasons")!.TextContent);
        Assert.Contains("民办义务教育在校生占比", officialView.QuerySelector("#return-reasons")!.TextContent);
        var area = await official.GetDocumentAsync(Wenxi.AreaUrl(Id, "A07_PRIVATE_COMPULSORY"));
        Assert.Contains("请补充民办学校处置计划的具体时限", area.QuerySelector("[data-reason-code='A07.07']")!.TextContent);

        // Returned reopens editing.
        var edit = await official.SubmitAsync(Wenxi.AreaUrl(Id, "A07_PRIVATE_COMPULSORY"), "#area-form", new Dictionary<string, string> { ["Form.Values[A07.06]"] = "2900" });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(Overview, "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason })).StatusCode);
        // The supervisor reads what changed since the return, then approves with an opinion, past the still-open return reason.
        var resubmitted = await supervisor.GetDocumentAsync(Overview);
        var change = resubmitted.QuerySelector("#changes-since-return tbody tr")!.TextContent;
        Assert.Contains("2900", change);
        var overOpen = await supervisor.SubmitAsync(Overview, "#approve-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, overOpen.StatusCode);
        Assert.Contains("尚未解决", (await PortalClient.ParseAsync(overOpen)).QuerySelector("#review-refusal")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(Overview, "#approve-form", new Dictionary<string, string>
        {
            ["Opinion"] = "经审核，同意通过。请继续落实民办学校处置计划。", ["DespiteOpenThreads"] = "true",
        })).StatusCode);
        Assert.Equal(EvaluationStatus.Approved, await Wenxi.StatusAsync(Factory, Id));
        Assert.Contains("请继续落实民办学校处置计划", (await official.GetDocumentAsync(Overview)).QuerySelector("#approval-opinion")!.TextContent);

        var noWhy = await admin.SubmitAsync(Overview, "#reopen-form", new Dictionary<string, string>());
        Assert.Contains("写明理由", (await PortalClient.ParseAsync(noWhy)).QuerySelector("#review-refusal")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(Overview, "#reopen-form", new Dictionary<string, string> { ["ReopenReason"] = "县级申请更正在校生数" })).StatusCode);
        Assert.Equal(EvaluationStatus.Returned, await Wenxi.StatusAsync(Factory, Id));
        // The county reads the admin's reason, not the supervisor's old return reasons.
        var reopened = await official.GetDocumentAsync(Overview);
        Assert.Contains("县级申请更正在校生数", reopened.QuerySelector("#reopen-notice")!.TextContent);
        Assert.Null(reopened.QuerySelector("#return-reasons"));

        var transitions = await Factory.WithDbAsync(db => db.EvaluationTransitions.Where(t => t.EvaluationId == Id).OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(
            [(ReviewAction.Submit, "闻喜县负责人"), (ReviewAction.Return, "运城市督导员"), (ReviewAction.Submit, "闻喜县负责人"), (ReviewAction.Approve, "运城市督导员"), (ReviewAction.Reopen, "山西省管理员")],
            transitions.Select(t => (t.Action, t.UserDisplayName)));
        Assert.Equal("请补充民办学校处置计划的具体时限", transitions[1].Reason);
        Assert.Equal("经审核，同意通过。请继续落实民办学校处置计划。", transitions[3].Reason);
        Assert.Equal("县级申请更正在校生数", transitions[4].Reason);
        var audit = await admin.GetDocumentAsync($"/Evaluations/{Id}/Audit");
        Assert.Equal(5, audit.QuerySelectorAll("#audit tbody tr[data-kind='流转']").Length);
        Assert.Single(audit.QuerySelectorAll("#audit tbody tr[data-kind='退回理由']"));
    }

    [Fact]
    public async Task While_submitted_no_figure_text_report_or_import_changes_by_any_path()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var stalePage = await official.GetDocumentAsync(Wenxi.AreaUrl(Id)); // loaded while still a draft
        var staleReport = await official.GetDocumentAsync($"/Evaluations/{Id}/Report");
        await lead.SubmitAsync(Overview, "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason });
        var before = await Wenxi.StoredNumbersAsync(Factory, Id);
        var auditBefore = (await Wenxi.AuditAsync(Factory, Id)).Count;

        var save = await official.SubmitAsync(stalePage, Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string> { ["Form.Values[A10.01]"] = "1" });
        Assert.Equal(HttpStatusCode.Conflict, save.StatusCode);
        Assert.Contains("内容已锁定", (await PortalClient.ParseAsync(save)).QuerySelector("#locked-message")!.TextContent);

        var report = await official.SubmitAsync(staleReport, $"/Evaluations/{Id}/Report", "#report-form", new Dictionary<string, string> { ["Form.Addressee"] = "甲" });
        Assert.Equal(HttpStatusCode.Conflict, report.StatusCode);

        var import = await official.Http.PostAsync($"/Evaluations/{Id}/Import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = stalePage.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
        }));
        Assert.Equal(HttpStatusCode.Conflict, import.StatusCode);

        Assert.Equal(before, await Wenxi.StoredNumbersAsync(Factory, Id));
        Assert.Equal(auditBefore, (await Wenxi.AuditAsync(Factory, Id)).Count);
        Assert.False(await Factory.WithDbAsync(db => db.ReportSettings.AnyAsync(r => r.EvaluationId == Id)));
    }

    [Fact]
    public async Task A_write_racing_a_submission_is_refused_by_the_database_guard()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var version = await Factory.WithDbAsync(db => db.FigureValues.Where(f => f.EvaluationId == Id && f.FieldCode == "A10.01").Select(f => f.Version).SingleAsync());
        var official = await Wenxi.ActorAsync(Factory, "wenxi.official");
        await using var scope = Factory.Services.CreateAsyncScope();
        // The writer's caller loaded the evaluation a moment ago, as a draft; the submission lands in between.
        var workspace = (await scope.ServiceProvider.GetRequiredService<WorkspaceLoader>().LoadAsync(Id, official, default))!;
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EvaluationStatus.Submitted)));

        var writer = scope.ServiceProvider.GetRequiredService<FigureWriter>();
        var outcome = await writer.WriteAsync(workspace, official, [new FigureChange("A10.01", Core.Figures.FieldValue.Of(1m), version)], null, AuditSource.Form, default);

        Assert.Equal(Core.Messaging.Messages.SubmittedLock.Text, outcome.Refusal);
        Assert.Equal(10755m, (await Wenxi.StoredNumbersAsync(Factory, Id))["A10.01"]);
    }

    [Fact]
    public async Task Supervisors_of_the_city_act_only_on_submitted_evaluations_and_county_users_never_review()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");

        Assert.Null((await supervisor.GetDocumentAsync(Overview)).QuerySelector("#approve-form"));
        var early = await PostAsync(supervisor, "Approve");
        Assert.Contains("只有已提交的评价可以审核通过", (await PortalClient.ParseAsync(early)).QuerySelector("#review-refusal")!.TextContent);

        await lead.SubmitAsync(Overview, "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason });
        var selfApprove = await PostAsync(lead, "Approve");
        Assert.Contains("只有督导人员", (await PortalClient.ParseAsync(selfApprove)).QuerySelector("#review-refusal")!.TextContent);
        Assert.Equal(EvaluationStatus.Submitted, await Wenxi.StatusAsync(Factory, Id));
    }

    // A POST of a review handler with the page's antiforgery token, whatever form the page offers this user.
    private async Task<HttpResponseMessage> PostAsync(PortalClient client, string handler)
    {
        var page = await client.GetDocumentAsync(Overview);
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        return await client.Http.PostAsync($"{Overview}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteReviewWorkflowTests(SqlitePortalFactory factory) : ReviewWorkflowTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresReviewWorkflowTests(PostgresPortalFactory factory) : ReviewWorkflowTests<PostgresPortalFactory>(factory);

public abstract class DeadlineTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private string Overview => $"/Evaluations/{Id}";

    private string Day(int offset) => Core.Text.ChinaTime.IsoDate(Core.Text.ChinaTime.Today(Factory.Clock).AddDays(offset));

    [Fact]
    public async Task A_draft_past_the_deadline_is_read_only_and_cannot_be_submitted_until_the_admin_extends_it()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var stale = await official.GetDocumentAsync(Wenxi.AreaUrl(Id));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(Overview, "#deadline-form", new Dictionary<string, string> { ["DeadlineDate"] = Day(-1), ["DeadlineConfirmed"] = "true" })).StatusCode);
        try
        {
            var overview = await official.GetDocumentAsync(Overview);
            Assert.StartsWith("已逾期", overview.QuerySelector("#deadline-state")!.TextContent);
            Assert.True((await official.GetDocumentAsync(Wenxi.AreaUrl(Id))).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-A10-01")!.IsDisabled);

            var save = await official.SubmitAsync(stale, Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string> { ["Form.Values[A10.01]"] = "1" });
            Assert.Equal(HttpStatusCode.Conflict, save.StatusCode);
            Assert.Contains("已过截止日期", (await PortalClient.ParseAsync(save)).QuerySelector("#locked-message")!.TextContent);
            Assert.Equal(10755m, (await Wenxi.StoredNumbersAsync(Factory, Id))["A10.01"]);

            var submit = await lead.Http.PostAsync($"{Overview}?handler=Submit", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = (await lead.GetDocumentAsync(Overview)).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            }));
            Assert.Contains("已过截止日期", (await PortalClient.ParseAsync(submit)).QuerySelector("#review-refusal")!.TextContent);
            Assert.Equal(EvaluationStatus.Draft, await Wenxi.StatusAsync(Factory, Id));

            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(Overview, "#extend-form", new Dictionary<string, string> { ["DeadlineDate"] = Day(3) })).StatusCode);
            Assert.Contains("已延期", (await official.GetDocumentAsync(Overview)).QuerySelector("#deadline-state")!.TextContent);
            // A date the page cannot read is refused and keeps the extension (it once read as "no date" and removed it).
            var garbled = await admin.SubmitAsync(Overview, "#extend-form", new Dictionary<string, string> { ["DeadlineDate"] = "2021-13-45" });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, garbled.StatusCode);
            Assert.Contains("日期格式不正确", (await PortalClient.ParseAsync(garbled)).QuerySelector("#review-refusal")!.TextContent);
            Assert.NotNull(await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).Select(e => e.ExtendedTo).SingleAsync()));
            var after = await official.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string> { ["Form.Values[A10.01]"] = "10756" });
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Deadlines.ExecuteDeleteAsync());
            await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ExtendedTo, (DateOnly?)null)));
        }
    }

    [Fact]
    public async Task The_database_guard_refuses_a_draft_that_went_late_after_the_caller_looked()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var official = await Wenxi.ActorAsync(Factory, "wenxi.official");
        await using var scope = Factory.Services.CreateAsyncScope();
        var workspace = (await scope.ServiceProvider.GetRequiredService<WorkspaceLoader>().LoadAsync(Id, official, default))!;
        Assert.True(workspace.CanEdit);
        await Factory.WithDbAsync(async db =>
        {
            var shanxi = await db.Regions.Where(r => r.Code == "140000").Select(r => r.Id).SingleAsync();
            db.Deadlines.Add(new EvaluationDeadline { SchemeId = workspace.SchemeId, Year = 2021, RegionId = shanxi, DueDate = new DateOnly(2021, 11, 1) });
            return await db.SaveChangesAsync();
        });
        Factory.Clock.Advance(TimeSpan.FromDays(1)); // the deadline day (today when the page was loaded) passes
        try
        {
            var writer = scope.ServiceProvider.GetRequiredService<FigureWriter>();
            var outcome = await writer.WriteAsync(workspace, official, [new FigureChange("A10.01", Core.Figures.FieldValue.Of(1m), 1)], null, AuditSource.Form, default);

            Assert.Equal("已过截止日期（2021年11月1日），内容只读。如需继续填报，请联系管理员延期。", outcome.Refusal);
            Assert.Equal(10755m, (await Wenxi.StoredNumbersAsync(Factory, Id))["A10.01"]);
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Deadlines.ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task Only_admins_set_deadlines()
    {
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var page = await supervisor.GetDocumentAsync(Overview);
        Assert.Null(page.QuerySelector("#deadline-form"));

        var response = await supervisor.Http.PostAsync($"{Overview}?handler=Deadline", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            ["DeadlineDate"] = "2021-11-01",
        }));

        Assert.Contains("只有管理员", await response.Content.ReadAsStringAsync());
        Assert.False(await Factory.WithDbAsync(db => db.Deadlines.AnyAsync()));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteDeadlineTests(SqlitePortalFactory factory) : DeadlineTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresDeadlineTests(PostgresPortalFactory factory) : DeadlineTests<PostgresPortalFactory>(factory);
