using System.Net;
using AngleSharp.Dom;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 27, item 7 (decision 0043): 口径 and 数据来源 beside every entered field of the area page, tied to its input; the
/// 使用说明 per role; the scheme's official document (PDF) uploaded by the admin and downloaded by its users, anything else
/// refused with nothing stored; the support line only where the deployment sets it.
/// </summary>
public abstract class HelpTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string SchemesPage = "/Admin/Schemes";

    /// <summary>A small well-formed PDF: the header, one empty page, the trailer.</summary>
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Every_entered_field_of_an_area_shows_its_definition_and_data_source_tied_to_its_input()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        foreach (var area in new[] { "B00_BASIC", "A04_FINANCE", "A11_HOTSPOTS", "A12_SAFETY" })
        {
            var page = await official.GetDocumentAsync($"/Evaluations/{Id}/Areas/{area}");
            var rows = page.QuerySelectorAll("li.field-row:not(.derived)");
            Assert.NotEmpty(rows);
            foreach (var row in rows)
            {
                var code = row.GetAttribute("data-code");
                var help = row.QuerySelector("details.field-help dl");
                Assert.True(help is not null, $"{code}: no 指标说明");
                var terms = help!.QuerySelectorAll("dt").Select(d => d.TextContent).ToList();
                Assert.Contains("口径", terms);
                Assert.Contains("数据来源", terms);
                // The input (or the yes/no group) is described by its help: a screen reader reads the definition with the field.
                var input = row.QuerySelector(".field-input input.form-control, .field-input textarea, .field-input fieldset")!;
                Assert.Contains(help.Id!, (input.GetAttribute("aria-describedby") ?? "").Split(' '));
            }
        }

        var basic = await official.GetDocumentAsync($"/Evaluations/{Id}/Areas/A11_HOTSPOTS");
        var large = basic.QuerySelector("li.field-row[data-code='A11.08'] details.field-help")!.TextContent;
        Assert.Contains("56–65人的大班额", large);
        Assert.Contains("教育事业统计年报", large);
    }

    [Theory]
    [InlineData("wenxi.official", "/Help/County", "保存本领域")]
    [InlineData("wenxi.lead", "/Help/Lead", "提交评价")]
    [InlineData("yuncheng.supervisor", "/Help/Supervisor", "审核通过")]
    [InlineData("shanxi.admin", "/Help/Admin", "开启本年度评价")]
    [InlineData("wenxi.caizheng", "/Help/Department", "报送")]
    public async Task Each_role_reaches_its_manual_from_the_help_link(string user, string manual, string step)
    {
        var client = await PortalClient.For(Factory).SignedInAsync(user);

        var home = await client.GetDocumentAsync("/");
        Assert.Equal("/Help", home.QuerySelector("#help-link")!.GetAttribute("href"));
        var index = await client.GetDocumentAsync("/Help");
        Assert.NotNull(index.QuerySelector($"#help-roles a[href='{manual}']"));
        var page = await client.GetDocumentAsync(manual);
        Assert.Contains(step, page.QuerySelector("article.help-article")!.TextContent);
        Assert.True(page.QuerySelectorAll("article.help-article ol li").Length >= 5);
    }

    [Fact]
    public async Task The_admin_uploads_the_official_pdf_and_a_county_user_downloads_it()
    {
        var audited = await UploadsAuditedAsync();
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var schemeId = await SchemeIdAsync();

        var response = await admin.PostFilesAsync(SchemesPage, "#scheme-document-form", Fields(schemeId), ("DocumentFile", "晋政教督〔2021〕1号.pdf", Pdf));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("已上传", (await PortalClient.ParseAsync(response)).QuerySelector("#admin-message")!.TextContent);
        var audit = await Factory.WithDbAsync(db => db.AdminAuditEntries.Where(a => a.Action == AdminAction.UploadSchemeDocument).OrderBy(a => a.Id).Skip(audited).Select(a => a.After).ToListAsync());
        Assert.Equal(["晋政教督〔2021〕1号.pdf（218 字节）"], audit);

        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var help = await official.GetDocumentAsync("/Help");
        var link = help.QuerySelector("#scheme-documents a")!;
        Assert.Contains("2021年对市县级政府履行教育职责的评价方案", link.TextContent);
        var download = await official.Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_file_that_is_not_a_pdf_is_refused_and_nothing_is_stored()
    {
        var audited = await UploadsAuditedAsync();
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE };

        var asPng = await admin.PostFilesAsync(SchemesPage, "#scheme-document-form", Fields(await SchemeIdAsync()), ("DocumentFile", "方案.png", png));
        var asHtml = await admin.PostFilesAsync(SchemesPage, "#scheme-document-form", Fields(await SchemeIdAsync()), ("DocumentFile", "方案.pdf", "<html><body>not a pdf</body></html>"u8.ToArray()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, asPng.StatusCode);
        Assert.Contains("“方案.png”不是 PDF 文件", (await PortalClient.ParseAsync(asPng)).QuerySelector("#admin-errors")!.TextContent);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, asHtml.StatusCode);
        Assert.Contains("方案.pdf", (await PortalClient.ParseAsync(asHtml)).QuerySelector("#admin-errors")!.TextContent);
        await AssertNothingStoredAsync(audited);
    }

    [Fact]
    public async Task A_pdf_over_the_limit_is_refused_and_nothing_is_stored()
    {
        var audited = await UploadsAuditedAsync();
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var big = Pdf.Concat(new byte[(20 << 20) + 1 - Pdf.Length + 1]).ToArray();

        var response = await admin.PostFilesAsync(SchemesPage, "#scheme-document-form", Fields(await SchemeIdAsync()), ("DocumentFile", "方案.pdf", big));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("20 MB", (await PortalClient.ParseAsync(response)).QuerySelector("#admin-errors")!.TextContent);
        await AssertNothingStoredAsync(audited);
    }

    [Fact]
    public async Task Nobody_but_an_admin_uploads_and_nothing_is_stored()
    {
        var audited = await UploadsAuditedAsync();
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var form = await admin.GetDocumentAsync(SchemesPage);
        foreach (var user in new[] { "wenxi.official", "wenxi.lead", "yuncheng.supervisor" })
        {
            var client = await PortalClient.For(Factory).SignedInAsync(user);
            var token = (await client.GetDocumentAsync("/")).QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
            using var body = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent((await SchemeIdAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture)), "SchemeId" },
                { new ByteArrayContent(Pdf), "DocumentFile", "方案.pdf" },
            };
            var response = await client.Http.PostAsync($"{SchemesPage}?handler=Document", body);
            // The admin pages' role check answers before the form is read: sent to the access-denied page.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        }

        Assert.NotNull(form.QuerySelector("#scheme-document-form"));
        await AssertNothingStoredAsync(audited);
    }

    [Fact]
    public async Task Without_a_document_the_download_is_not_found_and_the_help_page_says_whom_to_ask()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        Assert.Equal(HttpStatusCode.NotFound, (await official.Http.GetAsync($"/Help/SchemeDocument/{await SchemeIdAsync()}")).StatusCode);
        Assert.Contains("管理员尚未上传", (await official.GetDocumentAsync("/Help")).QuerySelector("#scheme-documents")!.TextContent);
    }

    [Fact]
    public async Task Without_a_configured_support_line_none_is_shown()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        Assert.Null((await official.GetDocumentAsync("/")).QuerySelector("[data-support-contact]"));
        Assert.Null((await official.GetDocumentAsync("/Help/County")).QuerySelector("[data-support-contact]"));
        Assert.DoesNotContain("电话", (await official.GetDocumentAsync("/Help/County")).Body!.TextContent);
    }

    private Task<int> SchemeIdAsync() => Factory.WithDbAsync(db => db.Schemes.Where(s => s.Code == "SX-2021").Select(s => s.Id).FirstAsync());

    private static Dictionary<string, string> Fields(int schemeId) =>
        new() { ["SchemeId"] = schemeId.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private Task<int> UploadsAuditedAsync() => Factory.WithDbAsync(db => db.AdminAuditEntries.CountAsync(a => a.Action == AdminAction.UploadSchemeDocument));

    /// <summary>No document named by a scheme, no blob stored, no upload audited since <paramref name="auditedBefore"/>.</summary>
    private async Task AssertNothingStoredAsync(int auditedBefore)
    {
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Schemes.CountAsync(s => s.DocumentHash != null)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.EvidenceBlobs.CountAsync()));
        Assert.Equal(auditedBefore, await UploadsAuditedAsync());
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteHelpTests(SqlitePortalFactory factory) : HelpTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresHelpTests(PostgresPortalFactory factory) : HelpTests<PostgresPortalFactory>(factory);

/// <summary>The support line a deployment sets (Support:Contact): in the footer, on the help pages and on the error page.</summary>
public sealed class SupportContactTests(SupportContactTests.SupportFactory factory) : IClassFixture<SupportContactTests.SupportFactory>
{
    public const string Contact = "技术支持：省教育厅信息中心，电话 0351-1234567";

    public sealed class SupportFactory : SqlitePortalFactory
    {
        public override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string> { ["Support:Contact"] = Contact };
    }

    [Fact]
    public async Task The_configured_line_shows_in_the_footer_the_help_pages_and_the_error_page()
    {
        var official = await PortalClient.For(factory).SignedInAsync("wenxi.official");

        Assert.Equal(Contact, (await official.GetDocumentAsync("/")).QuerySelector("footer [data-support-contact]")!.TextContent);
        Assert.Equal(Contact, (await official.GetDocumentAsync("/Help/Lead")).QuerySelector(".help-support [data-support-contact]")!.TextContent);
        var missing = await official.Http.GetAsync("/Evaluations/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(Contact, (await PortalClient.ParseAsync(missing)).QuerySelector(".error-card [data-support-contact]")!.TextContent);
        var signIn = await PortalClient.For(factory).GetDocumentAsync("/Account/Login");
        Assert.Equal(Contact, signIn.QuerySelector("footer [data-support-contact]")!.TextContent);
    }
}
