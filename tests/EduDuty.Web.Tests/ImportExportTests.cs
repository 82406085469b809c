using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests;

public abstract class ImportExportTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{

    private static string GoldenJson => File.ReadAllText(RepositoryPaths.Fixture("sx-2021", "golden-wenxi-2021.json"));

    [Fact]
    public async Task Upload_previews_the_changes_then_apply_stores_them_audited_as_import()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var preview = await UploadAsync(client, GoldenJson);
        var page = await PortalClient.ParseAsync(preview);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var figureCount = JsonDocument.Parse(GoldenJson).RootElement.GetProperty("figures").EnumerateObject().Count();
        Assert.Equal(figureCount, page.QuerySelectorAll("#import-changes tbody tr").Length);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id)); // a preview stores nothing

        var apply = await client.SubmitAsync(page, $"/Evaluations/{Id}/Import", "#apply-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);

        var stored = await Wenxi.StoredNumbersAsync(Factory, Id);
        Assert.Equal(figureCount, stored.Count);
        Assert.Equal(12149m, stored["A10.04"]);
        var audit = await Wenxi.AuditAsync(Factory, Id);
        Assert.Equal(figureCount, audit.Count);
        Assert.All(audit, a => Assert.Equal(AuditSource.Import, a.Source));
        var overview = await client.GetDocumentAsync($"/Evaluations/{Id}");
        Assert.Contains($"修改了 {figureCount} 项", overview.QuerySelector("#saved-message")!.TextContent);
        Assert.Contains("民办义务教育在校生占比", overview.QuerySelector("#failing")!.TextContent);
    }

    [Fact]
    public async Task A_file_with_any_invalid_entry_lists_every_problem_and_applies_nothing()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        const string json = """{"scheme": "SX-2021", "county": "闻喜县", "year": 2021, "figures": {"A10.04": 12149, "A10.99": 1, "A10.01": "many", "A10.02": -1, "A10.03": 99}}""";

        var response = await UploadAsync(client, json);
        var errors = (await PortalClient.ParseAsync(response)).QuerySelector("#import-errors")!.TextContent;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("A10.99", errors);
        Assert.Contains("A10.01", errors);
        Assert.Contains("不能为负数", errors);
        Assert.Contains("计算得出", errors);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Theory]
    [InlineData("""{"scheme": "SX-2021", "county": "泽州县", "year": 2021, "figures": {"A10.04": 1}}""", "泽州县")]
    [InlineData("""{"scheme": "SX-2021", "county": "闻喜县", "year": 2020, "figures": {"A10.04": 1}}""", "2020")]
    [InlineData("""{"scheme": "SX-2030", "figures": {"A10.04": 1}}""", "SX-2030")]
    [InlineData("not json at all", "JSON")]
    public async Task A_file_for_another_county_year_or_scheme_is_refused(string json, string expected)
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await UploadAsync(client, json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, (await PortalClient.ParseAsync(response)).QuerySelector("#import-errors")!.TextContent);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task A_figure_changed_after_the_preview_stops_the_apply()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await PortalClient.ParseAsync(await UploadAsync(client, GoldenJson));

        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        await lead.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string> { ["Form.Values[A10.04]"] = "1" });

        var apply = await client.SubmitAsync(page, $"/Evaluations/{Id}/Import", "#apply-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Conflict, apply.StatusCode);
        Assert.NotNull((await PortalClient.ParseAsync(apply)).QuerySelector("#import-moved"));
        var stored = await Wenxi.StoredNumbersAsync(Factory, Id);
        Assert.Single(stored);
        Assert.Equal(1m, stored["A10.04"]);
    }

    [Fact]
    public async Task Export_downloads_the_stored_figures_in_the_same_format_with_a_chinese_file_name()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var page = await PortalClient.ParseAsync(await UploadAsync(client, GoldenJson));
        await client.SubmitAsync(page, $"/Evaluations/{Id}/Import", "#apply-form", new Dictionary<string, string>());

        var response = await client.Http.GetAsync($"/Evaluations/{Id}?handler=Export");
        var json = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Equal("闻喜县-2021-填报数据.json", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var exported = JsonDocument.Parse(json);
        using var golden = JsonDocument.Parse(GoldenJson);
        Assert.Equal("闻喜县", exported.RootElement.GetProperty("county").GetString());
        var expected = golden.RootElement.GetProperty("figures").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        var actual = exported.RootElement.GetProperty("figures").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Supervisors_cannot_import()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var response = await UploadAsync(client, GoldenJson, formPage: $"/Evaluations/{Id}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    private async Task<HttpResponseMessage> UploadAsync(PortalClient client, string json, string? formPage = null)
    {
        // The supervisor's overview has no upload form; take the token from any form there.
        var page = await client.GetDocumentAsync(formPage ?? $"/Evaluations/{Id}");
        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "Upload", "figures.json");
        return await client.Http.PostAsync($"/Evaluations/{Id}/Import", content);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteImportExportTests(SqlitePortalFactory factory) : ImportExportTests<SqlitePortalFactory>(factory);
