using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 25, 公示 and verification: the lead publishes the frozen edition, anyone reads it without signing in — the region's
/// list, the report as HTML, the stored files, the hashes — and checks a file or a hash on /public/verify; the admin withdraws
/// with a reason the public page then shows. Public responses set no cookie, are cacheable (ETag, Cache-Control, 304) and
/// show nothing internal.
/// </summary>
public abstract class PublicationTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string PublicReport = "/public/140823/2021/report";

    private string Overview => $"/Evaluations/{Id}";

    private string Confirm => $"/Evaluations/{Id}/Report/Publication";

    [Fact]
    public async Task The_lead_publishes_anyone_reads_and_verifies_it_the_approved_edition_replaces_it_and_the_admins_withdrawal_is_shown()
    {
        await Wenxi.SeedCompleteFiguresAsync(Factory, Id);
        var lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        var submitted = await lead.SubmitAsync(Overview, "#submit-form", new Dictionary<string, string> { ["Confirmed"] = "true", ["DespiteDepartments"] = "true", ["DepartmentsReason"] = Wenxi.DepartmentsReason });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        // Before: nothing public; the report page's card says 未公示 and offers the lead the confirmation step.
        var anonymous = Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PublicReport)).StatusCode);
        var card = await lead.GetDocumentAsync($"{Overview}/Report");
        Assert.Equal("none", card.QuerySelector("#publication-state")!.GetAttribute("data-state"));
        Assert.Equal(Confirm, card.QuerySelector<IHtmlAnchorElement>("#publish-start")!.GetAttribute("href"));
        // The edition's name is quoted: "公示已提交 第1版" would read as "the publication was submitted".
        Assert.Equal("公示“已提交 第1版”…", card.QuerySelector("#publish-start")!.TextContent);

        // The confirmation is checked on the server; a county official may not publish.
        var unconfirmed = await lead.SubmitAsync(Confirm, "#publish-form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Contains("我已核对，确认公示此版本", await unconfirmed.Content.ReadAsStringAsync());
        var byOfficial = await official.Http.PostAsync($"{Confirm}?handler=Publish", Form(await TokenAsync(official), ("Confirmed", "true")));
        Assert.Equal(HttpStatusCode.Forbidden, byOfficial.StatusCode);
        Assert.Contains("只有本县的县级负责人可以公示自评报告", await byOfficial.Content.ReadAsStringAsync());
        Assert.Empty(await PublicationsAsync());

        var published = await lead.SubmitAsync(Confirm, "#publish-form", new Dictionary<string, string> { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var first = await EditionAsync(EditionKind.Submitted);
        var publication = Assert.Single(await PublicationsAsync());
        Assert.Equal((first.Id, (DateTime?)null), (publication.EditionId, publication.EndedAtUtc));
        card = await lead.GetDocumentAsync($"{Overview}/Report");
        Assert.Equal("public", card.QuerySelector("#publication-state")!.GetAttribute("data-state"));
        Assert.Equal(PublicReport, card.QuerySelector("#publication-link")!.GetAttribute("href"));
        Assert.Equal("已公示“已提交 第1版”。任何人现在都可以在公开页面查看和下载。", card.QuerySelector("#saved-message")!.TextContent);

        // Audited on the evaluation's chain, told to the county's supervisors (the city's and the province's).
        var audit = Assert.Single(await Wenxi.AuditAsync(Factory, Id), a => a.Kind == AuditKind.Publication);
        Assert.Equal(("公示 已提交 第1版", $"公示 PDF SHA-256：{first.PdfHash}", AuditSource.Publication), (audit.Target, audit.NewValue, audit.Source));
        var told = await Factory.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.Published)
            .Join(db.Users, n => n.UserId, u => u.Id, (n, u) => u.UserName!).ToListAsync());
        Assert.Contains("yuncheng.supervisor", told);
        Assert.DoesNotContain("wenxi.lead", told);

        // Anyone, no cookie: the region's lists (province by city, city, county) and the report page.
        foreach (var listUrl in new[] { "/public/140000/2021", "/public/140800/2021", "/public/140823/2021" })
        {
            var (listPage, listResponse) = await PublicPageAsync(anonymous, listUrl);
            var item = Assert.Single(listPage.QuerySelectorAll(".public-listing"));
            Assert.Equal("闻喜县2021年度自评报告", item.QuerySelector("a")!.TextContent);
            Assert.Equal(PublicReport, item.QuerySelector("a")!.GetAttribute("href"));
            Assert.Contains("已提交 第1版 · 2021年11月1日公示", item.TextContent);
            if (listUrl == "/public/140000/2021") Assert.Equal("运城市", listPage.QuerySelector(".public-group h2")!.TextContent);
            await AssertNothingInternalAsync(listResponse);
        }

        var (page, response) = await PublicPageAsync(anonymous, PublicReport);
        var title = EduDuty.Application.Reports.Editions.EditionSnapshot.Reading(first.Reading)[0];
        Assert.Equal(EduDuty.Core.Reports.ReadingKind.Title, title.Kind);
        Assert.Equal(title.Text, page.QuerySelector("h1#report-title")!.TextContent);
        Assert.Contains("闻喜县", title.Text);
        Assert.Equal("2021年11月1日", page.QuerySelector("#published-on")!.TextContent);
        Assert.StartsWith("已提交 第1版", page.QuerySelector("#edition-label")!.TextContent);
        Assert.Equal(first.PdfHash, page.QuerySelector("#pdf-hash")!.TextContent);
        Assert.Equal(first.DocxHash, page.QuerySelector("#docx-hash")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("#report-text h2"));
        Assert.NotEmpty(page.QuerySelectorAll("#report-text .reading-table table"));
        Assert.Contains("学前三年毛入园率达99.82%", page.QuerySelector("#report-text")!.TextContent);
        Assert.Equal($"/public/verify?sha256={first.PdfHash}", page.QuerySelector("#verify-link")!.GetAttribute("href"));
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector<IHtmlImageElement>("#verify-qr")!.Source);
        await AssertNothingInternalAsync(response);
        Assert.Equal("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());

        // Cacheable: the same ETag again is 304 without a body.
        var etag = response.Headers.ETag!;
        using (var again = new HttpRequestMessage(HttpMethod.Get, PublicReport))
        {
            again.Headers.IfNoneMatch.Add(etag);
            var notModified = await anonymous.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.False(notModified.Headers.Contains("Set-Cookie"));
        }

        // The stored bytes under the Chinese file name.
        var pdf = await anonymous.GetAsync(PublicReport + "?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal(first.Pdf, await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal("闻喜县2021年度履行教育职责自评报告.pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal($"\"{first.PdfHash}\"", pdf.Headers.ETag!.Tag);
        Assert.False(pdf.Headers.Contains("Set-Cookie"));
        var docx = await anonymous.GetAsync(PublicReport + "?handler=Docx");
        Assert.Equal(first.Docx, await docx.Content.ReadAsByteArrayAsync());
        Assert.Equal("闻喜县2021年度履行教育职责自评报告.docx", docx.Content.Headers.ContentDisposition!.FileNameStar);

        // A signed-in user's session is neither read nor renewed on the public pages.
        using (var withSession = new HttpRequestMessage(HttpMethod.Get, PublicReport))
        {
            withSession.Headers.Add("Cookie", lead.Cookies.GetCookieHeader(new Uri("http://localhost/")));
            var signedIn = await anonymous.SendAsync(withSession);
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            Assert.False(signedIn.Headers.Contains("Set-Cookie"));
            Assert.NotEqual("no-store", signedIn.Headers.CacheControl!.ToString());
        }

        // Verification: the genuine PDF, the same with one byte flipped, its hash pasted in capitals with blanks, bad input.
        var genuine = await VerifyAsync(anonymous, first.Pdf, "闻喜县自评报告.pdf");
        Assert.Equal("published", genuine.QuerySelector("#verify-result")!.GetAttribute("data-verdict"));
        Assert.Equal("这是闻喜县2021年度自评报告的公示版本（已提交 第1版，2021年11月1日公示）。", genuine.QuerySelector("#result-sentence")!.TextContent);
        Assert.NotNull(genuine.QuerySelector("#result-unsigned")); // a submitted edition is not signed
        var changed = (byte[])first.Pdf.Clone();
        changed[changed.Length / 2] ^= 0x01;
        var altered = await VerifyAsync(anonymous, changed, "闻喜县自评报告.pdf");
        Assert.Equal("no-match", altered.QuerySelector("#verify-result")!.GetAttribute("data-verdict"));
        Assert.Equal("与任何已公示的版本都不一致。", altered.QuerySelector("#result-sentence")!.TextContent);
        Assert.Contains("重新下载原件", altered.QuerySelector("#result-advice")!.TextContent);
        var pasted = await VerifyHashAsync(anonymous, " " + first.DocxHash.ToUpperInvariant()[..32] + "\n" + first.DocxHash.ToUpperInvariant()[32..] + " ");
        Assert.Equal(HttpStatusCode.OK, pasted.Response.StatusCode);
        Assert.Equal("published", pasted.Page.QuerySelector("#verify-result")!.GetAttribute("data-verdict"));
        Assert.Contains("Word 文件", pasted.Page.QuerySelector("#result-advice")!.TextContent);
        var bad = await VerifyHashAsync(anonymous, "abc123");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Response.StatusCode);
        Assert.Contains("SHA-256 值应为 64 位十六进制字符", bad.Page.QuerySelector("#verify-problem")!.TextContent);
        Assert.False(bad.Response.Headers.Contains("Set-Cookie"));
        var prefilled = await anonymous.GetAsync($"/public/verify?sha256={first.PdfHash}");
        Assert.Equal(first.PdfHash, Parse(await prefilled.Content.ReadAsStringAsync()).QuerySelector("#verify-hash")!.TextContent);
        Assert.False(prefilled.Headers.Contains("Set-Cookie"));
        Assert.NotNull(prefilled.Headers.ETag);

        // Approval: the lead publishes the approved edition, which ends the earlier publication (replaced, not withdrawn).
        var approved = await supervisor.SubmitAsync(Overview, "#approve-form", new Dictionary<string, string> { ["Opinion"] = "经审核，同意通过。" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lead.SubmitAsync(Confirm, "#publish-form", new Dictionary<string, string> { ["Confirmed"] = "true" })).StatusCode);
        var approvedEdition = await EditionAsync(EditionKind.Approved);
        var publications = await PublicationsAsync();
        Assert.Equal(2, publications.Count);
        Assert.Equal((first.Id, true, (string?)null), (publications[0].EditionId, publications[0].EndedAtUtc is not null, publications[0].WithdrawnReason));
        Assert.Equal((approvedEdition.Id, (DateTime?)null), (publications[1].EditionId, publications[1].EndedAtUtc));
        (page, _) = await PublicPageAsync(anonymous, PublicReport);
        Assert.StartsWith("审核通过版（第1版）", page.QuerySelector("#edition-label")!.TextContent);
        Assert.DoesNotContain("经审核，同意通过", page.Body!.TextContent); // the supervisor's opinion is not published
        var approvedPdf = await VerifyAsync(anonymous, approvedEdition.Pdf, "approved.pdf");
        Assert.Equal("这是闻喜县2021年度自评报告的公示版本（审核通过版，2021年11月1日公示）。", approvedPdf.QuerySelector("#result-sentence")!.TextContent);
        // Development signs the approved PDF with the portal's own certificate: the page reports the signature, and a copy with
        // one byte changed inside the signed range is no edition and its signature no longer holds.
        Assert.NotNull(approvedEdition.SignerThumbprint);
        Assert.Equal("true", approvedPdf.QuerySelector("#result-signature")!.GetAttribute("data-holds"));
        Assert.Contains(approvedEdition.SignerThumbprint!, approvedPdf.QuerySelector("#signature-certificate")!.TextContent);
        Assert.Contains("是本平台的签名证书", approvedPdf.QuerySelector("#signature-certificate")!.TextContent);
        var forged = (byte[])approvedEdition.Pdf.Clone();
        forged[100] ^= 0x01;
        var forgedPage = await VerifyAsync(anonymous, forged, "approved.pdf");
        Assert.Equal("no-match", forgedPage.QuerySelector("#verify-result")!.GetAttribute("data-verdict"));
        Assert.Equal("false", forgedPage.QuerySelector("#result-signature")!.GetAttribute("data-holds"));
        Assert.StartsWith("签名无效", forgedPage.QuerySelector("#signature-validity")!.TextContent);

        // The admin withdraws with a reason: the public page says so, with the date, and serves no files; verification says it.
        Assert.Equal(HttpStatusCode.Forbidden,
            (await supervisor.Http.PostAsync($"{Confirm}?handler=Withdraw", Form(await TokenAsync(supervisor), ("Reason", "x"), ("Confirmed", "true")))).StatusCode);
        Factory.Clock.Advance(TimeSpan.FromDays(2));
        admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        lead = await PortalClient.For(Factory).SignedInAsync("wenxi.lead");
        var noReason = await admin.SubmitAsync(Confirm, "#withdraw-form", new Dictionary<string, string> { ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var withdrawn = await admin.SubmitAsync(Confirm, "#withdraw-form", new Dictionary<string, string> { ["Reason"] = "报告数据有误，更正后重新公示", ["Confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var withdrawnCard = await admin.GetDocumentAsync($"{Overview}/Report");
        Assert.Equal("已撤回“审核通过版（第1版）”的公示。公开页面现在显示撤回的日期和理由，不再提供下载。", withdrawnCard.QuerySelector("#saved-message")!.TextContent);
        Assert.Contains("“审核通过版（第1版）”于2021年11月1日公示，", withdrawnCard.QuerySelector("#publication-state")!.TextContent);
        (page, response) = await PublicPageAsync(anonymous, PublicReport);
        Assert.Equal("已撤回", page.QuerySelector("#withdrawn-title")!.TextContent);
        Assert.Equal("2021年11月3日", page.QuerySelector("#withdrawn-date")!.TextContent);
        Assert.Equal("报告数据有误，更正后重新公示", page.QuerySelector("#withdrawn-reason")!.TextContent);
        Assert.Null(page.QuerySelector("#download-pdf"));
        Assert.Null(page.QuerySelector("#report-text"));
        Assert.NotEqual(etag, response.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PublicReport + "?handler=Pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(PublicReport + "?handler=Docx")).StatusCode);
        var (list, _) = await PublicPageAsync(anonymous, "/public/140800/2021");
        Assert.Contains("已撤回", list.QuerySelector(".public-listing")!.TextContent);
        Assert.Equal("目前没有公示中的报告；已撤回 1 份，撤回的日期和理由见各报告的页面。", list.QuerySelector("#list-summary")!.TextContent.Trim());
        var gone = await VerifyAsync(anonymous, approvedEdition.Pdf, "approved.pdf");
        Assert.Equal("withdrawn", gone.QuerySelector("#verify-result")!.GetAttribute("data-verdict"));
        Assert.Equal("这是闻喜县2021年度自评报告曾经公示的版本（审核通过版，2021年11月1日公示），已于2021年11月3日撤回，撤回理由：报告数据有误，更正后重新公示。",
            gone.QuerySelector("#result-sentence")!.TextContent);
        // The withdrawn edition is not published again as it stands.
        var again2 = await lead.GetDocumentAsync($"{Overview}/Report");
        Assert.Equal("withdrawn", again2.QuerySelector("#publication-state")!.GetAttribute("data-state"));
        Assert.Contains("不能再次公示", again2.QuerySelector("#publish-refusal")!.TextContent);
        Assert.Equal(["公示 已提交 第1版", "公示 审核通过版（第1版）", "撤回公示 审核通过版（第1版）"],
            (await Wenxi.AuditAsync(Factory, Id)).Where(a => a.Kind == AuditKind.Publication).Select(a => a.Target));
    }

    [Fact]
    public async Task Unknown_regions_and_years_a_province_report_and_an_unpublished_county_are_404_pages_in_chinese_without_cookies()
    {
        var anonymous = Anonymous();
        foreach (var (url, says) in new[]
                 {
                     ("/public/999999/2021", "没有行政区划代码为“999999”的地区"),
                     ("/public/abc/2021/report", "没有行政区划代码为“abc”的地区"),
                     ("/public/140823/1999", "闻喜县没有“1999”年度的评价"),
                     ("/public/140823/二〇二一", "闻喜县没有“二〇二一”年度的评价"),
                     ("/public/140000/2021/report", "山西省不是县级地区"),
                     ("/public/140823/2021/report", "闻喜县2021年度的自评报告尚未公示"),
                     ("/public/140823/2021/report?handler=Pdf", "闻喜县2021年度的自评报告尚未公示"),
                 })
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
            var page = Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(says, page.QuerySelector("#missing-reason")!.TextContent);
            Assert.NotNull(page.QuerySelector("a[href='/public/verify']"));
            Assert.False(response.Headers.Contains("Set-Cookie"), url);
        }

        // A year with evaluations but nothing published yet: an empty list that says so.
        var (empty, _) = await PublicPageAsync(anonymous, "/public/140800/2021");
        Assert.Empty(empty.QuerySelectorAll(".public-listing"));
        Assert.Contains("尚未公示", empty.QuerySelector("#list-summary")!.TextContent);
        // Nothing given, or both, is a clear message; the form itself sets no antiforgery cookie.
        var (form, _) = await PublicPageAsync(anonymous, "/public/verify");
        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Contains("请选择要核验的 PDF 或 Word 文件", (await VerifyHashAsync(anonymous, "")).Page.QuerySelector("#verify-problem")!.TextContent);
    }

    [Fact]
    public async Task An_anonymous_upload_to_the_verification_page_is_bounded_before_it_is_read_and_refused_past_20_mb()
    {
        var anonymous = Anonymous();
        // Declared larger than the page's limit (20 MB + 64 KB): 413 before the body is read.
        using (var tooLarge = new HttpRequestMessage(HttpMethod.Post, "/public/verify"))
        {
            tooLarge.Content = new ByteArrayContent(new byte[21 * 1024 * 1024]);
            tooLarge.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await anonymous.SendAsync(tooLarge)).StatusCode);
        }

        // Within the request's limit, one byte over the file's: refused with the catalogue's sentence, nothing stored.
        using var body = new MultipartFormDataContent();
        body.Add(new ByteArrayContent(new byte[20 * 1024 * 1024 + 1]), "Upload", "big.pdf");
        var refused = await anonymous.PostAsync("/public/verify", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("文件超过 20 MB", Parse(await refused.Content.ReadAsStringAsync()).QuerySelector("#verify-problem")!.TextContent);
        // Any other anonymous body still has 64 KB.
        using var login = new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new ByteArrayContent(new byte[100 * 1024]) };
        login.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await anonymous.SendAsync(login)).StatusCode);
    }

    [Fact]
    public async Task Made_up_handler_values_are_answered_but_never_kept_in_the_server_cache()
    {
        var anonymous = Anonymous();
        const string list = "/public/140000/2021";

        // The list as it is linked: kept, so the second request is answered from the cache (it carries an Age).
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(list)).StatusCode);
        Assert.NotNull((await anonymous.GetAsync(list)).Headers.Age);

        // Made-up handler values (or another spelling of a real one) are answered, but each would otherwise be an entry of its own.
        foreach (var url in new[] { $"{list}?handler=made-up", $"{list}?handler=PDF", $"{list}?handler=Pdf&handler=Docx" })
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
            var again = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Null(again.Headers.Age);
        }
    }

    private HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static async Task<(IHtmlDocument Page, HttpResponseMessage Response)> PublicPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode}");
        Assert.False(response.Headers.Contains("Set-Cookie"), $"GET {url} set a cookie");
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge: not null }, $"GET {url}: Cache-Control {response.Headers.CacheControl}");
        return (Parse(await response.Content.ReadAsStringAsync()), response);
    }

    // No evaluation id (in no address, no attribute), no portal link, no official's name in what the public reads.
    private async Task AssertNothingInternalAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("/Evaluations", html);
        var id = Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Not inside data: URLs (the QR code's base64 split at '/' gave a lone "1" now and then: the id of the first evaluation).
        var values = Parse(html).All.SelectMany(e => e.Attributes).Select(a => a.Value)
            .Where(v => !v.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(values);
        Assert.All(values, value => Assert.DoesNotContain(id, value.Split('/', '?', '&', '=', '#', ' ')));
        var names = await Factory.WithDbAsync(db => db.Users.Select(u => u.DisplayName).ToListAsync());
        Assert.All(names, name => Assert.DoesNotContain(name, html));
    }

    private static async Task<IHtmlDocument> VerifyAsync(HttpClient client, byte[] file, string name)
    {
        using var body = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        body.Add(content, "Upload", name);
        body.Add(new StringContent(string.Empty), "Sha256");
        var response = await client.PostAsync("/public/verify", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        return Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<(IHtmlDocument Page, HttpResponseMessage Response)> VerifyHashAsync(HttpClient client, string hash)
    {
        using var body = new MultipartFormDataContent { { new StringContent(hash), "Sha256" } };
        var response = await client.PostAsync("/public/verify", body);
        return (Parse(await response.Content.ReadAsStringAsync()), response);
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));

    private static async Task<string> TokenAsync(PortalClient client) =>
        (await client.GetDocumentAsync("/")).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    private Task<ReportEdition> EditionAsync(EditionKind kind) =>
        Factory.WithDbAsync(db => db.ReportEditions.AsNoTracking().Where(e => e.EvaluationId == Id && e.Kind == kind).OrderByDescending(e => e.Id).FirstAsync());

    private Task<List<ReportPublication>> PublicationsAsync() =>
        Factory.WithDbAsync(db => db.ReportPublications.AsNoTracking().Where(p => p.EvaluationId == Id).OrderBy(p => p.Id).ToListAsync());
}

[Collection(SqlitePortal.Name)]
public sealed class SqlitePublicationTests(SqlitePortalFactory factory) : PublicationTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresPublicationTests(PostgresPortalFactory factory) : PublicationTests<PostgresPortalFactory>(factory);
