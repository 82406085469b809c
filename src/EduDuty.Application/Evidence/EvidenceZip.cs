using System.IO.Compression;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Exports;
using EduDuty.Data;
using EduDuty.Reporting.Streams;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evidence;

/// <summary>
/// The whole evaluation's evidence as one ZIP, a folder per area ("00 评价整体", "07 规范民办义务教育发展情况"), written
/// straight to the response: one stored piece of one file in memory at a time, whatever the total. Files are stored, not
/// compressed again (PDFs, images and Office files are compressed already).
/// </summary>
public sealed class EvidenceZip(EduDutyDbContext db, EvidenceDownload download)
{
    public async Task<bool> AnyAsync(Workspace workspace, CancellationToken cancellationToken) =>
        await db.EvidenceFiles.AnyAsync(f => f.EvaluationId == workspace.Id, cancellationToken);

    public async Task WriteAsync(Workspace workspace, Stream output, CancellationToken cancellationToken)
    {
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => f.EvaluationId == workspace.Id)
            .OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id).Select(f => new { f.Id, f.AreaKey, f.FileName, f.Kind, f.UploadedAtUtc }).ToListAsync(cancellationToken);
        var areas = workspace.Scheme.Areas.Select(a => (a.Key, Folder: $"{a.Number:00} {a.NameZh}")).ToDictionary(a => a.Key, a => a.Folder);
        var names = new UniqueNames();

        var sink = new AsyncSink(output);
        await using (var archive = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            foreach (var file in files.OrderBy(f => f.AreaKey is null ? "" : areas.GetValueOrDefault(f.AreaKey, f.AreaKey), StringComparer.Ordinal))
            {
                var folder = file.AreaKey is null ? "00 评价整体" : areas.GetValueOrDefault(file.AreaKey, file.AreaKey);
                var name = names.Claim($"{folder}/{Core.Evidence.EvidenceFileName.ForDownload(file.FileName, file.Kind)}");
                var entry = archive.CreateEntry(name, CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(file.UploadedAtUtc, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(8));
                if (await download.OpenAsync(workspace, file.Id, cancellationToken) is not var (_, content)) continue;
                await using var target = await entry.OpenAsync(cancellationToken);
                await content.CopyToAsync(target, EvidenceOptions.ChunkBytes, cancellationToken);
            }
        }

        await sink.FlushAsync(cancellationToken);

    }
}
