using System.Net;
using System.Security.Cryptography;
using EduDuty.Core.Review;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 25: submitting and approving freeze the report as an edition, and every download of a submitted or approved
/// evaluation serves the stored bytes — after the data behind a live rendering changed, after a restart — while earlier
/// editions stay downloadable after a return.
/// </summary>
public abstract class ReportEditionTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private string Overview => $"/Evaluations/{Id}";

    private string Report => $"/Evaluations/{Id}/Report";

    [Fact]
    public async Task A_submission_is_frozen_and_served_byte_for_byte_after_the_live_data_changes_and_after_a_restart()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        await SubmitAsync(lead);

        var edition = await Factory.WithDbAsync(db => db.ReportEditions.AsNoTracking().SingleAsync(e => e.EvaluationId == Id));
        Assert.Equal((1, EditionKind.Submitted), (edition.Number, edition.Kind));
        Assert.Equal(Sha256(edition.Pdf), edition.PdfHash);
        Assert.Equal(Sha256(edition.Docx), edition.DocxHash);
        Assert.Equal("SX-2021", edition.SchemeCode);
        var pdf = await DownloadAsync(lead, "Pdf");
        var docx = await DownloadAsync(lead, "Docx");
        Assert.Equal(edition.Pdf, pdf);
        Assert.Equal(edition.Docx, docx);
        Assert.Contains("学前三年毛入园率达99.82%", PdfText(pdf));

        // What a live rendering reads changes behind the portal's back (as a release changing the default texts would), and
        // a year passes: a report built now differs, the download does not.
        await Factory.WithDbAsync(async db =>
        {
            db.ReportSettings.Add(new ReportSettings { EvaluationId = Id, PlansLead = "一段在提交之后才写入的新导语。", UpdatedAtUtc = Factory.Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync(); // the county wrote no settings before submitting
        });
        Factory.Clock.Advance(TimeSpan.FromDays(366));
        lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead"); // the old session ended with the year
        Assert.Equal(edition.Pdf, await DownloadAsync(lead, "Pdf"));
        Assert.Equal(edition.Docx, await DownloadAsync(lead, "Docx"));
        var page = await lead.GetDocumentAsync(Report);
        Assert.Contains("一段在提交之后才写入的新导语", page.QuerySelector("main")!.TextContent); // the live preview does change
        Assert.Contains("已提交 第1版", page.QuerySelector("#current-edition")!.TextContent);
        Assert.Equal(edition.PdfHash, page.QuerySelector("#current-pdf-hash")!.TextContent);

        // Another instance on the same database (a restart, a new release) serves the same bytes.
        await using var restarted = new SecondInstance(Factory);
        var there = await PortalClient.For(restarted).SignedInAsync("yuncheng.supervisor");
        Assert.Equal(edition.Pdf, await DownloadAsync(there, "Pdf"));
        Assert.Equal(edition.Docx, await DownloadAsync(there, "Docx"));
    }

    [Fact]
    public async Task A_return_keeps_the_first_edition_the_resubmission_adds_a_second_and_approval_freezes_the_approved_one()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        await SubmitAsync(lead);
        var first = await DownloadAsync(lead, "Pdf");

        var returned = await supervisor.SubmitAsync(Overview, "#return-form", new Dictionary<string, string>
        {
            ["Reasons[0].Target"] = "A10.01", ["Reasons[0].Text"] = "请核实幼儿园在园幼儿数",
        });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);

        // Back in the county's hands: the current download is a draft rendered now, the first edition still downloads as it was.
        var draft = await DownloadAsync(lead, "Pdf");
        Assert.NotEqual(first, draft);
        var listed = await lead.GetDocumentAsync(Report);
        Assert.Null(listed.QuerySelector("#current-edition"));
        var rows = listed.QuerySelectorAll("#editions tbody tr").Select(r => r.TextContent).ToList();
        Assert.Single(rows);
        Assert.Contains("已提交 第1版", rows[0]);
        Assert.Equal(first, await Bytes(lead, $"{Report}?handler=Pdf&edition=1"));
        Assert.Equal(HttpStatusCode.NotFound, (await lead.Http.GetAsync($"{Report}?handler=Pdf&edition=7")).StatusCode);

        await CountyFiguresChangeAsync();
        await SubmitAsync(lead);
        await official.Http.GetAsync("/"); // a county user's view changes nothing
        var opinion = "经审核，同意通过。数据与佐证一致。";
        var approved = await supervisor.SubmitAsync(Overview, "#approve-form", new Dictionary<string, string> { ["Opinion"] = opinion, ["DespiteOpenThreads"] = "true" }); // the return reason is still an open thread
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(EvaluationStatus.Approved, await Wenxi.StatusAsync(Factory, Id));

        var editions = await Factory.WithDbAsync(db => db.ReportEditions.AsNoTracking().Where(e => e.EvaluationId == Id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([(1, EditionKind.Submitted), (2, EditionKind.Submitted), (2, EditionKind.Approved)], editions.Select(e => (e.Number, e.Kind)));
        Assert.Equal(first, editions[0].Pdf);
        Assert.NotEqual(editions[0].PdfHash, editions[1].PdfHash);
        Assert.Contains("4321", PdfText(editions[1].Pdf).Replace(",", string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain("4321", PdfText(editions[0].Pdf).Replace(",", string.Empty, StringComparison.Ordinal));
        // The approved edition is the second submission's content with the opinion: the same Word file, the opinion in its record.
        Assert.Equal(editions[1].DocxHash, editions[2].DocxHash);
        Assert.Equal(opinion, editions[2].Opinion);
        Assert.Contains(opinion, editions[2].Snapshot);
        Assert.Equal(editions[2].Pdf, await DownloadAsync(lead, "Pdf"));

        // The approved PDF is signed by the portal: poppler's pdfsig finds the signature valid over the whole file, and a
        // one-byte change in the signed part is found; our reader names the certificate the edition records.
        Assert.NotNull(editions[2].SignerSubject);
        var (valid, said) = EduDuty.Testing.Tools.RunOn(editions[2].Pdf, "pdf", "pdfsig");
        Assert.True(valid == 0, said);
        Assert.Contains("Signature is Valid.", said);
        Assert.Contains("Total document signed", said);
        var read = EduDuty.Reporting.Pdf.PdfSignatureReader.Read(editions[2].Pdf).Signatures.Single();
        Assert.True(read.Holds);
        Assert.Equal(editions[2].SignerThumbprint, read.CertificateSha256);
        var changed = editions[2].Pdf.ToArray();
        var at = Array.IndexOf(changed, (byte)'%', 100); // a byte of the body, well inside the signed range
        changed[at] ^= 0x01;
        Assert.DoesNotContain("Signature is Valid.", EduDuty.Testing.Tools.RunOn(changed, "pdf", "pdfsig").Output);
        Assert.False(EduDuty.Reporting.Pdf.PdfSignatureReader.Read(changed).Signatures.Single().Holds);
        Assert.Null(editions[1].SignerSubject); // the submitted edition is not signed
        var page = await lead.GetDocumentAsync(Report);
        Assert.Contains("审核通过版（第2版）", page.QuerySelector("#current-edition")!.TextContent);
        Assert.Contains("签名证书：EduDuty 报告签名（开发用））", page.QuerySelector("#current-edition")!.TextContent); // the certificate's name, not its subject
        Assert.Equal(3, page.QuerySelectorAll("#editions tbody tr").Length);
    }

    // A figure the returned county corrects before resubmitting (幼儿园在园幼儿数).
    private Task CountyFiguresChangeAsync() =>
        EduDuty.Testing.CountyFigures.ImportAsync(Factory.Services, Id, "wenxi.official",
            new Dictionary<string, EduDuty.Core.Figures.FieldValue> { ["A10.01"] = EduDuty.Core.Figures.FieldValue.Of(4321m) });

    private async Task SubmitAsync(PortalClient lead)
    {
        var submitted = await lead.SubmitAsync(Overview, "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(EvaluationStatus.Submitted, await Wenxi.StatusAsync(Factory, Id));
    }

    private Task<byte[]> DownloadAsync(PortalClient client, string handler) => Bytes(client, $"{Report}?handler={handler}");

    private static async Task<byte[]> Bytes(PortalClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string PdfText(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return string.Concat(pdf.GetPages().Select(p => p.Text));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteReportEditionTests(SqlitePortalFactory factory) : ReportEditionTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresReportEditionTests(PostgresPortalFactory factory) : ReportEditionTests<PostgresPortalFactory>(factory);
