using System.Net;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Sylvan.Data.Csv;

namespace EduDuty.Web.Tests;

/// <summary>The evaluation's and the admins' audit trails as Excel workbooks hold exactly what their CSV holds.</summary>
public abstract class AuditExportTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task The_evaluation_audit_workbook_has_the_csvs_rows()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await official.SubmitAsync(Wenxi.AreaUrl(Id), "#area-form", Wenxi.Values(Wenxi.PreschoolFigures));

        var csv = await official.Http.GetByteArrayAsync($"/Evaluations/{Id}/Audit?handler=Csv");
        var response = await official.Http.GetAsync($"/Evaluations/{Id}/Audit?handler=Xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("闻喜县-2021-修改记录.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var rows = Rows(XlsxEdit.Cells(await response.Content.ReadAsByteArrayAsync())["修改记录"]);
        Assert.Equal(CsvRows(csv), rows);
        Assert.Equal(Wenxi.PreschoolFigures.Count + 1, rows.Count); // a heading and one line per figure saved
    }

    [Fact]
    public async Task The_admin_audit_exports_whole_as_csv_and_workbook_for_admins_only()
    {
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var csv = await admin.Http.GetByteArrayAsync("/Admin/Audit?handler=Csv");
        var xlsx = await admin.Http.GetByteArrayAsync("/Admin/Audit?handler=Xlsx");
        var page = await admin.GetDocumentAsync("/Admin/Audit");

        var rows = Rows(XlsxEdit.Cells(xlsx)["管理记录"]);
        Assert.Equal(CsvRows(csv), rows);
        Assert.Equal(["时间", "操作人", "操作", "对象", "原值", "新值"], rows[0]);
        Assert.True(rows.Count > 1, "the demo data opened the year: at least that action is recorded");
        Assert.Equal(page.QuerySelectorAll("#admin-audit tbody tr").Length, rows.Count - 1); // fewer than 500: all of them
        Assert.NotEqual(HttpStatusCode.OK, (await supervisor.Http.GetAsync("/Admin/Audit?handler=Xlsx")).StatusCode);
    }

    private static List<List<string>> CsvRows(byte[] csv)
    {
        using var reader = CsvDataReader.Create(new StreamReader(new MemoryStream(csv)), new CsvDataReaderOptions { HasHeaders = false });
        var rows = new List<List<string>>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList());
        return rows;
    }

    private static List<List<string>> Rows(IReadOnlyDictionary<string, string> sheet)
    {
        var width = sheet.Keys.Max(k => Reporting.Excel.CellReference.Parse(k)!.Value.Column);
        var height = sheet.Keys.Max(k => Reporting.Excel.CellReference.Parse(k)!.Value.Row);
        return Enumerable.Range(1, height)
            .Select(r => Enumerable.Range(1, width).Select(c => sheet.GetValueOrDefault(Reporting.Excel.CellReference.Of(c, r), "")).ToList())
            .ToList();
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteAuditExportTests(SqlitePortalFactory factory) : AuditExportTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresAuditExportTests(PostgresPortalFactory factory) : AuditExportTests<PostgresPortalFactory>(factory);
