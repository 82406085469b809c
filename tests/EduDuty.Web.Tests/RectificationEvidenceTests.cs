using System.Net;
using EduDuty.Core.Evidence;
using EduDuty.Core.Review;
using EduDuty.Data.Entities;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests;

/// <summary>
/// Issue 16: evidence of rectification. After 闻喜县 2021 is approved (and locked), the county attaches files to a task on 整改任务:
/// checked by content like every evidence file, stored once with the evaluation's own evidence, audited on the evaluation;
/// supervisors of the region read and download them, nobody else sees them; a removed file's bytes go only when nothing
/// else uses them.
/// </summary>
public abstract class RectificationEvidenceTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(EduDuty.Testing.RepositoryPaths.Fixture("evidence", name));

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static string Hash(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));

    [Fact]
    public async Task The_county_attaches_evidence_to_an_approved_evaluations_task_and_the_supervisor_reads_it()
    {
        var id = await Wenxi.EvaluationIdAsync(Factory);
        await Wenxi.SeedGoldenFiguresAsync(Factory, id);
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        // The notice is the evaluation's evidence too: its bytes are stored once and outlive the task's copy.
        await official.PostFilesAsync($"/Evaluations/{id}/Evidence", "#upload-form", new Dictionary<string, string> { ["Field"] = "" }, ("files", "会议通知.pdf", Fixture("notice.pdf")));
        await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, EvaluationStatus.Submitted)));
        var supervisor = await PortalClient.For(Factory).SignedInAsync("yuncheng.supervisor");
        await supervisor.SubmitAsync($"/Evaluations/{id}", "#approve-form", new Dictionary<string, string> { ["Requirements"] = "完善学校安全隐患台账" });
        Assert.Equal(EvaluationStatus.Approved, await Wenxi.StatusAsync(Factory, id));
        var task = await Factory.WithDbAsync(db => db.RectificationTasks.Where(t => t.EvaluationId == id).OrderBy(t => t.Number).FirstAsync());
        var attachForm = $"#task-{task.Id}-attach";

        // Two files in one go: each stored under its name, titled by it, audited with its hash on the evaluation.
        var attached = await official.PostFilesAsync("/Rectification", attachForm, new Dictionary<string, string>(),
            ("files", "整改通知.pdf", Fixture("notice.pdf")), ("files", "现场照片.png", Png));
        Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        var files = await Factory.WithDbAsync(db => db.RectificationEvidence.Where(f => f.TaskId == task.Id).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal([("整改通知", "整改通知.pdf", EvidenceKind.Pdf), ("现场照片", "现场照片.png", EvidenceKind.Png)], files.Select(f => (f.Title, f.FileName, f.Kind)));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.EvidenceBlobs.CountAsync(b => b.Hash == Hash(Fixture("notice.pdf")))));
        var audit = (await Wenxi.AuditAsync(Factory, id)).Where(a => a.Kind == AuditKind.Rectification).ToList();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(($"整改任务 {task.Number}", AuditSource.Rectification), (a.Target, a.Source)));
        Assert.StartsWith($"佐证材料：整改通知（整改通知.pdf，6.4 KB，SHA-256 {Hash(Fixture("notice.pdf"))}）", audit[0].NewValue);

        // A page that calls itself a PDF is refused by content, naming the file; nothing is stored.
        var fake = await official.PostFilesAsync("/Rectification", attachForm, new Dictionary<string, string>(), ("files", "整改报告.pdf", "<html><script>alert(1)</script></html>"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fake.StatusCode);
        Assert.StartsWith("“整改报告.pdf”含有网页或脚本代码", (await PortalClient.ParseAsync(fake)).QuerySelector("#rectification-refusal")!.TextContent.Trim());
        Assert.Equal(2, await Factory.WithDbAsync(db => db.RectificationEvidence.CountAsync()));

        // The supervisor sees them on the board and downloads them, but attaches nothing; another city's sees nothing.
        var board = await supervisor.GetDocumentAsync("/Rectification");
        var listed = board.QuerySelectorAll($"#task-{task.Id}-evidence li[data-file]");
        Assert.Equal(["整改通知", "现场照片"], listed.Select(li => li.QuerySelector(".fw-semibold")!.TextContent));
        Assert.Null(board.QuerySelector(".task-attach"));
        var download = await supervisor.Http.GetAsync($"/Rectification?handler=File&file={files[0].Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Fixture("notice.pdf"), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(("application/pdf", "attachment", "整改通知.pdf"), (download.Content.Headers.ContentType!.MediaType, download.Content.Headers.ContentDisposition!.DispositionType, download.Content.Headers.ContentDisposition.FileNameStar));
        Assert.Contains("sandbox", download.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var view = await supervisor.Http.GetAsync($"/Rectification?handler=File&file={files[1].Id}&view=true");
        Assert.Equal(("image/png", "inline"), (view.Content.Headers.ContentType!.MediaType, view.Content.Headers.ContentDisposition!.DispositionType));
        // The page offers the supervisor no upload; posted anyway (with the supervisor's own token), it is refused before its
        // body is read (issue 24), with the error page's 无权访问.
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(board.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(Png), "files", "照片.png" },
        };
        var refused = await supervisor.Http.PostAsync($"/Rectification?handler=Attach&task={task.Id}", upload);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("无权访问", await refused.Content.ReadAsStringAsync());
        var otherCity = await PortalClient.For(Factory).SignedInAsync("jincheng.supervisor");
        Assert.Equal(HttpStatusCode.NotFound, (await otherCity.Http.GetAsync($"/Rectification?handler=File&file={files[0].Id}")).StatusCode);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.RectificationEvidence.CountAsync()));

        // 2022's report names them under the task in 上年度问题整改情况.
        var admin = await PortalClient.For(Factory).SignedInAsync("shanxi.admin");
        await admin.SubmitAsync("/Admin/Years?Year=2022&Region=140800", "#open-year-form", new Dictionary<string, string>());
        var id2022 = await Factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == Wenxi.Code && e.Year == 2022).Select(e => e.Id).SingleAsync());
        Assert.Contains("佐证材料：整改通知、现场照片。", (await official.GetDocumentAsync($"/Evaluations/{id2022}/Report")).QuerySelector("#report-preview")!.TextContent);

        // Removing: the photo's bytes go with it; the notice's stay, the evaluation's own evidence uses them. Twice is a conflict.
        var loaded = await official.GetDocumentAsync("/Rectification");
        string RemoveForm(RectificationEvidence file) => $"#task-{task.Id}-evidence li[data-file='{file.Id}'] form";
        var removePhoto = await official.SubmitAsync(loaded, "/Rectification", RemoveForm(files[1]), new Dictionary<string, string>());
        var removeNotice = await official.SubmitAsync(loaded, "/Rectification", RemoveForm(files[0]), new Dictionary<string, string>());
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (removePhoto.StatusCode, removeNotice.StatusCode));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.RectificationEvidence.CountAsync()));
        Assert.Equal((0, 1), await Factory.WithDbAsync(async db =>
            (await db.EvidenceBlobs.CountAsync(b => b.Hash == Hash(Png)), await db.EvidenceBlobs.CountAsync(b => b.Hash == Hash(Fixture("notice.pdf"))))));
        var again = await official.SubmitAsync(loaded, "/Rectification", RemoveForm(files[1]), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var removed = (await Wenxi.AuditAsync(Factory, id)).Where(a => a.Kind == AuditKind.Rectification && a.NewValue is null).ToList();
        Assert.Equal(2, removed.Count);
        Assert.Contains(removed, a => a.OldValue!.StartsWith("佐证材料：现场照片（现场照片.png", StringComparison.Ordinal));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteRectificationEvidenceTests(SqlitePortalFactory factory) : RectificationEvidenceTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresRectificationEvidenceTests(PostgresPortalFactory factory) : RectificationEvidenceTests<PostgresPortalFactory>(factory);
