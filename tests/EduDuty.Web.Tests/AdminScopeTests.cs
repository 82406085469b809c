using AngleSharp.Dom;
using System.Net;
using System.Text.Json.Nodes;
using EduDuty.Core.Schemes;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// An admin stays inside their province: with 河北省 in the same deployment, its admin cannot set Shanxi's deadline, change or
/// activate Shanxi's scheme, create regions under 运城市 or a new province, or read Shanxi's regions, schemes, users or audit.
/// Each attempt is refused and changes nothing.
/// </summary>
public abstract class AdminScopeTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SecondProvince.SetUpAsync(Factory);
    }

    [Fact]
    public async Task Another_provinces_admin_cannot_set_shanxis_deadline()
    {
        var hebei = await PortalClient.For(Factory).SignedInAsync("hebei.admin");
        var sx = await SchemeIdAsync("SX-2021");

        var response = await hebei.PostFormAsync("/Admin/Years", "#year-deadline-form", new Dictionary<string, string>
        {
            ["SchemeId"] = sx.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Year"] = "2021", ["Region"] = "", ["Deadline"] = "2021-01-01",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(await Factory.WithDbAsync(db => db.Deadlines.AnyAsync(d => d.SchemeId == sx)));
    }

    [Fact]
    public async Task A_deadline_belongs_to_its_region_and_shanxis_does_not_lock_hebeis_county()
    {
        var shanxi = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var hebei = await PortalClient.For(Factory).SignedInAsync("hebei.admin");
        var sx = await SchemeIdAsync("SX-2021");
        var hb = await SchemeIdAsync(SecondProvince.SchemeCode);
        try
        {
            await shanxi.PostFormAsync("/Admin/Years", "#year-deadline-form", new Dictionary<string, string> { ["SchemeId"] = $"{sx}", ["Year"] = "2021", ["Deadline"] = "2021-01-01", ["DeadlineConfirmed"] = "true" });
            await hebei.PostFormAsync("/Admin/Years", "#year-deadline-form", new Dictionary<string, string> { ["SchemeId"] = $"{hb}", ["Year"] = "2021", ["Deadline"] = "2099-12-31" });

            var deadlines = await Factory.WithDbAsync(db => db.Deadlines.Select(d => new { d.SchemeId, d.Region.Code, d.DueDate }).ToListAsync());
            Assert.Equal(2, deadlines.Count);
            Assert.Contains(deadlines, d => d.SchemeId == sx && d.Code == "140000");
            Assert.Contains(deadlines, d => d.SchemeId == hb && d.Code == SecondProvince.Province);
            var changan = await PortalClient.For(Factory).SignedInAsync("changan.official");
            var page = await changan.GetDocumentAsync(Wenxi.AreaUrl(await SecondProvince.EvaluationIdAsync(Factory)));
            Assert.False(page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#f-A10-01")!.IsDisabled);
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Deadlines.ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task Another_provinces_admin_can_neither_overwrite_nor_activate_shanxis_scheme()
    {
        var hebei = await PortalClient.For(Factory).SignedInAsync("hebei.admin");
        var before = await Factory.WithDbAsync(db => db.Schemes.Where(s => s.Code == "SX-2021").Select(s => new { s.Version, s.ContentHash, s.ActiveForYear }).ToListAsync());
        var changed = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        changed["title"] = "篡改的方案";

        var check = await hebei.PostFileAsync("/Admin/Schemes", "#scheme-upload-form", "SchemeFile", "sx.json", changed.ToJsonString());
        var save = await hebei.PostFormAsync("/Admin/Schemes", "#scheme-upload-form", new Dictionary<string, string> { ["Json"] = changed.ToJsonString() }, handler: "Save");
        var activate = await hebei.PostFormAsync("/Admin/Schemes", "#scheme-upload-form", new Dictionary<string, string>
        {
            ["SchemeId"] = (await SchemeIdAsync("SX-2021")).ToString(System.Globalization.CultureInfo.InvariantCulture), ["Year"] = "2022",
        }, handler: "Activate");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, check.StatusCode);
        Assert.Contains("方案代码 SX-2021 不可用，请换一个。", (await PortalClient.ParseAsync(check)).QuerySelector("#admin-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, save.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, activate.StatusCode);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Schemes.Where(s => s.Code == "SX-2021").Select(s => new { s.Version, s.ContentHash, s.ActiveForYear }).ToListAsync()));
    }

    [Theory]
    [InlineData("140899", "别人的区", "140800", "不在您管辖的范围内")]
    [InlineData("150000", "新的省", "", "只能由系统管理员用命令行导入")]
    public async Task Another_provinces_admin_cannot_create_regions_under_shanxi_nor_a_new_province(string code, string name, string parent, string expected)
    {
        var hebei = await PortalClient.For(Factory).SignedInAsync("hebei.admin");
        var before = await Factory.WithDbAsync(db => db.Regions.CountAsync());

        var response = await hebei.PostFormAsync("/Admin/Regions", "#create-region-form", new Dictionary<string, string> { ["Code"] = code, ["Name"] = name, ["ParentCode"] = parent });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, (await PortalClient.ParseAsync(response)).QuerySelector("#admin-errors")!.TextContent);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Regions.CountAsync()));
    }

    [Fact]
    public async Task Another_provinces_admin_cannot_rename_or_delete_a_shanxi_region_nor_their_own_province()
    {
        var hebei = await PortalClient.For(Factory).SignedInAsync("hebei.admin");
        var token = (await hebei.GetDocumentAsync("/Admin/Regions")).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        foreach (var (handler, code) in new[] { ("Update", "140800"), ("Delete", "140828"), ("Update", SecondProvince.Province) })
        {
            var response = await hebei.Http.PostAsync($"/Admin/Regions?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Code"] = code, ["Name"] = "改名", ["Active"] = "true",
            }));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal("运城市", await Factory.WithDbAsync(db => db.Regions.Where(r => r.Code == "140800").Select(r => r.Name).SingleAsync()));
        Assert.Equal("河北省", await Factory.WithDbAsync(db => db.Regions.Where(r => r.Code == SecondProvince.Province).Select(r => r.Name).SingleAsync()));
        Assert.True(await Factory.WithDbAsync(db => db.Regions.AnyAsync(r => r.Code == "140828")));
    }

    [Fact]
    public async Task Another_provinces_admin_sees_none_of_shanxis_regions_schemes_users_or_audit()
    {
        var shanxi = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        await shanxi.PostFormAsync("/Admin/Regions", "#create-region-form", new Dictionary<string, string> { ["Code"] = "140830", ["Name"] = "审计可见县", ["ParentCode"] = "140800" });
        var hebei = await PortalClient.For(Factory).SignedInAsync("hebei.admin");

        var pages = new Dictionary<string, string>();
        foreach (var page in new[] { "/Admin/Regions", "/Admin/Schemes", "/Admin/Users", "/Admin/Audit", "/Admin/Years" })
        {
            pages[page] = (await hebei.GetDocumentAsync(page)).QuerySelector("main")!.InnerHtml;
        }

        Assert.All(pages, p => Assert.DoesNotContain("运城市", p.Value));
        Assert.All(pages, p => Assert.DoesNotContain("闻喜", p.Value));
        Assert.DoesNotContain("SX-2021", pages["/Admin/Schemes"]);
        Assert.DoesNotContain("SX-2021", pages["/Admin/Years"]);
        Assert.DoesNotContain("审计可见县", pages["/Admin/Audit"]);
        Assert.Contains("长安区", pages["/Admin/Regions"]);
        Assert.Contains("审计可见县", (await shanxi.GetDocumentAsync("/Admin/Audit")).QuerySelector("main")!.TextContent);
    }

    private Task<int> SchemeIdAsync(string code) =>
        Factory.WithDbAsync(db => db.Schemes.Where(s => s.Code == code).OrderByDescending(s => s.Version).Select(s => s.Id).FirstAsync());
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteAdminScopeTests(SqlitePortalFactory factory) : AdminScopeTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresAdminScopeTests(PostgresPortalFactory factory) : AdminScopeTests<PostgresPortalFactory>(factory);
