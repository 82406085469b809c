using EduDuty.Application.Demo;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Evidence;
using EduDuty.Application.Rectification;
using EduDuty.Core.Rectification;
using EduDuty.Data.Entities;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// An evaluation's evidence has a quota (2 GB by default; here 12,000 bytes): a file that would pass it is refused with
/// what is used and what is left to do, and stores nothing; the same content attached again costs nothing. Files attached to
/// the evaluation's rectification tasks count against the same quota.
/// </summary>
public abstract class EvidenceQuotaTests<THost>(THost host) : IClassFixture<THost>
    where THost : ApplicationHost
{
    [Fact]
    public async Task A_file_past_the_quota_is_refused_and_the_same_content_again_is_counted_once()
    {
        await host.WithScopeAsync(s => s.GetRequiredService<DemoData>().SeedAsync(prefillFigures: false));
        var pdf = await File.ReadAllBytesAsync(RepositoryPaths.Fixture("evidence", "notice.pdf")); // 6,547 bytes
        var docx = await File.ReadAllBytesAsync(RepositoryPaths.Fixture("evidence", "notice.docx")); // 4,283 bytes
        var doc = await File.ReadAllBytesAsync(RepositoryPaths.Fixture("evidence", "notice.doc")); // 9,216 bytes

        var first = await AttachAsync("通知.pdf", pdf);
        var again = await AttachAsync("通知（副本）.pdf", pdf);
        var second = await AttachAsync("通知.docx", docx);
        var third = await AttachAsync("通知.doc", doc);

        Assert.True(first.IsDone && again.IsDone && second.IsDone);
        Assert.Equal((OutcomeKind.Refused, "evidence-quota-full"), (third.Kind, third.Reason?.Code));
        // 6,547 + 4,283 bytes used (the PDF once), 9,216 more would pass 12,000.
        Assert.Equal("本次评价的佐证材料总容量为 11.7 KB，已用 10.6 KB，放不下这个 9 KB 的文件。请删除不再需要的材料或压缩后再上传。", third.Refusal);
        Assert.Equal(3, await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceFiles.CountAsync(f => f.FileName.StartsWith("通知"))));
        Assert.Equal(2, await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceBlobs.CountAsync()));

        // A rectification task of the same evaluation: the DOC does not fit there either; the PDF, stored already, does.
        var taskDoc = await AttachToTaskAsync("整改报告.doc", doc);
        var taskPdf = await AttachToTaskAsync("整改通知.pdf", pdf);
        Assert.Equal((false, "本次评价的佐证材料总容量为 11.7 KB，已用 10.6 KB，放不下这个 9 KB 的文件。请删除不再需要的材料或压缩后再上传。"), (taskDoc.IsDone, taskDoc.Refusal));
        Assert.True(taskPdf.IsDone, taskPdf.Refusal);
        Assert.Equal(["整改通知"], await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().RectificationEvidence.Select(f => f.Title).ToListAsync()));
        Assert.Equal(2, await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceBlobs.CountAsync()));

        // A 1,000-byte photo on the task fits (11,830 bytes used); then 200 bytes more for the evaluation do not, though
        // they would without the task's photo.
        var photo = await AttachToTaskAsync("现场照片.png", Png(1000));
        var more = await AttachAsync("照片.png", Png(200));
        Assert.True(photo.IsDone, photo.Refusal);
        Assert.Equal("本次评价的佐证材料总容量为 11.7 KB，已用 11.6 KB，放不下这个 200 字节 的文件。请删除不再需要的材料或压缩后再上传。", more.Refusal);
    }

    private static byte[] Png(int length) => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[length - 8]];

    private static EvidenceOptions Options => new(MaxFileBytes: 1 << 20, QuotaBytes: 12_000);

    private Task<Outcome<Unit>> AttachToTaskAsync(string name, byte[] content) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var evaluation = await db.Evaluations.Where(e => e.County.Code == "140828").Select(e => e.Id).SingleAsync();
        var task = await db.RectificationTasks.Where(t => t.EvaluationId == evaluation).Select(t => (int?)t.Id).SingleOrDefaultAsync();
        if (task is null)
        {
            var row = new RectificationTask { EvaluationId = evaluation, Number = 1, Source = RectificationSource.Supervisor, Problem = "完善学校安全隐患台账" };
            db.RectificationTasks.Add(row);
            await db.SaveChangesAsync();
            task = row.Id;
        }

        var actor = await OfficialAsync(db);
        var files = new RectificationEvidenceFiles(db, new EvidenceStore(db, Options), new EvidenceInspection(Options, s.GetRequiredService<ClamAvScanner>()), s.GetRequiredService<Writes.WriteExecutor>(), TimeProvider.System);
        return await files.AttachAsync(actor, task.Value, new EvidenceUpload(name, new MemoryStream(content)), null, CancellationToken.None);
    });

    private Task<Outcome<EvidenceFile>> AttachAsync(string name, byte[] content) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var evaluation = await db.Evaluations.Where(e => e.County.Code == "140828").Select(e => e.Id).SingleAsync();
        var actor = await OfficialAsync(db);
        var workspace = await s.GetRequiredService<WorkspaceLoader>().LoadAsync(evaluation, actor, CancellationToken.None);
        var attach = new AttachEvidence(s.GetRequiredService<ContentWriter>(), new EvidenceStore(db, Options), new EvidenceInspection(Options, s.GetRequiredService<ClamAvScanner>()));
        return await attach.HandleAsync(workspace!, new EvidenceTarget("A07_PRIVATE_COMPULSORY", "A07.07"), new EvidenceUpload(name, new MemoryStream(content)),
            new EvidenceDetails(null, null, null), actor, CancellationToken.None);
    });

    private static async Task<Actor> OfficialAsync(EduDutyDbContext db)
    {
        var official = await db.Users.Where(u => u.UserName == "xiaxian.official").Select(u => new { u.Id, u.Region.Path }).SingleAsync();
        return new Actor(official.Id, "夏县填报员", [Roles.CountyOfficial], official.Path);
    }
}

public sealed class SqliteEvidenceQuotaTests(SqliteApplicationHost host) : EvidenceQuotaTests<SqliteApplicationHost>(host);

public sealed class PostgresEvidenceQuotaTests(PostgresApplicationHost host) : EvidenceQuotaTests<PostgresApplicationHost>(host);
