using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

public abstract class AdminRegionsTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string Page = "/Admin/Regions";

    [Fact]
    public async Task A_region_list_is_previewed_then_imported_with_parents_before_children()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        const string csv = "code,name,parent_code\n140725,寿阳县,140700\n140700,晋中市,140000\n140800,运城市,140000\n";

        var preview = await PortalClient.ParseAsync(await UploadAsync(admin, csv));
        Assert.Contains("新增 2 个，已存在且相同 1 个", preview.QuerySelector("#region-preview")!.TextContent);
        Assert.False(await Factory.WithDbAsync(db => db.Regions.AnyAsync(r => r.Code == "140700")));

        var imported = await admin.SubmitAsync(preview, Page, "#region-import-form", new Dictionary<string, string>());
        Assert.Contains("已导入 2 个地区", (await PortalClient.ParseAsync(imported)).QuerySelector("#admin-message")!.TextContent);
        var county = await Factory.WithDbAsync(db => db.Regions.Include(r => r.Parent).SingleAsync(r => r.Code == "140725"));
        Assert.Equal(("晋中市", "/140000/140700/140725/"), (county.Parent!.Name, county.Path));
        Assert.Contains("导入地区", (await admin.GetDocumentAsync("/Admin/Audit")).QuerySelector("#admin-audit")!.TextContent);
    }

    [Theory]
    [InlineData("code,name,parent_code\n140899,甲县,140800\n140899,乙县,140800\n", "在文件中重复")]
    [InlineData("code,name,parent_code\n140999,甲县,140800\n", "代码 140999 应以上级代码 140800 的前 4 位开头")]
    [InlineData("code,name,parent_code\n140898,甲\u0007县,140800\n", "名称中含有换行或不可见的控制字符")]
    [InlineData("code,name,parent_code\n149901,丙县,149900\n", "上级代码 149900 不存在")]
    [InlineData("code,name,parent_code\n14080X,丁县,140800\n", "应为 6 位行政区划代码")]
    [InlineData("code,name,parent_code\n140998,戊县,140000\n", "的上级应为市级代码")]
    [InlineData("code,name,parent_code\n140823,别的名字,140800\n", "已存在（闻喜县）")]
    [InlineData("name,code\n甲,140997\n", "表头应为")]
    public async Task Any_bad_row_is_named_and_nothing_is_imported(string csv, string expected)
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var before = await Factory.WithDbAsync(db => db.Regions.CountAsync());

        var response = await UploadAsync(admin, csv + "140896,好的县,140800\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, (await PortalClient.ParseAsync(response)).QuerySelector("#admin-errors")!.TextContent);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Regions.CountAsync()));
    }

    [Fact]
    public async Task A_region_with_evaluations_cannot_be_deleted_only_deactivated_and_an_unused_one_can()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");

        // The tree shows a level at a time: the province's cities, then a city's counties. It offers no delete where the rule
        // forbids it, and says why; a hand-made POST is refused all the same.
        var top = await admin.GetDocumentAsync(Page);
        var cities = top.QuerySelectorAll("#regions tbody tr").Select(r => r.GetAttribute("data-region")).ToList();
        Assert.Equal("140000", cities[0]);
        Assert.Contains("140800", cities);
        Assert.DoesNotContain("140823", cities);
        Assert.Equal("/Admin/Regions?Parent=140800&p=1", top.QuerySelector("#regions tr[data-region='140800'] a.sub-regions")!.GetAttribute("href"));
        var page = await admin.GetDocumentAsync("/Admin/Regions?Parent=140800");
        Assert.Null(page.QuerySelector("#regions tr[data-region='140821'] .delete-form"));
        Assert.Equal("已有评价，不能删除，只能停用", page.QuerySelector("#regions tr[data-region='140821'] [title]")!.GetAttribute("title"));
        var refused = await admin.PostFormAsync(Page, "#create-region-form", new Dictionary<string, string> { ["Code"] = "140821" }, handler: "Delete");
        Assert.Contains("已有评价，不能删除，只能停用", (await PortalClient.ParseAsync(refused)).QuerySelector("#admin-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode); // refused, not now: it can be deactivated instead
        var unnamed = await admin.PostFormAsync(Page, "#create-region-form", new Dictionary<string, string> { ["Code"] = "140821", ["Name"] = " " }, handler: "Update");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unnamed.StatusCode);
        Assert.Contains("名称应为 1–50 个字符", (await PortalClient.ParseAsync(unnamed)).QuerySelector("#admin-errors")!.TextContent);
        var order = page.QuerySelectorAll("#regions tbody tr").Select(r => r.GetAttribute("data-region")).ToList();
        Assert.Equal("140800", order[0]); // the city, then its counties by code
        Assert.Equal(order.Skip(1).Order(StringComparer.Ordinal), order.Skip(1));
        Assert.Equal("2", page.QuerySelector("#regions tr[data-region='140823']")!.GetAttribute("data-depth"));
        Assert.Contains("运城市", page.QuerySelector("#region-trail")!.TextContent);
        var search = await admin.GetDocumentAsync("/Admin/Regions?Q=%E9%97%BB%E5%96%9C"); // 闻喜, from the province: every level
        Assert.Equal(["140000", "140823"], search.QuerySelectorAll("#regions tbody tr").Select(r => r.GetAttribute("data-region")));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync("/Admin/Regions?Parent=130000")).StatusCode); // another province

        await admin.SubmitAsync("/Admin/Regions?Parent=140800", "#regions tr[data-region='140821'] .update-form", new Dictionary<string, string> { ["Name"] = "临猗县（停用）", ["Active"] = "false" });
        var region = await Factory.WithDbAsync(db => db.Regions.SingleAsync(r => r.Code == "140821"));
        Assert.Equal(("临猗县（停用）", false), (region.Name, region.IsActive));

        await admin.SubmitAsync(Page, "#create-region-form", new Dictionary<string, string> { ["Code"] = "140829", ["Name"] = "平陆县", ["ParentCode"] = "140800" });
        Assert.True(await Factory.WithDbAsync(db => db.Regions.AnyAsync(r => r.Code == "140829")));
        await admin.SubmitAsync("/Admin/Regions?Parent=140800", "#regions tr[data-region='140829'] .delete-form", new Dictionary<string, string>());
        Assert.False(await Factory.WithDbAsync(db => db.Regions.AnyAsync(r => r.Code == "140829")));
    }

    private static async Task<HttpResponseMessage> UploadAsync(PortalClient client, string csv)
    {
        var page = await client.GetDocumentAsync(Page);
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#region-upload-form input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "Csv", "regions.csv");
        return await client.Http.PostAsync($"{Page}?handler=Preview", content);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteAdminRegionsTests(SqlitePortalFactory factory) : AdminRegionsTests<SqlitePortalFactory>(factory);
