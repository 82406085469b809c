using System.IO.Compression;
using EduDuty.Application.Evaluations;
using EduDuty.Data;
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
            .OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id).Select(f => new { f.Id, f.AreaKey, f.FileName, f.UploadedAtUtc }).ToListAsync(cancellationToken);
        var areas = workspace.Scheme.Areas.Select(a => (a.Key, Folder: $"{a.Number:00} {a.NameZh}")).ToDictionary(a => a.Key, a => a.Folder);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        var sink = new AsyncSink(output);
        await using (var archive = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            foreach (var file in files.OrderBy(f => f.AreaKey is null ? "" : areas.GetValueOrDefault(f.AreaKey, f.AreaKey), StringComparer.Ordinal))
            {
                var folder = file.AreaKey is null ? "00 评价整体" : areas.GetValueOrDefault(file.AreaKey, file.AreaKey);
                var name = Unique($"{folder}/{file.FileName}");
                var entry = archive.CreateEntry(name, CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(DateTime.SpecifyKind(file.UploadedAtUtc, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(8));
                if (await download.OpenAsync(workspace, file.Id, cancellationToken) is not var (_, content)) continue;
                await using var target = await entry.OpenAsync(cancellationToken);
                await content.CopyToAsync(target, EvidenceOptions.ChunkBytes, cancellationToken);
            }
        }

        await sink.FlushAsync(cancellationToken);

        // Two files of one name in one folder: the second is "名单 (2).pdf".
        string Unique(string path)
        {
            var candidate = path;
            for (var n = 2; !names.Add(candidate); n++)
                candidate = $"{Path.GetDirectoryName(path)}/{Path.GetFileNameWithoutExtension(path)} ({n}){Path.GetExtension(path)}";
            return candidate;
        }
    }

    /// <summary>
    /// .NET 10's ZipArchive still writes an entry's data descriptor and the central directory with synchronous writes, which
    /// the server's response refuses: those few bytes are held here and sent with the next asynchronous write.
    /// </summary>
    private sealed class AsyncSink(Stream output) : Stream
    {
        private readonly MemoryStream _pending = new();
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _pending.Write(buffer, offset, count);
            _written += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await SendPendingAsync(cancellationToken);
            await output.WriteAsync(buffer, cancellationToken);
            _written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async Task FlushAsync(CancellationToken cancellationToken)
        {
            await SendPendingAsync(cancellationToken);
            await output.FlushAsync(cancellationToken);
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _pending.Dispose();
            base.Dispose(disposing);
        }

        private async Task SendPendingAsync(CancellationToken cancellationToken)
        {
            if (_pending.Length == 0) return;
            await output.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            _pending.SetLength(0);
        }
    }
}
