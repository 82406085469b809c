using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using EduDuty.Core.Schemes;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

public abstract class AdminSchemesTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string Page = "/Admin/Schemes";

    [Fact]
    public async Task A_broken_scheme_file_is_refused_with_the_field_named()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");

        var response = await UploadAsync(admin, Changed(s => Field(s, "A10.03")["formula"] = "[A10.02] / [A10.44] * 100"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("A10.03：公式引用了不存在的字段 A10.44", (await PortalClient.ParseAsync(response)).QuerySelector("#admin-errors")!.TextContent);
    }

    [Fact]
    public async Task A_changed_threshold_shows_in_the_comparison_and_an_in_use_version_gets_a_new_version_instead()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var changed = Changed(s => Field(s, "A10.03")["threshold"] = new JsonObject { ["op"] = ">=", ["value"] = 92 });

        var check = await PortalClient.ParseAsync(await UploadAsync(admin, changed));
        var changes = check.QuerySelector("#scheme-changes")!.TextContent;
        Assert.Contains("阈值 A10.03：学前三年毛入园率：≥ 90 → ≥ 92", changes);

        // 闻喜's evaluation under v1 is submitted: v1 must stay as it is.
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        await lead.SubmitAsync($"/Evaluations/{Id}", "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason });
        var inUse = await PortalClient.ParseAsync(await UploadAsync(admin, changed));
        Assert.Contains("保存时将作为新版本", inUse.QuerySelector("#scheme-check")!.TextContent);
        var saved = await admin.SubmitAsync(inUse, Page, "#scheme-save-form", new Dictionary<string, string>());
        Assert.Contains("已保存《2021年对市县级政府履行教育职责的评价方案（第二版）》", (await PortalClient.ParseAsync(saved)).QuerySelector("#admin-message")!.TextContent);

        var versions = await Factory.WithDbAsync(db => db.Schemes.Where(s => s.Code == "SX-2021").OrderBy(s => s.Version).Select(s => s.Definition).ToListAsync());
        Assert.Equal(2, versions.Count);
        Assert.Equal(90m, SchemeLoader.Load(versions[0]).FindField("A10.03")!.Threshold!.Number);
        Assert.Equal(92m, SchemeLoader.Load(versions[1]).FindField("A10.03")!.Threshold!.Number);
        Assert.Equal(2, SchemeLoader.Load(versions[1]).Version);
    }

    [Fact]
    public async Task Activating_a_version_for_a_year_makes_it_the_one_the_year_opens_with()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var schemeId = await Factory.WithDbAsync(db => db.Schemes.Where(s => s.Code == "SX-2021").Select(s => s.Id).FirstAsync());

        var response = await admin.SubmitAsync(Page, $"#schemes tr[data-scheme='SX-2021-1'] .activate-form", new Dictionary<string, string> { ["Year"] = "2025" });

        Assert.Contains("已设为 2025 年度使用的方案", (await PortalClient.ParseAsync(response)).QuerySelector("#admin-message")!.TextContent);
        Assert.Equal(2025, await Factory.WithDbAsync(db => db.Schemes.Where(s => s.Id == schemeId).Select(s => s.ActiveForYear).SingleAsync()));
        var years = await admin.GetDocumentAsync("/Admin/Years?Year=2025");
        Assert.Equal(schemeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            years.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("select[name=SchemeId]")!.Value);
    }

    private static string Changed(Action<JsonObject> change)
    {
        var scheme = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        change(scheme);
        return scheme.ToJsonString();
    }

    private static JsonObject Field(JsonObject scheme, string code) =>
        scheme["areas"]!.AsArray().SelectMany(a => a!["fields"]!.AsArray()).Single(f => (string?)f!["code"] == code)!.AsObject();

    private static async Task<HttpResponseMessage> UploadAsync(PortalClient client, string json)
    {
        var page = await client.GetDocumentAsync(Page);
        var token = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#scheme-upload-form input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "SchemeFile", "scheme.json");
        return await client.Http.PostAsync($"{Page}?handler=Check", content);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteAdminSchemesTests(SqlitePortalFactory factory) : AdminSchemesTests<SqlitePortalFactory>(factory);
