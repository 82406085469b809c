using System.Net;
using EduDuty.Core.Review;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// The county workbook through the portal: download from the overview, edit cells with the Open XML SDK as an office would,
/// upload to the import preview (changes, judgment changes, every bad cell), confirm; locks and foreign workbooks refused.
/// </summary>
public abstract class WorkbookImportTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string Preschool = "（十）学前教育普及普惠发展情况";

    [Fact]
    public async Task The_workbook_downloads_with_the_saved_figures_and_a_chinese_name()
    {
        await Wenxi.SeedGoldenFiguresAsync(Factory, Id);
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await client.Http.GetAsync($"/Evaluations/{Id}?handler=Workbook");
        var workbook = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("闻喜县-2021-填报表.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var cells = XlsxEdit.Cells(workbook);
        Assert.Equal("闻喜县", cells["封面"]["B3"]);
        Assert.Equal("12149", cells[Preschool][$"E{XlsxEdit.RowOf(workbook, Preschool, "A10.04")}"]); // golden A10.04
    }

    [Fact]
    public async Task Two_edited_cells_preview_as_two_changes_with_the_judgment_they_change_and_apply_audited_as_excel()
    {
        await Wenxi.SeedGoldenFiguresAsync(Factory, Id);
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var workbook = await DownloadAsync(client);
        var edited = XlsxEdit.Set(workbook, (Preschool, Cell(workbook, "A10.01"), 12000m), (Preschool, Cell(workbook, "A10.02"), 9600m));

        var preview = await UploadAsync(client, edited);
        var page = await PortalClient.ParseAsync(preview);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var rows = page.QuerySelectorAll("#import-changes tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("A10.01") && r.Contains("10755") && r.Contains("12000"));
        var judgments = page.QuerySelector("#import-judgments")!.TextContent;
        Assert.Contains("A10.03", judgments);      // 学前三年毛入园率: 99.82 (golden) → 9600 / 12000 = 80.00
        Assert.Contains("未达标", judgments);
        Assert.Equal(10755m, (await Wenxi.StoredNumbersAsync(Factory, Id))["A10.01"]); // a preview stores nothing

        var apply = await client.SubmitAsync(page, $"/Evaluations/{Id}/Import", "#apply-form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        var stored = await Wenxi.StoredNumbersAsync(Factory, Id);
        Assert.Equal((12000m, 9600m), (stored["A10.01"], stored["A10.02"]));
        var audit = await Wenxi.AuditAsync(Factory, Id);
        var fromWorkbook = audit.Where(a => a.Source == AuditSource.Excel).ToList();
        Assert.Equal(["A10.01", "A10.02"], fromWorkbook.Select(a => a.Target).Order());
        Assert.All(audit.Except(fromWorkbook), a => Assert.Equal(AuditSource.Import, a.Source)); // the seed, entered as an import
    }

    [Fact]
    public async Task Only_what_was_edited_in_the_workbook_changes_even_when_others_saved_meanwhile()
    {
        await Wenxi.SeedGoldenFiguresAsync(Factory, Id);
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var workbook = await DownloadAsync(client);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        await lead.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", new Dictionary<string, string> { ["Form.Values[A10.04]"] = "13000" });

        var page = await PortalClient.ParseAsync(await UploadAsync(client, XlsxEdit.Set(workbook, (Preschool, Cell(workbook, "A10.05"), 7000m))));
        await client.SubmitAsync(page, $"/Evaluations/{Id}/Import", "#apply-form", new Dictionary<string, string>());

        var stored = await Wenxi.StoredNumbersAsync(Factory, Id);
        Assert.Equal(13000m, stored["A10.04"]); // the lead's change survives the workbook's old 12149
        Assert.Equal(7000m, stored["A10.05"]);
    }

    [Theory]
    [InlineData("A10.01", "12.5", "请输入整数")]
    [InlineData("A10.02", "-1", "不能为负数")]
    [InlineData("A10.14", "也许", "请选择“是”或“否”")]
    public async Task A_bad_cell_is_named_by_sheet_and_cell_and_nothing_is_saved(string code, string value, string message)
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var workbook = await DownloadAsync(client);
        object cell = decimal.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : value;
        var edited = XlsxEdit.Set(workbook, (Preschool, Cell(workbook, "A10.04"), 12149m), (Preschool, Cell(workbook, code), cell));

        var response = await UploadAsync(client, edited);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await PortalClient.ParseAsync(response)).QuerySelector("#import-errors")!.TextContent;
        Assert.Contains($"{Preschool}!{Cell(workbook, code)}", errors);
        Assert.Contains(message, errors);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Theory]
    [InlineData("B3", "夏县", "这是夏县的填报表")]
    [InlineData("B5", "2020", "2020 年度")]
    [InlineData("B7", "2", "本方案的第2版")]
    public async Task A_workbook_of_another_county_year_or_scheme_version_is_refused_saying_which(string cell, string value, string message)
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var workbook = await DownloadAsync(client);

        var response = await UploadAsync(client, XlsxEdit.Set(workbook, ("封面", cell, value), (Preschool, Cell(workbook, "A10.04"), 1m)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(message, (await PortalClient.ParseAsync(response)).QuerySelector("#import-errors")!.TextContent);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    [Fact]
    public async Task A_submitted_evaluation_refuses_the_upload()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var workbook = await DownloadAsync(client);
        var page = await client.GetDocumentAsync($"/Evaluations/{Id}"); // the form, taken while it can still be edited
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EvaluationStatus.Submitted)));

        var response = await client.PostFilesAsync(page, "#import-form", new Dictionary<string, string>(),
            ("Upload", "闻喜县-2021-填报表.xlsx", XlsxEdit.Set(workbook, (Preschool, Cell(workbook, "A10.04"), 1m))));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("已提交", (await PortalClient.ParseAsync(response)).QuerySelector("#import-refused")!.TextContent);
        Assert.Empty(await Wenxi.StoredNumbersAsync(Factory, Id));
    }

    private static string Cell(byte[] workbook, string code) => $"E{XlsxEdit.RowOf(workbook, Preschool, code)}";

    private async Task<byte[]> DownloadAsync(PortalClient client) =>
        await client.Http.GetByteArrayAsync($"/Evaluations/{Id}?handler=Workbook");

    private Task<HttpResponseMessage> UploadAsync(PortalClient client, byte[] workbook) =>
        client.PostFilesAsync($"/Evaluations/{Id}", "#import-form", new Dictionary<string, string>(), ("Upload", "闻喜县-2021-填报表.xlsx", workbook));
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteWorkbookImportTests(SqlitePortalFactory factory) : WorkbookImportTests<SqlitePortalFactory>(factory);
