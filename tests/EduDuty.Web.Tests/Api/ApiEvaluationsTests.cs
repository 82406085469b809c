using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests.Api;

/// <summary>
/// The API's evaluation operations on both databases (issue 29, decision 0050): figures read as entered (闻喜县 2021's golden
/// figures, entered through the write path), a PUT with If-Match that the area page then shows, a stale If-Match that changes
/// nothing (412), a missing one (428), 8 and 50 PUTs at once on one ETag of which exactly one is made, judgments as the golden
/// file expects them, tokens refused by scope or region, uploads refused before or after the body.
/// </summary>
public abstract class ApiEvaluationsTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Figures_are_read_written_with_if_match_shown_by_the_page_and_a_stale_version_changes_nothing()
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        await Wenxi.SeedGoldenFiguresAsync(Factory, id);
        var official = await ApiClients.ForAsync(Factory, "wenxi.official", scopes: ["read", "figures:write"]);

        // GET: every golden figure as entered, with its version and who entered it; an ETag.
        var read = await official.GetAsync($"/api/v1/evaluations/{id}/figures");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var etag = read.Headers.ETag!.Tag;
        var figures = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(etag, figures.GetProperty("etag").GetString());
        var fields = figures.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!);
        foreach (var (code, value) in GoldenCase.Figures)
        {
            Assert.Equal(value.ToInvariantString(), fields[code].GetProperty("value").GetString());
            Assert.Equal("闻喜县填报员", fields[code].GetProperty("enteredBy").GetString());
        }

        // Judgments: the golden file's pass and fail, and nothing unknown read as pass.
        var judgments = JsonDocument.Parse(await official.GetStringAsync($"/api/v1/evaluations/{id}/judgments")).RootElement
            .GetProperty("judgments").EnumerateArray().ToDictionary(j => j.GetProperty("code").GetString()!, j => j.GetProperty("state").GetString());
        foreach (var (code, (_, status)) in GoldenExpectations.Computed.Where(c => c.Value.Status is "pass" or "fail" && GoldenCase.Scheme.FindField(c.Key)!.IsJudged))
            Assert.Equal(status, judgments[code]);
        Assert.Equal(GoldenExpectations.Failing.Order(StringComparer.Ordinal), judgments.Where(j => j.Value == "fail").Select(j => j.Key).Order(StringComparer.Ordinal));

        var before = await Wenxi.StoredNumbersAsync(Factory, id);
        var audited = (await Wenxi.AuditAsync(Factory, id)).Count;
        var version = fields["A10.01"].GetProperty("version").GetInt32();

        // Without If-Match: 428, nothing stored.
        var missing = await PutAsync(official, id, null, ("A10.01", "10800", version));
        await AssertProblemAsync(missing, HttpStatusCode.PreconditionRequired, "figures-version-required");

        // The ETag without its quotes (a developer's copy from a header dump), weak, or "*": 412 saying to send it as read,
        // quotes included, never the stale message's version the caller did not send; nothing stored.
        foreach (var sent in new[] { etag.Trim('"'), "W/" + etag, "*" })
        {
            var malformed = await AssertProblemAsync(await PutAsync(official, id, sent, ("A10.01", "10800", version)), HttpStatusCode.PreconditionFailed, "api-if-match-malformed");
            Assert.Contains(sent, malformed.GetProperty("title").GetString());
            Assert.Contains("双引号", malformed.GetProperty("title").GetString());
        }
        Assert.Equal(before, await Wenxi.StoredNumbersAsync(Factory, id));

        // A read-only token: 403 before anything.
        var reader = await ApiClients.ForAsync(Factory, "wenxi.official", scopes: ["read"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(reader, id, etag, ("A10.01", "10800", version))).StatusCode);

        // Invalid: the form's rule names the figure; nothing stored.
        var invalid = await PutAsync(official, id, etag, ("A10.01", "十", version));
        var problem = await AssertProblemAsync(invalid, HttpStatusCode.UnprocessableEntity, null);
        Assert.Equal("A10.01", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(before, await Wenxi.StoredNumbersAsync(Factory, id));

        // With the ETag: saved; a new ETag; the area page shows the value.
        var saved = await PutAsync(official, id, etag, ("A10.01", "10800", version));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var savedBody = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, savedBody.GetProperty("saved").GetInt32());
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);
        Assert.Equal(saved.Headers.ETag!.Tag, savedBody.GetProperty("etag").GetString());
        var page = await (await PortalClient.For(Factory).SignedInAsync("wenxi.official")).GetDocumentAsync(Wenxi.AreaUrl(id));
        Assert.Equal("10800", page.QuerySelector("input[name='Form.Values[A10.01]']")!.GetAttribute("value"));
        var after = await Wenxi.StoredNumbersAsync(Factory, id);
        Assert.Equal(10800m, after["A10.01"]);
        Assert.Equal(audited + 1, (await Wenxi.AuditAsync(Factory, id)).Count);
        // Read again: the saved value and the new ETag, though this instance kept the figures it answered before (FiguresViews)
        // and the test's clock stands still (the evaluation's last write keeps its time).
        var reread = await official.GetAsync($"/api/v1/evaluations/{id}/figures");
        Assert.Equal(saved.Headers.ETag!.Tag, reread.Headers.ETag!.Tag);
        var rereadA1001 = JsonDocument.Parse(await reread.Content.ReadAsStringAsync()).RootElement.GetProperty("fields").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "A10.01");
        Assert.Equal("10800", rereadA1001.GetProperty("value").GetString());
        Assert.Equal(version + 1, rereadA1001.GetProperty("version").GetInt32());

        // The old ETag again: 412, and nothing changed (values, audit).
        var stale = await PutAsync(official, id, etag, ("A10.02", "1", fields["A10.02"].GetProperty("version").GetInt32()));
        await AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed, "figures-version-stale");
        Assert.Equal(after, await Wenxi.StoredNumbersAsync(Factory, id));
        Assert.Equal(audited + 1, (await Wenxi.AuditAsync(Factory, id)).Count);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(50)]
    public async Task Of_concurrent_puts_with_one_etag_exactly_one_succeeds_and_the_rest_are_412(int atOnce)
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        var official = await ApiClients.ForAsync(Factory, "wenxi.official", scopes: ["read", "figures:write"]);
        var read = await official.GetAsync($"/api/v1/evaluations/{id}/figures");
        var etag = read.Headers.ETag!.Tag;
        var version = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("fields").EnumerateArray()
            .Single(f => f.GetProperty("code").GetString() == "A10.01").GetProperty("version").GetInt32();
        var audited = (await Wenxi.AuditAsync(Factory, id)).Count(a => a.Source == AuditSource.Api);

        using var go = new SemaphoreSlim(0);
        var puts = Enumerable.Range(0, atOnce).Select(async _ =>
        {
            await go.WaitAsync();
            // A value no other test of the class stores: a PUT that changes nothing is done by every caller (nothing to fight over).
            return (await PutAsync(official, id, etag, ("A10.01", (20000 + atOnce).ToString(System.Globalization.CultureInfo.InvariantCulture), version))).StatusCode;
        }).ToList();
        go.Release(atOnce);
        var statuses = await Task.WhenAll(puts);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(atOnce - 1, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
        Assert.Equal(audited + 1, (await Wenxi.AuditAsync(Factory, id)).Count(a => a.Source == AuditSource.Api));
    }

    [Fact]
    public async Task Tokens_are_refused_by_scope_role_and_region_and_a_transition_needs_its_confirmation()
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);

        // A county token, with every scope its role may have, cannot approve.
        var lead = await ApiClients.ForAsync(Factory, "wenxi.lead", scopes: ["read", "figures:write"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsJsonAsync($"/api/v1/evaluations/{id}/approve", new { confirm = true, opinion = "同意" })).StatusCode);

        // A submission without "confirm": 422 at confirm, saying what to add; the state unchanged.
        var unconfirmed = await lead.PostAsJsonAsync($"/api/v1/evaluations/{id}/submit", new { confirm = false });
        var problem = await AssertProblemAsync(unconfirmed, HttpStatusCode.UnprocessableEntity, "confirm-required");
        Assert.Equal("confirm", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Contains("\"confirm\": true", problem.GetProperty("title").GetString());

        // The transitions the lead may take now: submit, allowed or with the reason.
        var transitions = JsonDocument.Parse(await lead.GetStringAsync($"/api/v1/evaluations/{id}/transitions")).RootElement;
        Assert.Equal("submit", transitions[0].GetProperty("name").GetString());

        // A supervisor of another city: 闻喜 does not exist for it.
        var other = await ApiClients.ForAsync(Factory, "jincheng.supervisor", scopes: ["read", "review"]);
        foreach (var url in new[] { $"/api/v1/evaluations/{id}", $"/api/v1/evaluations/{id}/figures", $"/api/v1/evaluations/{id}/judgments", $"/api/v1/evaluations/{id}/evidence" })
            await AssertProblemAsync(await other.GetAsync(url), HttpStatusCode.NotFound, "evaluation-not-found");
        await AssertProblemAsync(await other.GetAsync("/api/v1/evaluations?region=140823"), HttpStatusCode.NotFound, "region-not-found");
        await AssertProblemAsync(await other.PostAsJsonAsync($"/api/v1/evaluations/{id}/return", new { confirm = true, reasons = new[] { new { target = "A10.01", text = "请核对" } } }),
            HttpStatusCode.NotFound, "evaluation-not-found");

        // Its own list holds no county of 运城; 运城's supervisor finds 闻喜 by year and region.
        var own = JsonDocument.Parse(await other.GetStringAsync("/api/v1/evaluations?year=2021")).RootElement;
        Assert.DoesNotContain(own.GetProperty("items").EnumerateArray(), i => i.GetProperty("countyCode").GetString()!.StartsWith("1408", StringComparison.Ordinal));
        var yuncheng = await ApiClients.ForAsync(Factory, "yuncheng.supervisor", scopes: ["read"]);
        var listed = JsonDocument.Parse(await yuncheng.GetStringAsync("/api/v1/evaluations?year=2021&region=140823")).RootElement;
        Assert.Equal("闻喜县", Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("county").GetString());
        await AssertProblemAsync(await yuncheng.GetAsync("/api/v1/evaluations?pageSize=500"), HttpStatusCode.UnprocessableEntity, "page-size-invalid");
    }

    [Fact]
    public async Task An_upload_too_large_or_of_the_wrong_type_is_refused_naming_the_field_and_stores_nothing()
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        var official = await ApiClients.ForAsync(Factory, "wenxi.official", scopes: ["read", "figures:write"]);
        var stored = await Factory.WithDbAsync(db => db.EvidenceFiles.CountAsync(f => f.EvaluationId == id));

        // A ".pdf" that is not a PDF.
        var wrong = await UploadAsync(official, id, "A10.01", "通知.pdf", "这不是 PDF"u8.ToArray());
        var problem = await AssertProblemAsync(wrong, HttpStatusCode.UnprocessableEntity, null);
        Assert.Equal("files", problem.GetProperty("errors")[0].GetProperty("field").GetString());

        // One byte over the file limit (50 MB), within the request's: refused by the inspection, named at files.
        var large = await UploadAsync(official, id, "A10.01", "大.pdf", new byte[50 * 1024 * 1024 + 1]);
        problem = await AssertProblemAsync(large, HttpStatusCode.UnprocessableEntity, "upload-too-large");
        Assert.Equal("files", problem.GetProperty("errors")[0].GetProperty("field").GetString());

        // A target that is not in the scheme: named at Field.
        problem = await AssertProblemAsync(await UploadAsync(official, id, "Z99", "a.pdf", "%PDF-1.4"u8.ToArray()), HttpStatusCode.UnprocessableEntity, null);
        Assert.Equal("Field", problem.GetProperty("errors")[0].GetProperty("field").GetString());

        // Declared larger than the evidence limit and the form around it: 413 problem+json before the body is read.
        using (var tooLarge = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/evaluations/{id}/evidence"))
        {
            tooLarge.Content = new ByteArrayContent(new byte[52 * 1024 * 1024]);
            tooLarge.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
            await AssertProblemAsync(await official.SendAsync(tooLarge), HttpStatusCode.RequestEntityTooLarge, "api-body-too-large");
        }

        // A supervisor's token: refused by the upload gate before the body.
        var supervisor = await ApiClients.ForAsync(Factory, "yuncheng.supervisor", scopes: ["read", "review"]);
        await AssertProblemAsync(await UploadAsync(supervisor, id, "A10.01", "a.pdf", "%PDF-1.4"u8.ToArray()), HttpStatusCode.Forbidden, "read-only-role");

        Assert.Equal(stored, await Factory.WithDbAsync(db => db.EvidenceFiles.CountAsync(f => f.EvaluationId == id)));
    }

    [Fact]
    public async Task A_review_runs_through_the_api_with_the_pages_rules_and_leaves_editions_and_tasks()
    {
        // 夏县 (运城), so that 闻喜 stays a draft for the other tests of this class.
        var id = await Wenxi.EvaluationIdAsync(Factory, "140828");
        await CountyFigures.ImportAsync(Factory.Services, id, "xiaxian.official", PlausibleCompletion.Complete(GoldenCase.Scheme, GoldenCase.Figures));
        var lead = await ApiClients.ForAsync(Factory, "xiaxian.lead", scopes: ["read", "figures:write"]);
        var supervisor = await ApiClients.ForAsync(Factory, "yuncheng.supervisor", scopes: ["read", "review"]);

        // A piece of evidence, uploaded as the page takes it.
        var uploaded = await UploadAsync(lead, id, "A10.01", "幼儿园名单.pdf", Pdf);
        Assert.True(uploaded.IsSuccessStatusCode, await uploaded.Content.ReadAsStringAsync());
        var piece = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal(("A10.01", "A10_PRESCHOOL"), (piece.GetProperty("field").GetString(), piece.GetProperty("area").GetString()));

        // Submit with the confirmation and the warnings the evaluation shows (their token), as the page's ticks.
        var card = await JsonAsync(lead, $"/api/v1/evaluations/{id}");
        Assert.Equal(0, card.GetProperty("completeness").GetProperty("missing").GetArrayLength());
        var token = card.GetProperty("summary").GetProperty("warningsToken").GetString();
        var submitted = await lead.PostAsJsonAsync($"/api/v1/evaluations/{id}/submit", new { confirm = true, despiteWarnings = true, warningsSeen = token, despiteLength = true, despiteDepartments = true, departmentsReason = Wenxi.DepartmentsReason });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        Assert.Equal("submitted", (await JsonAsync(supervisor, $"/api/v1/evaluations/{id}")).GetProperty("state").GetString());

        // Locked for the county: a PUT of figures is refused with the page's reason (409), nothing stored.
        var figures = await lead.GetAsync($"/api/v1/evaluations/{id}/figures");
        var locked = await PutAsync(lead, id, figures.Headers.ETag!.Tag, ("A10.01", "1", 1));
        await AssertProblemAsync(locked, HttpStatusCode.Conflict, "submitted-lock");

        // The supervisor judges the evidence: 不充分 without a reason is refused as on the page; with one it is kept, and the
        // download is the uploaded bytes with their hash.
        var judgeUrl = $"/api/v1/evaluations/{id}/evidence/{piece.GetProperty("id").GetInt32()}/verdict";
        await AssertProblemAsync(await supervisor.PutAsJsonAsync(judgeUrl, new { verdict = "insufficient", version = piece.GetProperty("version").GetInt32() }),
            HttpStatusCode.UnprocessableEntity, null);
        var judged = await supervisor.PutAsJsonAsync(judgeUrl, new { verdict = "insufficient", reason = "缺少盖章页", version = piece.GetProperty("version").GetInt32() });
        Assert.True(judged.IsSuccessStatusCode, await judged.Content.ReadAsStringAsync());
        Assert.Equal("insufficient", JsonDocument.Parse(await judged.Content.ReadAsStringAsync()).RootElement.GetProperty("verdict").GetString());
        await AssertProblemAsync(await lead.PutAsJsonAsync(judgeUrl, new { verdict = "sufficient", version = 0 }), HttpStatusCode.Forbidden, null);
        var content = await lead.GetAsync($"/api/v1/evaluations/{id}/evidence/{piece.GetProperty("id").GetInt32()}/content");
        Assert.Equal(Pdf, await content.Content.ReadAsByteArrayAsync());
        Assert.Equal(piece.GetProperty("sha256").GetString(), content.Headers.GetValues("X-Content-SHA256").Single());

        // A comment by the supervisor, a reply by the lead: one thread with one reply.
        var opened = await supervisor.PostAsJsonAsync($"/api/v1/evaluations/{id}/comments", new { target = "A10.01", text = "请核对在园幼儿数。" });
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var thread = JsonDocument.Parse(await opened.Content.ReadAsStringAsync()).RootElement[0];
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsJsonAsync($"/api/v1/evaluations/{id}/comments/{thread.GetProperty("id").GetInt64()}/replies", new { text = "已核对。" })).StatusCode);
        var threads = JsonDocument.Parse(await lead.GetStringAsync($"/api/v1/evaluations/{id}/comments")).RootElement;
        Assert.Equal(("indicator", "A10.01", 1), (threads[0].GetProperty("targetKind").GetString(), threads[0].GetProperty("target").GetString(), threads[0].GetProperty("replies").GetArrayLength()));
        // A read-only token of the supervisor cannot comment.
        var reader = await ApiClients.ForAsync(Factory, "yuncheng.supervisor", scopes: ["read"]);
        await AssertProblemAsync(await reader.PostAsJsonAsync($"/api/v1/evaluations/{id}/comments", new { text = "x" }), HttpStatusCode.Forbidden, "api-scope-missing");

        // The supervisor approves: without an opinion refused as on the page, over the open thread only with its tick.
        await AssertProblemAsync(await supervisor.PostAsJsonAsync($"/api/v1/evaluations/{id}/approve", new { confirm = true, opinion = "", despiteOpenThreads = true }),
            HttpStatusCode.Conflict, "approve-needs-opinion");
        await AssertProblemAsync(await supervisor.PostAsJsonAsync($"/api/v1/evaluations/{id}/approve", new { confirm = true, opinion = "经审核，同意通过。" }),
            HttpStatusCode.Conflict, "open-threads");
        var approved = await supervisor.PostAsJsonAsync($"/api/v1/evaluations/{id}/approve", new { confirm = true, opinion = "经审核，同意通过。", despiteOpenThreads = true });
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        Assert.Equal("approved", JsonDocument.Parse(await approved.Content.ReadAsStringAsync()).RootElement.GetProperty("state").GetString());

        // Two editions (submitted, approved); the report downloads as the approved one is stored, its hash in the header and the list.
        var editions = JsonDocument.Parse(await lead.GetStringAsync($"/api/v1/evaluations/{id}/editions")).RootElement;
        Assert.Equal(["approved", "submitted"], editions.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var pdf = await lead.GetAsync($"/api/v1/evaluations/{id}/report/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        Assert.Equal(sha, pdf.Headers.GetValues("X-Content-SHA256").Single(), ignoreCase: true);
        Assert.Equal(sha, editions[0].GetProperty("pdfSha256").GetString(), ignoreCase: true);
        await AssertProblemAsync(await lead.GetAsync($"/api/v1/evaluations/{id}/report/xls"), HttpStatusCode.UnprocessableEntity, "report-format-unknown");

        // The approval made rectification tasks; the lead updates one, and the same version again is a conflict.
        var tasks = JsonDocument.Parse(await lead.GetStringAsync("/api/v1/rectification/tasks?year=2021")).RootElement.GetProperty("items");
        Assert.True(tasks.GetArrayLength() > 0);
        var task = tasks[0];
        var update = new { version = task.GetProperty("version").GetInt32(), state = "inProgress", responsibleUnit = "县教育局", dueDate = "2022-06-30", note = "已开始整改" };
        Assert.Equal(HttpStatusCode.NoContent, (await lead.PutAsJsonAsync($"/api/v1/rectification/tasks/{task.GetProperty("id").GetInt32()}", update)).StatusCode);
        await AssertProblemAsync(await lead.PutAsJsonAsync($"/api/v1/rectification/tasks/{task.GetProperty("id").GetInt32()}", update), HttpStatusCode.Conflict, "task-moved");
        await AssertProblemAsync(await lead.PutAsJsonAsync($"/api/v1/rectification/tasks/{task.GetProperty("id").GetInt32()}", update with { state = "later" }),
            HttpStatusCode.UnprocessableEntity, "task-state-unknown");

        // Reopening is an admin's, with a reason: the supervisor's review token is refused by the rules (403).
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync($"/api/v1/evaluations/{id}/reopen", new { confirm = true, reason = "复核" })).StatusCode);
    }

    private static async Task<JsonElement> JsonAsync(HttpClient client, string url) => JsonDocument.Parse(await client.GetStringAsync(url)).RootElement;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, string field, string fileName, byte[] content)
    {
        using var body = new MultipartFormDataContent();
        body.Add(new StringContent(field), "Field");
        body.Add(new ByteArrayContent(content), "files", fileName);
        return await client.PostAsync($"/api/v1/evaluations/{id}/evidence", body);
    }

    // Attacker review (issue 29): a null where the body's list expects an object was a NullReferenceException, 500. It is now
    // an empty entry, refused by the handler's own rules (422 at its field, or the state's refusal), and nothing is stored.
    [Fact]
    public async Task A_null_entry_in_a_bodys_list_is_refused_as_invalid_never_a_server_error()
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        using var official = await ApiClients.ForAsync(Factory, "wenxi.official", scopes: ["read", "figures:write"]);
        var etag = (await official.GetAsync($"/api/v1/evaluations/{id}/figures")).Headers.ETag!.Tag;
        var before = await Wenxi.StoredNumbersAsync(Factory, id);

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/evaluations/{id}/figures")
        {
            Content = new StringContent("""{"fields":[null]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        await AssertProblemAsync(await official.SendAsync(put), HttpStatusCode.UnprocessableEntity, null);
        Assert.Equal(before, await Wenxi.StoredNumbersAsync(Factory, id));

        using var supervisor = await ApiClients.ForAsync(Factory, "yuncheng.supervisor", scopes: ["read", "review"]);
        var returned = await supervisor.PostAsync($"/api/v1/evaluations/{id}/return",
            new StringContent("""{"confirm":true,"reasons":[null]}""", System.Text.Encoding.UTF8, "application/json"));
        await AssertProblemAsync(returned, HttpStatusCode.Conflict, "not-submitted");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_by_its_path_and_a_missing_version_by_its_field_and_nothing_is_stored()
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        using var official = await ApiClients.ForAsync(Factory, "wenxi.official", scopes: ["read", "figures:write"]);
        var etag = (await official.GetAsync($"/api/v1/evaluations/{id}/figures")).Headers.ETag!.Tag;
        var before = await Wenxi.StoredNumbersAsync(Factory, id);

        // A number where the document says string: 400 naming the JSON path it stopped at, the message saying to quote it.
        var typed = await AssertProblemAsync(await SendAsync(official, id, etag, """{"fields":[{"code":"A10.01","value":"1","version":0},{"code":"A10.02","value":12000,"version":0}]}"""),
            HttpStatusCode.BadRequest, "api-json-value-unreadable");
        Assert.Contains("$.fields[1].value", typed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"35.5\"", typed.GetProperty("title").GetString(), StringComparison.Ordinal);

        // No version: 422 at that entry's version (not a conflict with "someone else's value").
        var unversioned = await AssertProblemAsync(await SendAsync(official, id, etag, """{"fields":[{"code":"A10.02","value":"12000"}]}"""),
            HttpStatusCode.UnprocessableEntity, null);
        var error = Assert.Single(unversioned.GetProperty("errors").EnumerateArray());
        Assert.Equal("fields[0].version", error.GetProperty("field").GetString());
        Assert.Contains("A10.02", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await Wenxi.StoredNumbersAsync(Factory, id));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, int id, string etag, string json)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/evaluations/{id}/figures")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(put);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, int id, string? etag, params (string Code, string Value, int Version)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/evaluations/{id}/figures")
        {
            Content = JsonContent.Create(new { fields = fields.Select(f => new { code = f.Code, value = f.Value, version = f.Version }) }, options: Json),
        };
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        if (code is not null) Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteApiEvaluationsTests(SqlitePortalFactory factory) : ApiEvaluationsTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresApiEvaluationsTests(PostgresPortalFactory factory) : ApiEvaluationsTests<PostgresPortalFactory>(factory);
