using EduDuty.Application.Demo;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Application.Evidence;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Application.Tests;

/// <summary>
/// An evaluation's evidence has a quota (2 GB by default; here 12,000 bytes): a file that would pass it is refused with
/// what is used and what is left to do, and stores nothing; the same content attached again costs nothing.
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

        Assert.True(first.Attached && again.Attached && second.Attached);
        Assert.False(third.Attached);
        // 6,547 + 4,283 bytes used (the PDF once), 9,216 more would pass 12,000.
        Assert.Equal("“通知.doc”未上传：本次评价的佐证材料总容量为 11.7 KB，已用 10.6 KB，放不下这个 9 KB 的文件。请删除不再需要的材料或压缩后再上传。", third.Refusal);
        Assert.Equal(3, await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceFiles.CountAsync(f => f.FileName.StartsWith("通知"))));
        Assert.Equal(2, await host.WithScopeAsync(s => s.GetRequiredService<EduDutyDbContext>().EvidenceBlobs.CountAsync()));
    }

    private Task<AttachResult> AttachAsync(string name, byte[] content) => host.WithScopeAsync(async s =>
    {
        var db = s.GetRequiredService<EduDutyDbContext>();
        var evaluation = await db.Evaluations.Where(e => e.County.Code == "140828").Select(e => e.Id).SingleAsync();
        var official = await db.Users.Where(u => u.UserName == "xiaxian.official").Select(u => new { u.Id, u.Region.Path }).SingleAsync();
        var actor = new Actor(official.Id, "夏县填报员", [Roles.CountyOfficial], official.Path);
        var workspace = await s.GetRequiredService<WorkspaceLoader>().LoadAsync(evaluation, actor, CancellationToken.None);
        var attach = new AttachEvidence(s.GetRequiredService<ContentWriter>(), db, new EvidenceOptions(MaxFileBytes: 1 << 20, QuotaBytes: 12_000));
        return await attach.HandleAsync(workspace!, new EvidenceTarget("A07_PRIVATE_COMPULSORY", "A07.07"), new EvidenceUpload(name, new MemoryStream(content)),
            new EvidenceDetails(null, null, null), actor, CancellationToken.None);
    });
}

public sealed class SqliteEvidenceQuotaTests(SqliteApplicationHost host) : EvidenceQuotaTests<SqliteApplicationHost>(host);

public sealed class PostgresEvidenceQuotaTests(PostgresApplicationHost host) : EvidenceQuotaTests<PostgresApplicationHost>(host);
