using System.Net;
using EduDuty.Core.Evidence;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 27: evidence 替换 (a new version; the old one and its verdict kept as history; the 不充分 to-do cleared until the
/// supervisor judges the new version) and the evidence panel on the area row (attach and replace, then back on the row with
/// the note; a partly refused batch names each refused file).
/// </summary>
public abstract class EvidenceReplaceTests<TFactory>(TFactory factory) : EmptyWenxiTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private string Url => $"/Evaluations/{Id}/Evidence";

    private static byte[] Fixture(string name) => File.ReadAllBytes(EduDuty.Testing.RepositoryPaths.Fixture("evidence", name));

    private static string Hash(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));

    private Task<List<EvidenceFile>> FilesAsync() => Factory.WithDbAsync(db => db.EvidenceFiles.Where(f => f.EvaluationId == Id).OrderBy(f => f.Id).ToListAsync());

    private Task<List<EvidenceFileVersion>> VersionsAsync() => Factory.WithDbAsync(db =>
        db.EvidenceFileVersions.Where(v => db.EvidenceFiles.Any(f => f.Id == v.EvidenceFileId && f.EvaluationId == Id)).OrderBy(v => v.Id).ToListAsync());

    // A piece judged 不充分 in review and the evaluation returned: what a supervisor's verdict and return leave behind
    // (EvidenceTests walks that path through the pages).
    private async Task<EvidenceFile> JudgedInsufficientAsync(PortalClient official)
    {
        var uploaded = await official.PostFilesAsync(Url, "#upload-form", new Dictionary<string, string> { ["Field"] = "A07.07" }, ("files", "名单.pdf", Fixture("notice.pdf")));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        await Factory.WithDbAsync(async db =>
        {
            await db.EvidenceFiles.Where(f => f.EvaluationId == Id).ExecuteUpdateAsync(u => u
                .SetProperty(f => f.Verdict, EvidenceVerdict.Insufficient).SetProperty(f => f.VerdictReason, "名单未加盖公章")
                .SetProperty(f => f.VerdictByName, "运城市督导").SetProperty(f => f.Version, 1));
            return await db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, Core.Review.EvaluationStatus.Returned));
        });
        return (await FilesAsync()).Single();
    }

    [Fact]
    public async Task Replacing_keeps_the_old_version_and_its_verdict_clears_the_to_do_and_is_audited()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var piece = await JudgedInsufficientAsync(official);
        Assert.Contains((await official.GetDocumentAsync("/")).QuerySelectorAll("#todo a"), a => a.TextContent.Contains("1 份佐证材料被督导评为不充分", StringComparison.Ordinal));

        var page = await official.GetDocumentAsync(Url);
        var replaced = await official.PostFilesAsync(page, $"#replace-{piece.Id} form", new Dictionary<string, string>(), ("replacement", "名单（盖章）.docx", Fixture("notice.docx")));

        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var now = (await FilesAsync()).Single();
        Assert.Equal((piece.Id, piece.Title, "名单（盖章）.docx", Hash(Fixture("notice.docx")), EvidenceKind.Docx, 2), (now.Id, now.Title, now.FileName, now.ContentHash, now.Kind, now.Version));
        Assert.Null(now.Verdict);
        Assert.Null(now.VerdictReason);
        var old = Assert.Single(await VersionsAsync());
        Assert.Equal((1, "名单.pdf", Hash(Fixture("notice.pdf")), EvidenceVerdict.Insufficient, "名单未加盖公章", "运城市督导", "闻喜县填报员"),
            (old.Number, old.FileName, old.ContentHash, old.Verdict!.Value, old.VerdictReason, old.VerdictByName, old.ReplacedByName));

        // The to-do is gone until the supervisor judges the new version; the list shows the earlier version with its verdict.
        Assert.DoesNotContain((await official.GetDocumentAsync("/")).QuerySelectorAll("#todo a"), a => a.TextContent.Contains("不充分", StringComparison.Ordinal));
        var list = await official.GetDocumentAsync(Url);
        Assert.Contains("已替换“名单”为 名单（盖章）.docx（第 2 版）", list.QuerySelector("#saved-message")!.TextContent);
        var history = list.QuerySelector($"#evidence-{piece.Id} .evidence-versions")!;
        Assert.Contains("第 1 版", history.TextContent);
        Assert.Contains("当时评定：不充分：名单未加盖公章", history.TextContent);
        var download = await official.Http.GetAsync(history.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(Fixture("notice.pdf"), await download.Content.ReadAsByteArrayAsync());

        var audit = await Wenxi.AuditAsync(Factory, Id);
        Assert.Contains(audit, a => a is { Kind: AuditKind.Evidence, Target: "A07.07", Source: AuditSource.Upload, OldValue: { } before, NewValue: { } after }
            && before.Contains(Hash(Fixture("notice.pdf")), StringComparison.Ordinal) && before.Contains("不充分：名单未加盖公章", StringComparison.Ordinal)
            && after.StartsWith("替换为 名单（", StringComparison.Ordinal) && after.Contains(Hash(Fixture("notice.docx")), StringComparison.Ordinal));

        // Removing the piece removes its history, and content nothing names any more.
        var removed = await official.SubmitAsync(await official.GetDocumentAsync(Url), Url, $"#evidence-{piece.Id} form[action*=Remove]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(await VersionsAsync());
        Assert.Equal(0, await Factory.WithDbAsync(db => db.EvidenceBlobs.CountAsync(b => b.Hash == Hash(Fixture("notice.pdf")) || b.Hash == Hash(Fixture("notice.docx")))));
    }

    [Fact]
    public async Task A_replacement_passes_the_upload_checks_and_only_who_may_upload_may_replace()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var piece = await JudgedInsufficientAsync(official);
        var page = await official.GetDocumentAsync(Url);

        var same = await official.PostFilesAsync(page, $"#replace-{piece.Id} form", new Dictionary<string, string>(), ("replacement", "名单.pdf", Fixture("notice.pdf")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.StatusCode);
        Assert.Contains("与“名单”的当前版本内容相同", (await PortalClient.ParseAsync(same)).QuerySelector("#evidence-errors")!.TextContent);

        var disguised = await official.PostFilesAsync(page, $"#replace-{piece.Id} form", new Dictionary<string, string>(), ("replacement", "名单.pdf", "MZ\u0090\0 not a pdf"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, disguised.StatusCode);

        var none = await official.PostFilesAsync(page, $"#replace-{piece.Id} form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, none.StatusCode);
        Assert.Contains("请选择用来替换的新文件", (await PortalClient.ParseAsync(none)).QuerySelector("#evidence-errors")!.TextContent);

        // A supervisor may see the piece but not replace it (the upload rule: the county's users, while the county may edit).
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        var token = (await supervisor.GetDocumentAsync(Url)).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var refused = await supervisor.PostFilesAsync(page, $"#replace-{piece.Id} form", new Dictionary<string, string> { ["__RequestVerificationToken"] = token },
            ("replacement", "名单（盖章）.docx", Fixture("notice.docx")));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // Approved: locked for the county too.
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == Id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, Core.Review.EvaluationStatus.Approved)));
        var locked = await official.PostFilesAsync(page, $"#replace-{piece.Id} form", new Dictionary<string, string>(), ("replacement", "名单（盖章）.docx", Fixture("notice.docx")));
        Assert.Equal(HttpStatusCode.Conflict, locked.StatusCode);

        Assert.Empty(await VersionsAsync());
        Assert.Equal(Hash(Fixture("notice.pdf")), (await FilesAsync()).Single().ContentHash);
    }

    [Fact]
    public async Task The_area_row_panel_lists_pieces_with_verdicts_and_an_upload_through_it_comes_back_to_the_row_with_its_note()
    {
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var piece = await JudgedInsufficientAsync(official);
        var areaUrl = Wenxi.AreaUrl(Id, "A07_PRIVATE_COMPULSORY");
        var area = await official.GetDocumentAsync(areaUrl);

        var panel = area.QuerySelector("details.evidence-panel[data-evidence-for='A07.07']")!;
        Assert.Null(panel.GetAttribute("open"));
        Assert.Contains("佐证材料 1 份，1 份不充分", panel.QuerySelector("summary")!.TextContent);
        Assert.Contains("督导评定：不充分：名单未加盖公章", panel.QuerySelector($"li[data-file='{piece.Id}']")!.TextContent);
        // Without script: the links open the evidence page, told to come back to this row.
        var attach = panel.QuerySelector("a.evidence-panel-nojs[href*='#upload']")!.GetAttribute("href")!;
        var rowUrl = panel.GetAttribute("data-row-url")!;
        Assert.StartsWith($"{areaUrl}#row-", rowUrl, StringComparison.Ordinal);
        Assert.Contains("returnUrl=" + Uri.EscapeDataString(rowUrl), attach, StringComparison.Ordinal);
        Assert.NotNull(panel.QuerySelector($"a.evidence-panel-nojs[href*='#replace-{piece.Id}']"));

        var evidencePage = await official.GetDocumentAsync(attach);
        Assert.Equal(rowUrl, evidencePage.QuerySelector("#back-to-row")!.GetAttribute("href"));
        var uploaded = await official.PostFilesAsync(evidencePage, "#upload-form", new Dictionary<string, string>(), ("files", "学校名单.docx", Fixture("notice.docx")));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal(rowUrl, uploaded.Headers.Location!.OriginalString);

        var back = await official.GetDocumentAsync(rowUrl);
        var open = back.QuerySelector("details.evidence-panel[data-evidence-for='A07.07']")!;
        Assert.NotNull(open.GetAttribute("open"));
        Assert.Equal("已上传 1 个文件：学校名单。", open.QuerySelector(".evidence-panel-saved")!.TextContent);
        Assert.Equal(2, open.QuerySelectorAll("li.evidence-panel-piece").Length);
        Assert.Null(back.QuerySelector("details.evidence-panel[data-evidence-for='A07.06'] .evidence-panel-saved")); // only its own row
        Assert.Null((await official.GetDocumentAsync(rowUrl)).QuerySelector(".evidence-panel-saved")); // said once

        // A partly refused batch: the page names each refused file and keeps the way back; the stored one is in the list.
        var partly = await official.PostFilesAsync(await official.GetDocumentAsync(attach), "#upload-form", new Dictionary<string, string>(),
            ("files", "表格.xlsx", Fixture("table.xlsx")), ("files", "假文件.pdf", "MZ\u0090\0 not a pdf"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, partly.StatusCode);
        var refusedPage = await PortalClient.ParseAsync(partly);
        Assert.Contains("假文件.pdf", refusedPage.QuerySelector("#evidence-errors")!.TextContent);
        Assert.Equal(rowUrl, refusedPage.QuerySelector("#back-to-row")!.GetAttribute("href"));
        Assert.Contains("表格", refusedPage.QuerySelector("#evidence-pieces")!.TextContent);

        // A return address that leaves the portal is ignored.
        var foreign = await official.GetDocumentAsync($"{Url}?field=A07.07&returnUrl={Uri.EscapeDataString("https://example.org/")}");
        Assert.Null(foreign.QuerySelector("#back-to-row"));
        Assert.Null(foreign.QuerySelector("#upload-form input[name='ReturnUrl']"));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteEvidenceReplaceTests(SqlitePortalFactory factory) : EvidenceReplaceTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresEvidenceReplaceTests(PostgresPortalFactory factory) : EvidenceReplaceTests<PostgresPortalFactory>(factory);
