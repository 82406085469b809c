using System.Net;
using System.Text;
using EduDuty.Core.Evidence;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>Issue 13: evidence files attached, checked by content, stored once, downloaded safely, locked and audited.</summary>
public abstract class EvidenceTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private string Url => $"/Evaluations/{Id}/Evidence";

    private static byte[] Fixture(string name) => File.ReadAllBytes(EduDuty.Testing.RepositoryPaths.Fixture("evidence", name));

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private Task<HttpResponseMessage> UploadAsync(PortalClient client, string target, params (string Name, byte[] Content)[] files) =>
        client.PostFilesAsync(Url, "#upload-form", new Dictionary<string, string> { ["Field"] = target }, files.Select(f => ("files", f.Name, f.Content)).ToArray());

    private Task<List<EvidenceFile>> FilesAsync() => Factory.WithDbAsync(db => db.EvidenceFiles.Where(f => f.EvaluationId == Id).OrderBy(f => f.Id).ToListAsync());

    [Fact]
    public async Task A_pdf_and_an_image_attached_to_an_indicator_are_stored_once_by_content_and_audited()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await UploadAsync(client, "A07.07", ("民办学校名单.pdf", Fixture("notice.pdf")), ("照片.png", Png));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await UploadAsync(client, "A07_PRIVATE_COMPULSORY", ("同一文件.pdf", Fixture("notice.pdf")));

        var files = await FilesAsync();
        Assert.Equal(["民办学校名单", "照片", "同一文件"], files.Select(f => f.Title));
        Assert.Equal([EvidenceKind.Pdf, EvidenceKind.Png, EvidenceKind.Pdf], files.Select(f => f.Kind));
        Assert.Equal(["A07.07", "A07.07", null], files.Select(f => f.FieldCode));
        Assert.All(files, f => Assert.Equal("A07_PRIVATE_COMPULSORY", f.AreaKey));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Fixture("notice.pdf")));
        Assert.Equal(hash, files[0].ContentHash);
        Assert.Equal(files[0].ContentHash, files[2].ContentHash);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.EvidenceBlobs.CountAsync(b => b.Hash == hash)));

        var audit = await Wenxi.AuditAsync(Factory, Id);
        Assert.Equal(3, audit.Count(a => a.Kind == AuditKind.Evidence && a.NewValue!.Contains("SHA-256", StringComparison.Ordinal)));
        Assert.Contains(audit, a => a is { Kind: AuditKind.Evidence, Target: "A07.07" } && a.NewValue!.Contains(hash, StringComparison.Ordinal));

        var page = await client.GetDocumentAsync(Url);
        Assert.Contains("民办学校名单", page.QuerySelector("#area-A07_PRIVATE_COMPULSORY")!.ParentElement!.TextContent);
        var summary = page.QuerySelectorAll("#evidence-summary tbody tr").Single(r => r.TextContent.Contains("民办义务教育", StringComparison.Ordinal));
        Assert.StartsWith("1 /", summary.QuerySelectorAll("td")[1].TextContent.Trim()); // one indicator (A07.07) has evidence

        // The report lists them after its appendix: 佐证材料目录, the area's three pieces.
        var report = await client.GetDocumentAsync($"/Evaluations/{Id}/Report");
        var catalog = report.QuerySelector("#evidence-catalog")!;
        Assert.Equal("佐证材料目录", catalog.TextContent);
        Assert.Equal("附件2", report.QuerySelector("#evidence-catalog-mark")!.TextContent); // GB/T 9704 8: the mark above the title
        Assert.Equal(["民办学校名单", "照片", "同一文件"], report.QuerySelectorAll("#report-preview table").Last().QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent));
    }

    [Fact]
    public async Task A_download_carries_the_original_name_the_real_type_and_a_sandbox()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await UploadAsync(client, "A07.07", ("闻喜县民办学校名单 (2021).pdf", Fixture("notice.pdf")));
        var file = (await FilesAsync()).Single();

        var download = await client.Http.GetAsync($"{Url}?handler=Download&file={file.Id}");
        var view = await client.Http.GetAsync($"{Url}?handler=View&file={file.Id}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Fixture("notice.pdf"), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("闻喜县民办学校名单 (2021).pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("inline", view.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("default-src 'none'", view.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_whole_evidence_downloads_as_one_zip_with_a_folder_per_area()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await UploadAsync(client, "A07.07", ("名单.pdf", Fixture("notice.pdf")), ("照片.png", Png));
        await UploadAsync(client, "A07_PRIVATE_COMPULSORY", ("名单.pdf", [.. Fixture("notice.pdf"), .. "\n% another list\n"u8])); // same name, other content
        await UploadAsync(client, "", ("会议纪要.doc", Fixture("notice.doc")));

        var response = await client.Http.GetAsync($"{Url}?handler=Zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("闻喜县2021年度佐证材料.zip", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var archive = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["00 评价整体/会议纪要.doc", "07 规范民办义务教育发展情况/名单.pdf", "07 规范民办义务教育发展情况/照片.png", "07 规范民办义务教育发展情况/名单 (2).pdf"],
            archive.Entries.Select(e => e.FullName));
        using var copy = new MemoryStream();
        await archive.Entries[1].Open().CopyToAsync(copy);
        Assert.Equal(Fixture("notice.pdf"), copy.ToArray());
        var foreign = await PortalClient.For(Factory).SignedInAsync("xiaxian.official");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.Http.GetAsync($"{Url}?handler=Zip")).StatusCode);
    }

    [Fact]
    public async Task Hostile_files_are_refused_by_name_and_reason_and_nothing_is_stored()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");

        var response = await UploadAsync(client, "A07.07",
            ("通知.pdf", Encoding.UTF8.GetBytes("<html><script>alert(document.cookie)</script></html>")),
            ("图.svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")),
            ("setup.exe", [(byte)'M', (byte)'Z', 0x90, 0]),
            ("空.pdf", []),
            ("会议纪要.docx", Fixture("notice.pdf")),
            ("../../..\u0007/会议纪要.pdf", Fixture("notice.pdf")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await PortalClient.ParseAsync(response)).QuerySelector("#evidence-errors")!.TextContent;
        Assert.Contains("“通知.pdf”含有网页或脚本代码", errors);
        Assert.Contains("“图.svg”的扩展名 .svg 是可执行程序、脚本、网页或带宏的文档", errors);
        Assert.Contains("“setup.exe”的扩展名 .exe 是可执行程序", errors);
        Assert.Contains("“空.pdf”是空的（0 字节）", errors);
        Assert.Contains("“会议纪要.docx”的内容是PDF，与扩展名 .docx 不符", errors); // issue 24: the name must fit the content
        Assert.Contains("已上传 1 个文件", errors);
        var stored = Assert.Single(await FilesAsync());
        Assert.Equal("会议纪要.pdf", stored.FileName); // kept for display without its path
        Assert.Equal(EvidenceKind.Pdf, stored.Kind);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.EvidenceBlobs.CountAsync()));
    }

    [Fact]
    public async Task Twenty_parallel_uploads_are_each_stored_whole()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        // Twenty different PDFs of 1.5 MB (two stored pieces each), sent at once.
        var files = Enumerable.Range(1, 20).Select(i => (Name: $"材料{i}.pdf", Content: Encoding.ASCII.GetBytes($"%PDF-1.4 {i}\n").Concat(new byte[3 << 19]).ToArray())).ToList();

        var responses = await Task.WhenAll(files.Select(f => UploadAsync(client, "A07.07", f)));

        // The evaluation's claim takes the writes one after another: every one is stored.
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var stored = await FilesAsync();
        Assert.Equal(20, stored.Count);
        foreach (var file in stored)
        {
            var original = files.Single(f => f.Name == file.FileName).Content;
            var download = await client.Http.GetByteArrayAsync($"{Url}?handler=Download&file={file.Id}");
            Assert.Equal(original, download);
        }

        // No content without a piece that names it: nothing partial was kept.
        Assert.Equal(stored.Count, await Factory.WithDbAsync(db => db.EvidenceBlobs.CountAsync()));
        Assert.Equal(stored.Count * 2, await Factory.WithDbAsync(db => db.EvidenceChunks.CountAsync()));
    }

    [Fact]
    public async Task Nothing_is_attached_renamed_or_removed_after_submission_and_other_counties_see_404()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await UploadAsync(official, "A07.07", ("名单.pdf", Fixture("notice.pdf")));
        var file = (await FilesAsync()).Single();
        var page = await official.GetDocumentAsync(Url);
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EduDuty.Core.Review.EvaluationStatus.Submitted)));

        var upload = await official.Http.PostAsync($"{Url}?handler=Upload", new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent("A07.07"), "Field" },
            { new ByteArrayContent(Fixture("notice.pdf")), "files", "again.pdf" },
        });
        var remove = await official.SubmitAsync(page, Url, $"#evidence-{file.Id} form[action*=Remove]", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Conflict, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        Assert.Single(await FilesAsync());

        var foreign = await PortalClient.For(Factory).SignedInAsync("xiaxian.official");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.Http.GetAsync($"{Url}?handler=Download&file={file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.Http.GetAsync($"{Url}?handler=View&file={file.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.Http.GetAsync(Url)).StatusCode);
    }

    [Fact]
    public async Task A_supervisor_judges_a_piece_insufficient_with_a_reason_and_the_county_sees_it_in_its_to_do_and_beside_the_indicator()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await UploadAsync(official, "A07.07", ("名单.pdf", Fixture("notice.pdf")));
        var file = (await FilesAsync()).Single();
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EduDuty.Core.Review.EvaluationStatus.Submitted)));
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");

        var page = await supervisor.GetDocumentAsync(Url);
        var noReason = await supervisor.SubmitAsync(page, Url, $"#evidence-{file.Id} form.evidence-judge", new Dictionary<string, string> { ["verdict"] = "Insufficient" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var refused = await PortalClient.ParseAsync(noReason);
        Assert.Contains("请写明理由", refused.QuerySelector("#evidence-errors")!.TextContent);
        // The verdict chosen stays chosen (issue 27: a refused form keeps what was typed), the stored piece has none.
        Assert.True(refused.QuerySelector($"#weak-{file.Id}")!.HasAttribute("checked"));
        Assert.False(refused.QuerySelector($"#ok-{file.Id}")!.HasAttribute("checked"));
        var judged = await supervisor.SubmitAsync(page, Url, $"#evidence-{file.Id} form.evidence-judge", new Dictionary<string, string>
        {
            ["verdict"] = "Insufficient",
            ["reason"] = "名单未加盖公章",
        });
        Assert.Equal(HttpStatusCode.Redirect, judged.StatusCode);

        var stored = (await FilesAsync()).Single();
        Assert.Equal((EvidenceVerdict.Insufficient, "名单未加盖公章"), (stored.Verdict!.Value, stored.VerdictReason));
        Assert.Contains(await Wenxi.AuditAsync(Factory, Id), a => a is { Kind: AuditKind.Evidence, Source: AuditSource.Review, Target: "A07.07" } && a.NewValue!.Contains("不充分：名单未加盖公章", StringComparison.Ordinal));
        Assert.Null((await official.GetDocumentAsync(Url)).QuerySelector("form.evidence-judge")); // the county cannot judge

        // The return cites the piece: its first reason is written for the supervisor, on the piece's indicator.
        var overview = await supervisor.GetDocumentAsync($"/Evaluations/{Id}");
        Assert.Equal("A07.07", overview.QuerySelector("#return-form select[name='Reasons[0].Target'] option[selected]")!.GetAttribute("value"));
        Assert.Equal("佐证材料“名单”不充分：名单未加盖公章", overview.QuerySelector("#return-form input[name='Reasons[0].Text']")!.GetAttribute("value"));
        // (The test client posts inputs only; a browser sends the selected option too.)
        var returned = await supervisor.SubmitAsync(overview, $"/Evaluations/{Id}", "#return-form", new Dictionary<string, string> { ["Reasons[0].Target"] = "A07.07" });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(EduDuty.Core.Review.EvaluationStatus.Returned, await Wenxi.StatusAsync(Factory, Id));
        Assert.Contains("佐证材料“名单”不充分：名单未加盖公章", (await official.GetDocumentAsync($"/Evaluations/{Id}")).QuerySelector("#return-reasons")!.TextContent);

        var home = await official.GetDocumentAsync("/");
        Assert.Contains(home.QuerySelectorAll("a"), a => a.TextContent.Contains("1 份佐证材料被督导评为不充分", StringComparison.Ordinal) && a.GetAttribute("href") == Url);
        var area = await official.GetDocumentAsync(Wenxi.AreaUrl(Id, "A07_PRIVATE_COMPULSORY"));
        Assert.Contains("1 份不充分", area.QuerySelector("[data-evidence-for='A07.07']")!.TextContent);
        Assert.Contains("名单未加盖公章", (await official.GetDocumentAsync(Url)).QuerySelector($"#evidence-{file.Id}")!.TextContent);
    }

    [Fact]
    public async Task Renaming_and_removing_are_audited_and_the_content_goes_with_its_last_piece()
    {
        var client = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        await UploadAsync(client, "", ("会议纪要.pdf", Fixture("notice.pdf")));
        var file = (await FilesAsync()).Single();
        var page = await client.GetDocumentAsync(Url);

        var rename = await client.SubmitAsync(page, Url, $"#evidence-{file.Id} form[action*=Rename]", new Dictionary<string, string>
        {
            ["Title"] = "县政府常务会议纪要",
            ["DocumentNumber"] = "闻政纪〔2021〕5号",
            ["DocumentDate"] = "2021-03-02",
        });
        Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        var renamed = (await FilesAsync()).Single();

        // A refused change (a date that does not exist) comes back with what was typed, its form open; nothing changes.
        var typed = await client.SubmitAsync(await client.GetDocumentAsync(Url), Url, $"#evidence-{file.Id} form[action*=Rename]", new Dictionary<string, string>
        {
            ["Title"] = "走查改后的标题",
            ["DocumentNumber"] = "闻政纪〔2021〕6号",
            ["DocumentDate"] = "2021-02-30",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typed.StatusCode);
        var back = await PortalClient.ParseAsync(typed);
        Assert.Equal("走查改后的标题", back.QuerySelector($"#title-{file.Id}")!.GetAttribute("value"));
        Assert.Equal("闻政纪〔2021〕6号", back.QuerySelector($"#number-{file.Id}")!.GetAttribute("value"));
        Assert.Equal("2021-02-30", back.QuerySelector($"#date-{file.Id}")!.GetAttribute("value"));
        Assert.True(back.QuerySelector($"#title-{file.Id}")!.Closest("details")!.HasAttribute("open"));
        Assert.Equal("县政府常务会议纪要", (await FilesAsync()).Single().Title);
        Assert.Equal(("县政府常务会议纪要", "闻政纪〔2021〕5号", new DateOnly(2021, 3, 2)), (renamed.Title, renamed.DocumentNumber, renamed.DocumentDate));

        // The page loaded before the rename still carries the old version: refused, nothing removed.
        var stale = await client.SubmitAsync(page, Url, $"#evidence-{file.Id} form[action*=Remove]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Single(await FilesAsync());

        var remove = await client.SubmitAsync(await client.GetDocumentAsync(Url), Url, $"#evidence-{file.Id} form[action*=Remove]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Empty(await FilesAsync());
        Assert.Equal(0, await Factory.WithDbAsync(db => db.EvidenceChunks.CountAsync(c => c.Hash == file.ContentHash)));
        var audit = (await Wenxi.AuditAsync(Factory, Id)).Where(a => a.Kind == AuditKind.Evidence).ToList();
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.Equal("整体", a.Target));
        Assert.Contains(audit, a => a.OldValue is not null && a.NewValue is null && a.OldValue.Contains(file.ContentHash, StringComparison.Ordinal));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteEvidenceTests(SqlitePortalFactory factory) : EvidenceTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresEvidenceTests(PostgresPortalFactory factory) : EvidenceTests<PostgresPortalFactory>(factory);
