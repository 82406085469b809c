using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EduDuty.Core.Review;
using EduDuty.Web.Tests.Authorization;
using EduDuty.Web.Tests.Infrastructure;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 27: every POST form of the portal, submitted with an invalid variant of distinctive typed values, comes back refused
/// with those values in its fields, and nothing changed. The POST handlers are read from the portal's endpoint data source, so
/// a new form fails this test until it is walked here or excluded with its reason.
/// </summary>
public abstract class EveryPostFormTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    /// <summary>The state of 闻喜县 2021 a walk needs: a draft (as seeded), submitted (awaiting review) or approved.</summary>
    private enum State { Draft, Submitted, Approved }

    /// <summary>One form: who posts it, on which page, which form, and the invalid values typed into it.</summary>
    private sealed record Walk(string Key, State State, string? User, string Page, string Form, IReadOnlyDictionary<string, string> Typed);

    /// <summary>The POST handlers deliberately not walked, each with the reason.</summary>
    private static readonly Dictionary<string, string> Excluded = new()
    {
        ["POST /Account/Logout -"] = "sign-out: no field",
        ["POST /Account/ChangePassword -"] = "passwords are never written back into a page (a refused change names what to fix and the fields stay empty)",
        ["POST /Account/LoginWithCode -"] = "a one-time code is never written back",
        ["POST /Account/TwoFactor -"] = "a one-time code is never written back",
        ["POST /Error -"] = "the error page, no form",
        ["POST /Evaluations/{id:int}/Areas/{key} Preview"] = "the area page's script asks it to recompute while typing: answers JSON, no page",
        ["POST /Admin/Users Bulk"] = "file upload: browsers never refill a file input",
        ["POST /Admin/Regions Preview"] = "file upload: browsers never refill a file input",
        ["POST /Admin/Schemes Check"] = "file upload: browsers never refill a file input",
        ["POST /Evaluations/{id:int}/Evidence Upload"] = "file upload: browsers never refill a file input",
        ["POST /Evaluations/{id:int}/Import -"] = "file upload: browsers never refill a file input",
        ["POST /Rectification Attach"] = "file upload: browsers never refill a file input",
        ["POST /public/verify -"] = "walked separately below (anonymous, multipart with a file input)",
        ["POST /public/problems/{token} -"] = "needs an open round's link: walked in ProblemReportPageTests (an invalid report comes back 422 with what was typed)",
        ["POST /Oversight/Problems/{id:long} -"] = "needs a stored report: walked in ProblemReportPageTests (a refused step keeps the typed note)",
        ["POST /public/survey/{token} -"] = "walked in SurveyPageTests (anonymous questionnaire of an open round: a sheet to correct comes back 422 with its choices and open text)",
        ["POST /Admin/Regions Import"] = "confirms a previewed file (hidden content only, nothing typed)",
        ["POST /Admin/Schemes Save"] = "confirms a checked file (hidden content only, nothing typed)",
        ["POST /Evaluations/{id:int}/Import Apply"] = "confirms a previewed file (hidden content only, nothing typed)",
        ["POST /Admin/Users Disable"] = "a button (asks for confirmation first: The_disable_and_reset_buttons_ask_for_confirmation_first)",
        ["POST /Admin/Users Reset"] = "a button (asks for confirmation first: The_disable_and_reset_buttons_ask_for_confirmation_first)",
        ["POST /Admin/Users Enable"] = "a button, nothing typed",
        ["POST /Admin/Users Unlock"] = "a button, nothing typed",
        ["POST /Admin/Regions Delete"] = "a button, nothing typed",
        ["POST /Admin/Years Open"] = "a button for the year shown (hidden fields only)",
        ["POST /Evaluations/{id:int}/Comments Resolve"] = "a button, nothing typed",
        ["POST /Evaluations/{id:int}/Comments Reopen"] = "a button, nothing typed",
        ["POST /Evaluations/{id:int}/Evidence Remove"] = "a button, nothing typed",
        ["POST /Evaluations/{id:int}/Report Bind"] = "a button beside a detected figure (hidden fields only)",
        ["POST /Notifications ReadAll"] = "a button, nothing typed",
        ["POST /Rectification Detach"] = "a button, nothing typed",
        ["POST /Evaluations/{id:int} Submit"] = "ticks only; kept by checked=… and refused without them (ReviewWorkflowTests)",
        ["POST /Evaluations/{id:int}/Report/Publication Publish"] = "a tick only, nothing typed",
        ["POST /Evaluations/{id:int} ApplyBonus"] = "offered only under a scheme that scores, not the seed's SX-2021 (ScoredSchemeTests)",
        ["POST /Evaluations/{id:int} WithdrawBonus"] = "offered only under a scheme that scores, not the seed's SX-2021 (ScoredSchemeTests)",
        ["POST /Evaluations/{id:int} GrantBonus"] = "offered only under a scheme that scores, not the seed's SX-2021 (ScoredSchemeTests)",
        ["POST /Evaluations/{id:int} RefuseBonus"] = "offered only under a scheme that scores, not the seed's SX-2021 (ScoredSchemeTests)",
        ["POST /Evaluations/{id:int} AdjustPoints"] = "offered only under a scheme that scores, not the seed's SX-2021 (ScoredSchemeTests)",
        ["POST /Evaluations/{id:int}/Evidence Rename"] = "needs a stored piece: walked in EvidenceTests (Renaming_and_removing_…: a refused change keeps what was typed)",
        ["POST /Evaluations/{id:int}/Evidence Judge"] = "needs a stored piece: walked in EvidenceTests (A_supervisor_judges_…: the chosen verdict stays chosen)",
        ["POST /Evaluations/{id:int}/Report/Publication Withdraw"] = "needs a published edition; its reason is written back (Publication.cshtml), PublicationTests",
        ["POST /Account/Session -"] = "继续: a button that renews the session, nothing typed",
        ["POST /Evaluations/{id:int}/Areas/{key} Field"] = "the area page's autosave: answers JSON; the typed value stays in its field and in the tab (AutosaveTests)",
        ["POST /Admin/Schemes Document"] = "file upload: browsers never refill a file input",
        ["POST /Admin/Surveys Upload"] = "file upload: browsers never refill a file input",
        ["POST /Admin/Surveys/Rounds/{roundId:int} Close"] = "a confirmation carrying the round's version only (hidden, nothing typed)",
        ["POST /Evaluations/{id:int}/Evidence Replace"] = "file upload: browsers never refill a file input",
        ["POST /Account/Profile RevokeToken"] = "a button (asks for confirmation first), nothing typed",
        ["POST /Admin/ServiceAccounts CreateToken"] = "needs a service account (none in the seed): its refused form keeps what was typed, ApiTokenPagesTests",
        ["POST /Admin/ServiceAccounts RevokeToken"] = "a button (asks for confirmation first), nothing typed",
        ["POST /Rectification Update"] = "needs an approval's tasks; its fields are written back on a refusal (Rectification/Index 'failed'), RectificationTests",
        ["POST /Departments/{id:int} Field"] = "the department page's autosave: answers JSON as the area page's (DepartmentPageTests)",
        ["POST /Departments/{id:int} Preview"] = "the department page's script asks it to recompute while typing: answers JSON, no page",
        ["POST /Departments/{id:int} Submit"] = "报送: ticks only (the empty fields confirmed), kept by checked=… (DepartmentPageTests)",
        ["POST /Departments/{id:int} Import"] = "file upload: browsers never refill a file input",
        ["POST /Departments/{id:int}/Evidence Upload"] = "file upload: browsers never refill a file input",
        ["POST /County/Departments DisableDepartment"] = "a button, nothing typed",
        ["POST /County/Departments EnableDepartment"] = "a button, nothing typed",
        ["POST /County/Departments Disable"] = "a button (asks for confirmation first, as the admin's)",
        ["POST /County/Departments Enable"] = "a button, nothing typed",
        ["POST /County/Departments Reset"] = "a button (asks for confirmation first, as the admin's)",
        ["POST /Evaluations/{id:int}/Departments Save"] = "selects only; a refused save shows what was chosen (DepartmentPagesTests: the stale page)",
        ["POST /Evaluations/{id:int}/Departments/Review Accept"] = "needs a department's submitted fields (none in the seed); a button per row or the ticked rows, DepartmentReviewPageTests",
        ["POST /Evaluations/{id:int}/Departments/Review Return"] = "needs a department's submitted fields (none in the seed); a refused return keeps its reasons, DepartmentReviewPageTests",
        ["POST /Evaluations/{id:int}/Departments/Review AcceptAll"] = "needs a department's submitted fields (none in the seed); a button (asks for confirmation first), nothing typed",
    };

    private static string Long(string start, int length) => start + new string('续', length - start.Length);

    private IReadOnlyList<Walk> Walks()
    {
        var overview = $"/Evaluations/{Id}";
        return
        [
            new("POST /Account/Login -", State.Draft, null, "/Account/Login", "#login-form",
                new Dictionary<string, string> { ["Input.UserName"] = "walk.typed.name" }),
            new("POST /Evaluations/{id:int}/Areas/{key} -", State.Draft, "wenxi.official", Wenxi.AreaUrl(Id), "#area-form",
                new Dictionary<string, string> { ["Form.Values[A10.01]"] = "10755", ["Form.Values[A10.02]"] = "一万零七百" }),
            // 财政局's page (issue 30): a figure that is not a number stays as typed, beside its message.
            new("POST /Departments/{id:int} -", State.Draft, "wenxi.caizheng", $"/Departments/{Id}", "#area-form",
                new Dictionary<string, string> { [$"Form.Values[{SchemeDepartments.FieldsOf("财政局")[0]}]"] = "一万零七百" }),
            new("POST /Evaluations/{id:int}/Report -", State.Draft, "wenxi.official", $"{overview}/Report", "#report-form",
                new Dictionary<string, string> { ["Form.Issuer"] = Long("闻喜县走查发文机关", 101), ["Form.Addressee"] = "走查主送机关" }),
            new("POST /Evaluations/{id:int}/Comments Open", State.Draft, "wenxi.official", $"{overview}/Comments", "#new-thread-form",
                new Dictionary<string, string> { ["Text"] = Long("走查新意见", 2001), ["Target"] = "A10_PRESCHOOL" }),
            new("POST /Evaluations/{id:int}/Comments Reply", State.Draft, "wenxi.official", $"{overview}/Comments", ".reply-form",
                new Dictionary<string, string> { ["Text"] = Long("走查回复", 2001) }),
            new("POST /Evaluations/{id:int} Deadline", State.Draft, "shanxi.admin", overview, "#deadline-form",
                new Dictionary<string, string> { ["DeadlineDate"] = "2021-02-30" }),
            new("POST /Evaluations/{id:int} Extend", State.Draft, "shanxi.admin", overview, "#extend-form",
                new Dictionary<string, string> { ["DeadlineDate"] = "2021-02-31" }),
            new("POST /Account/Profile -", State.Draft, "wenxi.official", "/Account/Profile", "#profile-form",
                new Dictionary<string, string> { ["DisplayName"] = "走查姓名", ["Email"] = "walk-not-an-address" }),
            new("POST /Account/Profile CreateToken", State.Draft, "wenxi.official", "/Account/Profile", "#token-form",
                new Dictionary<string, string> { ["TokenName"] = Long("走查令牌", 31), ["TokenDays"] = "400" }),
            new("POST /Admin/ServiceAccounts CreateAccount", State.Draft, "shanxi.admin", "/Admin/ServiceAccounts", "#create-account-form",
                new Dictionary<string, string> { ["NewUserName"] = "走查 服务!", ["NewDisplayName"] = "走查平台", ["NewRole"] = "Supervisor", ["NewRegion"] = "走查不存在的市" }),
            new("POST /Admin/Users Create", State.Draft, "shanxi.admin", "/Admin/Users", "#create-user-form",
                new Dictionary<string, string> { ["NewUserName"] = "走查 用户!", ["NewDisplayName"] = "走查姓名", ["NewRole"] = "Supervisor", ["NewRegion"] = "运城市", ["NewEmail"] = "walk@example.gov.cn" }),
            new("POST /Admin/Users Reassign", State.Draft, "shanxi.admin", "/Admin/Users", "#users tr[data-user='wenxi.lead'] form.reassign-form",
                new Dictionary<string, string> { ["AssignRole"] = "Supervisor", ["AssignRegion"] = "走查不存在的县" }),
            new("POST /County/Departments CreateDepartment", State.Draft, "wenxi.lead", "/County/Departments", "#create-department-form",
                new Dictionary<string, string> { ["DepartmentName"] = Long("走查部门", 21) }),
            new("POST /County/Departments CreateUser", State.Draft, "wenxi.lead", "/County/Departments", "#create-department-user-form",
                new Dictionary<string, string> { ["NewUserName"] = "走查 用户!", ["NewDisplayName"] = "走查姓名", ["NewEmail"] = "walk@example.gov.cn", ["NewDepartment"] = "人社局" }),
            new("POST /Evaluations/{id:int}/Departments Deadline", State.Draft, "wenxi.lead", $"{overview}/Departments", "#department-deadline-form",
                new Dictionary<string, string> { ["DepartmentDeadline"] = "2021-02-30" }),
            new("POST /Admin/Regions Create", State.Draft, "shanxi.admin", "/Admin/Regions?Parent=140800", "#create-region-form",
                new Dictionary<string, string> { ["Code"] = "14082X", ["Name"] = "走查新县", ["ParentCode"] = "140800" }),
            new("POST /Admin/Regions Update", State.Draft, "shanxi.admin", "/Admin/Regions?Parent=140800", "#regions tr[data-region='140823'] form.update-form",
                new Dictionary<string, string> { ["Name"] = Long("走查改名", 51) }),
            new("POST /Admin/Schemes Activate", State.Draft, "shanxi.admin", "/Admin/Schemes", "#schemes form.activate-form",
                new Dictionary<string, string> { ["Year"] = "1999" }),
            // A period that ends before it begins (issue 31): the dates and the year stay as typed.
            new("POST /Admin/Surveys Open", State.Draft, "shanxi.admin", "/Admin/Surveys", "#survey-open-form",
                new Dictionary<string, string> { ["Year"] = "2022", ["OpensOn"] = "2022-03-31", ["ClosesOn"] = "2022-03-01" }),
            new("POST /Admin/Years Deadline", State.Draft, "shanxi.admin", "/Admin/Years", "#year-deadline-form",
                new Dictionary<string, string> { ["Deadline"] = "2021-02-29" }),
            new("POST /Oversight/Rollup -", State.Draft, "yuncheng.supervisor", "/Oversight/Rollup", "#rollup-form",
                new Dictionary<string, string> { ["Form.Issuer"] = Long("运城市走查发文机关", 101), ["Form.Intro"] = "走查开头语" }),
            // The approval over an open thread without the tick: the typed opinion and both 整改意见 stay.
            new("POST /Evaluations/{id:int} Approve", State.Submitted, "yuncheng.supervisor", overview, "#approve-form",
                new Dictionary<string, string> { ["Opinion"] = "走查审核意见：同意，但须整改。", ["Requirements"] = "走查整改意见一\n走查整改意见二" }),
            // A reason typed without choosing its indicator: the rows stay as typed.
            new("POST /Evaluations/{id:int} Return", State.Submitted, "yuncheng.supervisor", overview, "#return-form",
                new Dictionary<string, string>
                {
                    ["Reasons[0].Target"] = "A10_PRESCHOOL", ["Reasons[0].Text"] = "走查退回理由一", // an area: offered in every return form
                    ["Reasons[1].Target"] = "", ["Reasons[1].Text"] = "走查退回理由二",
                }),
            new("POST /Evaluations/{id:int} Reopen", State.Approved, "shanxi.admin", overview, "#reopen-form",
                new Dictionary<string, string> { ["ReopenReason"] = Long("走查重开理由", 2001) }),
        ];
    }

    [Fact]
    public async Task Every_post_form_is_walked_or_excluded_with_its_reason()
    {
        // The API's endpoints (issue 29) are no Razor forms: JSON in, problem+json out (Api/ApiTokenRulesTests).
        var posts = (await EndpointCatalog.DiscoverAsync(Factory.Services))
            .Where(c => c.Method == "POST" && !c.Route.StartsWith("/api/", StringComparison.Ordinal)).Select(c => c.Key).ToHashSet();
        var walked = Walks().Select(w => w.Key).ToHashSet();

        Assert.Empty(posts.Except(walked).Except(Excluded.Keys)); // a new form: walk it below or exclude it with the reason
        Assert.Empty(walked.Intersect(Excluded.Keys));
        Assert.Empty(walked.Concat(Excluded.Keys).Except(posts)); // nothing listed that the portal no longer has
    }

    [Theory]
    [InlineData("Draft")]
    [InlineData("Submitted")]
    [InlineData("Approved")]
    public async Task Refused_forms_come_back_with_what_was_typed_and_nothing_changed(string stateName)
    {
        var state = Enum.Parse<State>(stateName);
        await ArrangeAsync(state);
        foreach (var walk in Walks().Where(w => w.State == state))
        {
            var client = walk.User is null ? PortalClient.For(Factory) : await PortalClient.For(Factory).SignedInAsync(walk.User);
            var page = await client.GetDocumentAsync(walk.Page);
            var before = await FingerprintAsync();

            var response = await client.SubmitAsync(page, walk.Page, walk.Form, walk.Typed);

            Assert.True(response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther) && (int)response.StatusCode < 500,
                $"{walk.Key}: {response.StatusCode}");
            var again = await PortalClient.ParseAsync(response);
            var form = again.QuerySelector<IHtmlFormElement>(walk.Form);
            Assert.True(form is not null, $"{walk.Key}: the form {walk.Form} is not on the refused page");
            var shown = PortalClient.FormValues(form!);
            foreach (var (name, typed) in walk.Typed)
            {
                Assert.True(shown.TryGetValue(name, out var value) && value == typed,
                    $"{walk.Key}: {name} came back as “{(value is { Length: > 40 } v ? v[..40] + "…" : value)}”, typed “{(typed.Length > 40 ? typed[..40] + "…" : typed)}”");
            }

            Assert.Equal(before, await FingerprintAsync());
        }
    }

    [Fact]
    public async Task The_public_verification_keeps_a_pasted_value_that_is_not_a_hash()
    {
        var anonymous = PortalClient.For(Factory);
        var page = await anonymous.GetDocumentAsync("/public/verify");
        var response = await anonymous.SubmitAsync(page, "/public/verify", "#verify-form", new Dictionary<string, string> { ["Sha256"] = "走查粘贴的不是哈希值" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("走查粘贴的不是哈希值", (await PortalClient.ParseAsync(response)).QuerySelector<IHtmlTextAreaElement>("#verify-hash")!.Value);
    }

    [Fact]
    public async Task A_refused_approval_is_decided_on_the_page_before_the_dialog_and_the_next_click_approves_what_was_typed()
    {
        await ArrangeAsync(State.Submitted);
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var page = await supervisor.GetDocumentAsync($"/Evaluations/{Id}");

        // The page knows of the open thread: the tick is required (the browser stops before the dialog) and says what to do.
        var tick = page.QuerySelector<IHtmlInputElement>("#despite-open-threads")!;
        Assert.True(tick.IsRequired);
        Assert.Contains("还有 1 条审核意见尚未解决", page.QuerySelector("#open-threads-warning")!.TextContent);

        var typed = new Dictionary<string, string> { ["Opinion"] = "经审核，同意通过。走查意见。", ["Requirements"] = "整改一\n整改二\n整改三\n整改四\n整改五" };
        var refused = await PortalClient.ParseAsync(await supervisor.SubmitAsync(page, $"/Evaluations/{Id}", "#approve-form", typed));
        Assert.Contains("尚未解决", refused.QuerySelector("#review-refusal")!.TextContent);

        // The next click posts what the refused page shows: the typed opinion and all five 整改意见, now with the tick.
        var approved = await supervisor.SubmitAsync(refused, $"/Evaluations/{Id}", "#approve-form", new Dictionary<string, string> { ["DespiteOpenThreads"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var step = await Factory.WithDbAsync(db => db.EvaluationTransitions.Where(t => t.EvaluationId == Id).OrderBy(t => t.Id).LastAsync());
        Assert.Equal("经审核，同意通过。走查意见。", step.Reason);
        var tasks = await Factory.WithDbAsync(db => db.RectificationTasks.Where(t => t.EvaluationId == Id && t.Source == EduDuty.Core.Rectification.RectificationSource.Supervisor).Select(t => t.Problem).ToListAsync());
        Assert.Equal(new[] { "整改一", "整改二", "整改三", "整改四", "整改五" }.Order(StringComparer.Ordinal), tasks.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_return_reason_without_its_indicator_names_its_row_and_empty_rows_are_ignored()
    {
        await ArrangeAsync(State.Submitted);
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var refused = await supervisor.SubmitAsync($"/Evaluations/{Id}", "#return-form", new Dictionary<string, string>
        {
            ["Reasons[0].Target"] = "A10.01", ["Reasons[0].Text"] = "请核对在园幼儿数",
            ["Reasons[1].Target"] = "", ["Reasons[1].Text"] = "请补充普惠园名单",
            ["Reasons[2].Target"] = "", ["Reasons[2].Text"] = "",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var text = (await PortalClient.ParseAsync(refused)).QuerySelector("#review-refusal")!.TextContent;
        Assert.Contains("第 2 条理由没有选择针对的指标或领域", text);
        Assert.DoesNotContain("“”", text);
        Assert.Equal(EvaluationStatus.Submitted, await Wenxi.StatusAsync(Factory, Id));
    }

    // Draft: an open comment thread exists (so a reply form shows); Submitted and Approved are set on the row, as a review would leave them.
    private async Task ArrangeAsync(State state)
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var opened = await official.SubmitAsync($"/Evaluations/{Id}/Comments", "#new-thread-form", new Dictionary<string, string> { ["Text"] = "请督导核对学前教育数据" });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        if (state == State.Draft) return;
        var status = state == State.Submitted ? EvaluationStatus.Submitted : EvaluationStatus.Approved;
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, status)));
    }

    // What a refused post must not change: the rows every form of the walk writes.
    private Task<string> FingerprintAsync() => Factory.WithDbAsync(async db => string.Join(",",
        await db.AuditEntries.CountAsync(), await db.AdminAuditEntries.CountAsync(), await db.ReviewComments.CountAsync(),
        await db.EvaluationTransitions.CountAsync(), await db.RollupReports.CountAsync(), await db.Regions.CountAsync(),
        await db.Users.CountAsync(), await db.Deadlines.CountAsync(), await db.FigureValues.CountAsync(),
        await db.Departments.CountAsync(), await db.FieldAssignments.CountAsync(),
        await db.Schemes.CountAsync(s => s.ActiveForYear != null),
        string.Join(";", await db.Evaluations.OrderBy(e => e.Id).Select(e => e.Status).ToListAsync())));
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteEveryPostFormTests(SqlitePortalFactory factory) : EveryPostFormTests<SqlitePortalFactory>(factory);
