using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 30 over HTTP: the lead's 部门管理 (create a department and an account, refusals shown beside the field with what was
/// typed), the 部门分工 page (defaults marked 默认, a whole area given, a stale page refused), and a 部门填报人员 (the seed's
/// <c>wenxi.caizheng</c>, 闻喜县 财政局): its home lists its to-do linked to 本部门填报, and the county's pages, the lead's pages and
/// another county's department page are refused to it.
/// </summary>
public abstract class DepartmentPagesTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private static readonly string[] SeedDepartments = ["财政局", "人社局"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // Each case starts from the seed's departments and accounts: what a case added goes.
        await Factory.WithDbAsync(async db =>
        {
            var added = db.Departments.Where(d => !SeedDepartments.Contains(d.Name) || !db.Regions.Any(r => r.Id == d.CountyId && r.Code == "140823"));
            await db.UserRoles.Where(ur => db.Users.Any(u => u.Id == ur.UserId && u.UserName!.StartsWith("wx.t"))).ExecuteDeleteAsync();
            await db.Users.Where(u => u.UserName!.StartsWith("wx.t")).ExecuteDeleteAsync();
            await added.ExecuteDeleteAsync();
            await db.Departments.ExecuteUpdateAsync(d => d.SetProperty(x => x.IsActive, true));
            return await db.Users.Where(u => u.UserName == "wenxi.caizheng").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, true));
        });
    }

    [Fact]
    public async Task The_lead_creates_a_department_and_an_account_whose_one_time_password_is_shown_once()
    {
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var page = await lead.GetDocumentAsync("/County/Departments");
        Assert.Equal(SeedDepartments.Order(StringComparer.Ordinal), page.QuerySelectorAll(".department").Select(d => d.GetAttribute("data-department")!).Order(StringComparer.Ordinal));
        Assert.NotNull(page.QuerySelector(".department[data-department='财政局'] tr[data-user='wenxi.caizheng']"));
        Assert.NotNull((await lead.GetDocumentAsync("/")).QuerySelector("#lead-departments a[href='/County/Departments']"));

        var created = await lead.SubmitAsync(page, "/County/Departments", "#create-department-form", new Dictionary<string, string> { ["DepartmentName"] = "发改局" });
        var afterDepartment = await PortalClient.ParseAsync(created);
        var account = await lead.SubmitAsync(afterDepartment, "/County/Departments", "#create-department-user-form",
            new Dictionary<string, string> { ["NewDepartment"] = "发改局", ["NewUserName"] = "wx.tfagai", ["NewDisplayName"] = "孙发改" });
        var shown = await PortalClient.ParseAsync(account);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("已新建部门“发改局”", afterDepartment.QuerySelector("#admin-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Equal(16, shown.QuerySelector("#one-time-passwords code.otp")!.TextContent.Length);
        Assert.NotNull(shown.QuerySelector(".department[data-department='发改局'] tr[data-user='wx.tfagai']"));
        Assert.Equal(("发改局", true), await Factory.WithDbAsync(async db => await db.Users.Where(u => u.UserName == "wx.tfagai")
            .Select(u => new ValueTuple<string, bool>(db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).First(), u.MustChangePassword)).SingleAsync()));
        // Shown once: the page read again has no password on it.
        Assert.Null((await lead.GetDocumentAsync("/County/Departments")).QuerySelector("#one-time-passwords"));
    }

    [Theory]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一", "20")]
    [InlineData("财政局", "闻喜县已有部门“财政局”")]
    public async Task A_refused_department_name_comes_back_beside_the_field_as_typed(string name, string said)
    {
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");

        var response = await lead.SubmitAsync("/County/Departments", "#create-department-form", new Dictionary<string, string> { ["DepartmentName"] = name });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await PortalClient.ParseAsync(response);
        Assert.Contains(said, page.QuerySelector("#department-name-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(name, page.QuerySelector<IHtmlInputElement>("#department-name")!.Value);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.Departments.CountAsync(d => db.Regions.Any(r => r.Id == d.CountyId && r.Code == "140823"))));
    }

    [Fact]
    public async Task The_assignment_page_marks_the_defaults_and_gives_a_whole_area_to_a_department()
    {
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var url = $"/Evaluations/{Id}/Departments";
        var page = await lead.GetDocumentAsync(url);
        var rows = page.QuerySelectorAll("#assignment-form [data-field]").ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.NotNull(r.QuerySelector(".default-badge")));
        var labour = page.QuerySelector<IHtmlSelectElement>("#area-A04_FINANCE")!.Options.Single(o => o.Text == "人社局").Value;

        var saved = await lead.SubmitAsync(page, url, "#assignment-form", new Dictionary<string, string> { ["Areas[A04_FINANCE]"] = labour }, handler: "Save");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await lead.GetDocumentAsync(url);
        Assert.Contains("部门分工已保存", after.QuerySelector("#assignment-message")!.TextContent, StringComparison.Ordinal);
        Assert.All(after.QuerySelectorAll(".assignment-area[data-area='A04_FINANCE'] [data-field]"), r => Assert.Equal("人社局", r.GetAttribute("data-owner")));

        // The first page again (its stamp is the old one): refused, nothing saved, what was chosen stays chosen.
        var stale = await lead.SubmitAsync(page, url, "#assignment-form", new Dictionary<string, string> { ["Areas[A04_FINANCE]"] = "0" }, handler: "Save");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var refused = await PortalClient.ParseAsync(stale);
        Assert.Contains("另一位负责人已修改了部门分工", refused.QuerySelector("#assignment-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0", refused.QuerySelector<IHtmlSelectElement>("#area-A04_FINANCE")!.Value);

        // An official reads it, without a form.
        var official = await (await PortalClient.For(Factory).SignedInAsync("wenxi.official")).GetDocumentAsync(url);
        Assert.Null(official.QuerySelector("#assignment-form select"));
        Assert.Contains("只有县级负责人", official.QuerySelector("#assignment-read-only")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_department_users_home_is_its_todo_linked_to_its_page_and_the_county_and_lead_pages_are_refused()
    {
        var xiaxian = await Wenxi.EvaluationIdAsync(Factory, "140828");
        var caizheng = await PortalClient.For(Factory).SignedInAsync("wenxi.caizheng");

        var home = await caizheng.GetDocumentAsync("/");

        Assert.Equal("本部门填报", home.QuerySelector("h1")!.TextContent.Trim());
        var todo = home.QuerySelectorAll("#todo li.todo-item a").ToList();
        Assert.NotEmpty(todo);
        Assert.All(todo, a => Assert.Equal($"/Departments/{Id}", a.GetAttribute("href")));
        Assert.Contains("财政局还有", todo[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector($"#department-evaluations tr[data-evaluation='{Id}'] a[href='/Departments/{Id}']"));
        Assert.Null(home.QuerySelector("#evaluations")); // not the county's list

        foreach (var url in new[] { $"/Evaluations/{Id}", $"/Evaluations/{Id}/Departments", "/County/Departments", $"/Evaluations/{xiaxian}" })
        {
            var response = await caizheng.Http.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect && (response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied") ?? true),
                $"{url}: {response.StatusCode} {response.Headers.Location}");
        }

        // Another county's department page is not there for it, read or written.
        var foreign = await caizheng.Http.GetAsync($"/Departments/{xiaxian}");
        Assert.True(foreign.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{foreign.StatusCode}");
        var token = home.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var write = await caizheng.Http.PostAsync($"/Departments/{xiaxian}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.True(write.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed, $"{write.StatusCode}");
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteDepartmentPagesTests(SqlitePortalFactory factory) : DepartmentPagesTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresDepartmentPagesTests(PostgresPortalFactory factory) : DepartmentPagesTests<PostgresPortalFactory>(factory);
