using System.IO.Compression;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EduDuty.Core.Rectification;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Sylvan.Data.Csv;
using UglyToad.PdfPig;

namespace EduDuty.Web.Tests.Inputs;

/// <summary>
/// Rows stored before the input rule held (inserted here directly, as older data is): every C0 control the database can hold
/// (PostgreSQL stores no U+0000; the door refuses it with 400), DEL, a C1 control, U+202E and U+2066, and texts that begin
/// like a formula, in an evidence title and its 文号, an area text, the report's issuer, a county's name, a rectification task
/// and audit entries. Every export answers 200 and opens again (Open XML SDK, PdfPig, a CSV reader); no workbook holds a
/// formula, and every text cell that begins like one is marked quotePrefix; every such CSV cell starts with an apostrophe.
/// </summary>
public abstract class LegacyTextExportTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private static readonly string Controls = string.Concat(Enumerable.Range(1, 31).Select(c => (char)c)) + "\u007F\u0085\u202E\u2066";

    [Fact]
    public async Task Every_export_of_rows_holding_controls_and_formulas_answers_200_and_opens()
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        await PlantAsync(id);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");

        var problems = new List<string>();
        async Task<byte[]?> Get(PortalClient client, string url)
        {
            using var response = await client.Http.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK) return await response.Content.ReadAsByteArrayAsync();
            problems.Add($"{url}: {(int)response.StatusCode}");
            return null;
        }

        foreach (var url in new[] { $"/Evaluations/{id}/Report?handler=Docx", "/Oversight/Rollup?Region=140800&handler=Docx" })
        {
            if (await Get(url.StartsWith("/Oversight", StringComparison.Ordinal) ? supervisor : official, url) is { } docx) problems.AddRange(Docx(url, docx));
        }

        foreach (var url in new[] { $"/Evaluations/{id}/Report?handler=Pdf", "/Oversight/Rollup?Region=140800&handler=Pdf" })
        {
            if (await Get(url.StartsWith("/Oversight", StringComparison.Ordinal) ? supervisor : official, url) is { } pdf) problems.AddRange(Pdf(url, pdf));
        }

        var workbooks = new (PortalClient Client, string Url)[]
        {
            (official, $"/Evaluations/{id}?handler=Workbook"), (official, $"/Evaluations/{id}/Audit?handler=Xlsx"),
            (supervisor, "/Oversight/Export?handler=Download&Region=140800"), (supervisor, "/Rectification?handler=Export"),
            (official, "/Rectification?handler=Export"), (admin, "/Admin/Audit?handler=Xlsx"),
        };
        var formulaLike = 0;
        foreach (var (client, url) in workbooks)
        {
            if (await Get(client, url) is not { } xlsx) continue;
            var (found, count) = Xlsx(url, xlsx);
            problems.AddRange(found);
            formulaLike += count;
        }

        foreach (var (client, url) in new[] { (official, $"/Evaluations/{id}/Audit?handler=Csv"), (admin, "/Admin/Audit?handler=Csv") })
        {
            if (await Get(client, url) is { } csv) problems.AddRange(Csv(url, csv));
        }

        if (await Get(supervisor, "/Oversight/Export?handler=Reports&Region=140800") is { } zip)
        {
            using var archive = new ZipArchive(new MemoryStream(zip));
            foreach (var entry in archive.Entries.Where(e => e.Name.EndsWith(".docx", StringComparison.Ordinal) || e.Name.EndsWith(".pdf", StringComparison.Ordinal)))
            {
                using var content = new MemoryStream();
                await using (var stream = entry.Open()) await stream.CopyToAsync(content);
                problems.AddRange(entry.Name.EndsWith(".pdf", StringComparison.Ordinal) ? Pdf(entry.FullName, content.ToArray()) : Docx(entry.FullName, content.ToArray()));
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(formulaLike >= 4, $"only {formulaLike} formula-like cells met: the planted rows did not reach the workbooks");
    }

    // Older rows, written past the rules as a database of an earlier version holds them.
    private Task PlantAsync(int id) => Factory.WithDbAsync(async db =>
    {
        var official = await db.Users.SingleAsync(u => u.UserName == "wenxi.official");
        db.EvidenceBlobs.Add(new EvidenceBlob { Hash = new string('a', 64), Length = 5, CreatedAtUtc = Factory.Clock.GetUtcNow().UtcDateTime });
        db.EvidenceChunks.Add(new EvidenceChunk { Hash = new string('a', 64), Index = 0, Data = "%PDF-"u8.ToArray() });
        db.EvidenceFiles.Add(new EvidenceFile
        {
            EvaluationId = id, AreaKey = "A10_PRESCHOOL", Title = "=HYPERLINK(\"http://example.com\")材料" + Controls, DocumentNumber = "闻教发" + Controls + "〔2021〕13号",
            FileName = "材料.pdf", ContentHash = new string('a', 64), Length = 5, Kind = Core.Evidence.EvidenceKind.Pdf, UploadedByUserId = official.Id,
            UploadedByName = "填报员" + Controls, UploadedAtUtc = Factory.Clock.GetUtcNow().UtcDateTime,
        });
        var narrative = await db.AreaNarratives.FirstOrDefaultAsync(n => n.EvaluationId == id && n.AreaKey == "A10_PRESCHOOL");
        if (narrative is null) db.AreaNarratives.Add(new AreaNarrative { EvaluationId = id, AreaKey = "A10_PRESCHOOL", Text = "-1+2 学前教育" + Controls });
        else narrative.Text = "-1+2 学前教育" + Controls;
        var settings = await db.ReportSettings.FirstOrDefaultAsync(s => s.EvaluationId == id);
        if (settings is null) db.ReportSettings.Add(new ReportSettings { EvaluationId = id, Issuer = "闻喜县人民政府" + Controls });
        else settings.Issuer = "闻喜县人民政府" + Controls;
        var county = await db.Regions.SingleAsync(r => r.Code == Wenxi.Code);
        county.Name = "闻喜县\u202E\u0001";
        db.RectificationTasks.Add(new RectificationTask
        {
            EvaluationId = id, Number = 99, Source = RectificationSource.Supervisor, Problem = "=1+1 问题" + Controls, Measures = "@SUM(A1)" + Controls,
            Reason = "+原因" + Controls, Status = RectificationStatus.CannotComplete,
            CreatedAtUtc = Factory.Clock.GetUtcNow().UtcDateTime, UpdatedAtUtc = Factory.Clock.GetUtcNow().UtcDateTime,
        });
        // Audit entries cannot be removed: one holding controls must never make the audit exports fail again.
        db.AuditEntries.Add(AuditEntry.Of(id, AuditKind.Evidence, "A10_PRESCHOOL", "+旧" + Controls, "=cmd|' /C calc'!A0" + Controls, official.Id,
            "填报员" + Controls, Factory.Clock.GetUtcNow().UtcDateTime, AuditSource.Upload));
        await db.SaveChangesAsync();
        await db.AdminAuditEntries.Take(1).ExecuteUpdateAsync(u => u.SetProperty(a => a.After, "@cmd" + Controls));
        return true;
    });

    private static IEnumerable<string> Docx(string name, byte[] bytes)
    {
        string text;
        try
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            text = document.MainDocumentPart!.Document.Body!.InnerText;
        }
        catch (Exception ex)
        {
            return [$"{name}: does not open ({ex.GetType().Name}: {ex.Message})"];
        }

        return text.Any(c => c is < ' ' and not ('\t' or '\n' or '\r') or '\u202E' or '\u2066') ? [$"{name}: a control or direction mark was written"] : [];
    }

    private static IEnumerable<string> Pdf(string name, byte[] bytes)
    {
        try
        {
            using var document = PdfDocument.Open(bytes);
            return document.NumberOfPages > 0 ? [] : [$"{name}: no pages"];
        }
        catch (Exception ex)
        {
            return [$"{name}: does not open ({ex.GetType().Name}: {ex.Message})"];
        }
    }

    private static (IEnumerable<string> Problems, int FormulaLike) Xlsx(string name, byte[] bytes)
    {
        var problems = new List<string>();
        var formulaLike = 0;
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
            var formats = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
            foreach (var sheet in document.WorkbookPart.WorksheetParts)
            {
                foreach (var cell in sheet.Worksheet.Descendants<Cell>())
                {
                    if (cell.CellFormula is not null) problems.Add($"{name} {cell.CellReference}: a formula {cell.CellFormula.Text}");
                    var text = cell.InlineString?.InnerText ?? string.Empty;
                    if (text.Any(c => c is < ' ' and not ('\t' or '\n' or '\r') or '\u202E' or '\u2066')) problems.Add($"{name} {cell.CellReference}: a control or direction mark was written");
                    if (text.Length == 0 || text[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r')) continue;
                    formulaLike++;
                    if (formats[(int)(cell.StyleIndex?.Value ?? 0)].QuotePrefix?.Value != true) problems.Add($"{name} {cell.CellReference}: “{text[..Math.Min(12, text.Length)]}” not marked quotePrefix");
                }
            }
        }
        catch (Exception ex)
        {
            problems.Add($"{name}: does not open ({ex.GetType().Name}: {ex.Message})");
        }

        return (problems, formulaLike);
    }

    private static IEnumerable<string> Csv(string name, byte[] bytes)
    {
        var problems = new List<string>();
        using var reader = CsvDataReader.Create(new StringReader(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF')), new CsvDataReaderOptions { HasHeaders = true });
        var apostrophed = 0;
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var field = reader.GetString(i);
                if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r') problems.Add($"{name} row {reader.RowNumber}: “{field[..Math.Min(12, field.Length)]}” would be a formula");
                if (field.StartsWith("'=", StringComparison.Ordinal) || field.StartsWith("'@", StringComparison.Ordinal)) apostrophed++;
                if (field.Any(c => c is < ' ' and not ('\t' or '\n' or '\r') or '\u202E' or '\u2066')) problems.Add($"{name} row {reader.RowNumber}: a control or direction mark was written");
            }
        }

        if (apostrophed == 0) problems.Add($"{name}: the planted formula-like entry is not there");
        return problems;
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteLegacyTextExportTests(SqlitePortalFactory factory) : LegacyTextExportTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresLegacyTextExportTests(PostgresPortalFactory factory) : LegacyTextExportTests<PostgresPortalFactory>(factory);
