using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 27's admin forms (confirmation of 停用 and 重置密码, region fields that take a name, the admin audit field by field)
/// and the internal artifacts kept out of visible text (evidence hashes, trace ids, scheme codes). Expected values are the
/// seed's (闻喜县 140823, the SX-2021 scheme's title) and what the test types.
/// </summary>
public abstract class AdminFormsAndArtifactsTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string Users = "/Admin/Users";

    [Fact]
    public async Task A_region_typed_by_a_name_that_one_region_bears_is_that_region()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");

        var created = await admin.SubmitAsync(Users, "#create-user-form", new Dictionary<string, string>
        {
            ["NewUserName"] = "wenxi.name", ["NewDisplayName"] = "按名称选地区", ["NewRole"] = "CountyOfficial", ["NewRegion"] = "闻喜县",
        });

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("已创建用户 wenxi.name", (await PortalClient.ParseAsync(created)).QuerySelector("#admin-message")!.TextContent);
        Assert.Equal("140823", await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "wenxi.name").Select(u => u.Region.Code).SingleAsync()));

        // Reassigning takes a name too.
        var moved = await admin.SubmitAsync(Users, "#users tr[data-user='wenxi.name'] form.reassign-form", new Dictionary<string, string> { ["AssignRegion"] = "夏县" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("140828", await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "wenxi.name").Select(u => u.Region.Code).SingleAsync()));
    }

    [Fact]
    public async Task A_name_several_regions_bear_is_refused_naming_them_and_the_typed_values_stay()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        // Two regions named 城区, one under each city; the parent typed by its name as well.
        foreach (var (code, parent) in new[] { ("140898", "运城市"), ("140598", "晋城市") })
        {
            var region = await admin.SubmitAsync("/Admin/Regions", "#create-region-form", new Dictionary<string, string> { ["Code"] = code, ["Name"] = "城区", ["ParentCode"] = parent });
            Assert.Equal(HttpStatusCode.OK, region.StatusCode);
        }

        var refused = await admin.SubmitAsync(Users, "#create-user-form", new Dictionary<string, string>
        {
            ["NewUserName"] = "chengqu.official", ["NewDisplayName"] = "城区填报人", ["NewRole"] = "CountyOfficial", ["NewRegion"] = "城区",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await PortalClient.ParseAsync(refused);
        var problem = page.QuerySelector("#new-region-error")!.TextContent;
        Assert.Contains("有多个地区名为“城区”", problem);
        Assert.Contains("140598", problem);
        Assert.Contains("140898", problem);
        Assert.Equal("城区", page.QuerySelector<IHtmlInputElement>("#new-region")!.Value);
        Assert.Equal("城区填报人", page.QuerySelector<IHtmlInputElement>("#new-display-name")!.Value);
        Assert.False(await Factory.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "chengqu.official")));
    }

    [Theory]
    [InlineData("active-form", "确定停用 闻喜县负责人（wenxi.lead）吗？")]
    [InlineData("reset-form", "确定重置 闻喜县负责人（wenxi.lead）的密码吗？")]
    public async Task The_disable_and_reset_buttons_ask_for_confirmation_first(string form, string question)
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var before = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "wenxi.lead").Select(u => new { u.IsActive, u.PasswordHash }).SingleAsync());
        var list = await admin.GetDocumentAsync(Users);
        Assert.NotNull(list.QuerySelector($"#users tr[data-user='wenxi.lead'] form.{form}[data-confirm][data-confirm-field='Confirmed']"));

        // Without script: the click shows the confirmation, nothing changed yet.
        var asked = await admin.SubmitAsync(list, Users, $"#users tr[data-user='wenxi.lead'] form.{form}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirmation = await PortalClient.ParseAsync(asked);
        Assert.StartsWith(question, confirmation.QuerySelector("#confirm-user-action p")!.TextContent);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "wenxi.lead").Select(u => new { u.IsActive, u.PasswordHash }).SingleAsync()));

        // Confirmed: done.
        var done = await admin.SubmitAsync(confirmation, Users, "#confirm-user-action-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var after = await Factory.WithDbAsync(db => db.Users.Where(u => u.UserName == "wenxi.lead").Select(u => new { u.IsActive, u.PasswordHash }).SingleAsync());
        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task The_admin_audit_shows_changed_texts_field_by_field_in_chinese_not_json()
    {
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        const string rollup = "/Oversight/Rollup?Region=140800";
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(rollup, "#rollup-form", new Dictionary<string, string> { ["Form.Issuer"] = "运城市教育局" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await supervisor.SubmitAsync(rollup, "#rollup-form", new Dictionary<string, string> { ["Form.Issuer"] = "运城市人民政府教育督导室" })).StatusCode);

        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var audit = (await admin.GetDocumentAsync("/Admin/Audit")).QuerySelector("#admin-audit")!;

        Assert.DoesNotContain("{", audit.TextContent);
        Assert.DoesNotContain("issuer", audit.TextContent);
        var latest = audit.QuerySelector("tbody tr")!.QuerySelector("dl.audit-fields")!;
        Assert.Equal(["发文机关"], latest.QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.Equal("运城市教育局", latest.QuerySelector("dd del")!.TextContent);
        Assert.Equal("运城市人民政府教育督导室", latest.QuerySelector("dd ins")!.TextContent);
    }

    [Fact]
    public async Task The_evaluations_audit_names_evidence_by_title_file_and_size_never_its_hash()
    {
        var hash = new string('a', 64);
        var description = EduDuty.Application.Evidence.AttachEvidence.Describe("整改通知", "整改通知.pdf", 6_554, hash);
        await Factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(AuditEntry.Of(Id, AuditKind.Evidence, "A10.01", null, description, "seed", "闻喜县填报员", new DateTime(2021, 10, 1, 2, 0, 0, DateTimeKind.Utc), AuditSource.Upload));
            return await db.SaveChangesAsync();
        });
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var text = (await official.GetDocumentAsync($"/Evaluations/{Id}/Audit")).QuerySelector("#audit")!.TextContent;

        Assert.Contains("整改通知（整改通知.pdf，6.4 KB）", text);
        Assert.DoesNotContain("SHA-256", text);
        Assert.DoesNotContain(hash, text);
    }

    [Fact]
    public async Task The_error_page_shows_a_short_reference_not_the_trace_id()
    {
        var client = PortalClient.For(Factory);
        var response = await client.Http.GetAsync("/Error?status=500");
        var page = await PortalClient.ParseAsync(response);

        var reference = page.QuerySelector("#error-reference")!.TextContent;
        Assert.Matches("^[0-9a-z]{8}$", reference);
        Assert.DoesNotMatch(@"00-[0-9a-f]{32}-[0-9a-f]{16}-0\d", page.Body!.TextContent);
    }

    [Fact]
    public async Task Selects_and_messages_name_the_scheme_by_its_title_and_version_in_words()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var years = await admin.GetDocumentAsync("/Admin/Years");
        Assert.Equal("2021年对市县级政府履行教育职责的评价方案（第一版）", years.QuerySelector("#year-scheme option")!.TextContent);

        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        foreach (var url in new[] { "/Oversight/Export", "/Oversight/Rollup", "/Admin/Schemes" })
        {
            var body = (await (url.StartsWith("/Admin", StringComparison.Ordinal) ? admin : supervisor).GetDocumentAsync(url)).Body!.TextContent;
            Assert.DoesNotContain("SX-2021", body);
        }
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteAdminFormsAndArtifactsTests(SqlitePortalFactory factory) : AdminFormsAndArtifactsTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresAdminFormsAndArtifactsTests(PostgresPortalFactory factory) : AdminFormsAndArtifactsTests<PostgresPortalFactory>(factory);
