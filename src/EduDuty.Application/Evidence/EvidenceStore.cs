using System.Security.Cryptography;
using EduDuty.Core.Evidence;
using EduDuty.Core.Messaging;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evidence;

/// <summary>
/// The stored bytes of evidence, shared by an evaluation's pieces (<see cref="EvidenceFile"/>) and its rectification tasks'
/// pieces (<see cref="RectificationEvidence"/>), and a scheme's official document (<see cref="SchemeRecord.DocumentHash"/>): once per content (SHA-256), in pieces of <see cref="EvidenceOptions.ChunkBytes"/>,
/// written and read a piece at a time; the quota counts both kinds of piece of an evaluation; content goes with the last piece
/// of either kind that names it. Nothing here saves on its own: callers run these inside their write on the executor
/// (<see cref="Writes.WriteExecutor"/>) and hand in its flush, so content stored for a piece that is then refused or fails is
/// rolled back with it.
/// </summary>
public sealed class EvidenceStore(EduDutyDbContext db, EvidenceOptions options)
{
    /// <summary>The content's SHA-256, lower-case hex (the key of its blob).</summary>
    public static async Task<string> HashAsync(Stream content, CancellationToken cancellationToken)
    {
        content.Position = 0;
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
    }

    /// <summary>
    /// Why a file of this content and length does not fit in the evaluation's quota, or null. Content the evaluation stores
    /// already costs nothing more. Ask while the evaluation is claimed (<see cref="Evaluations.Content.EvaluationClaim"/>), so
    /// that no other upload is counted between this answer and the commit.
    /// </summary>
    public async Task<Message?> QuotaRefusalAsync(int evaluationId, string hash, long length, CancellationToken cancellationToken)
    {
        var own = db.EvidenceFiles.Where(f => f.EvaluationId == evaluationId).Select(f => new { f.ContentHash, f.Length });
        var tasks = db.RectificationEvidence.Where(f => f.Task.EvaluationId == evaluationId).Select(f => new { f.ContentHash, f.Length });
        // Earlier versions of replaced pieces keep their bytes, so they count too (decision 0041).
        var versions = db.EvidenceFileVersions.Where(v => db.EvidenceFiles.Any(f => f.Id == v.EvidenceFileId && f.EvaluationId == evaluationId))
            .Select(v => new { v.ContentHash, v.Length });
        var stored = await own.Concat(tasks).Concat(versions).Distinct().ToListAsync(cancellationToken);
        var used = stored.Sum(f => f.Length);
        return stored.All(f => f.ContentHash != hash) && used + length > options.QuotaBytes
            ? Messages.EvidenceQuotaFull(Sizes.Of(options.QuotaBytes), Sizes.Of(used), Sizes.Of(length))
            : null;
    }

    /// <summary>
    /// Stages the content under its hash unless it is stored already: each piece is flushed into the write's transaction
    /// (<paramref name="flush"/>, the write's <c>FlushAsync</c>) and let go before the next is read, so a large file never sits
    /// in memory whole.
    /// </summary>
    public async Task StoreAsync(string hash, Stream content, DateTime nowUtc, Func<CancellationToken, Task> flush, CancellationToken cancellationToken)
    {
        if (await db.EvidenceBlobs.AnyAsync(b => b.Hash == hash, cancellationToken)) return;
        db.EvidenceBlobs.Add(new EvidenceBlob { Hash = hash, Length = content.Length, CreatedAtUtc = nowUtc });
        await flush(cancellationToken);

        content.Position = 0;
        var buffer = new byte[EvidenceOptions.ChunkBytes];
        for (var index = 0; ; index++)
        {
            var read = await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0) break;
            var chunk = new EvidenceChunk { Hash = hash, Index = index, Data = buffer[..read] };
            db.EvidenceChunks.Add(chunk);
            await flush(cancellationToken);
            db.Entry(chunk).State = EntityState.Detached;
        }
    }

    /// <summary>Deletes the content when no piece names it any more (call after the piece's row is deleted and flushed, in the same write).</summary>
    public async Task ReleaseAsync(string hash, CancellationToken cancellationToken)
    {
        if (await db.EvidenceFiles.AnyAsync(f => f.ContentHash == hash, cancellationToken)
            || await db.EvidenceFileVersions.AnyAsync(v => v.ContentHash == hash, cancellationToken)
            || await db.RectificationEvidence.AnyAsync(f => f.ContentHash == hash, cancellationToken)
            || await db.Schemes.AnyAsync(s => s.DocumentHash == hash, cancellationToken)) return;
        await db.EvidenceChunks.Where(c => c.Hash == hash).ExecuteDeleteAsync(cancellationToken);
        await db.EvidenceBlobs.Where(b => b.Hash == hash).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The content as a forward-only stream that fetches one stored piece at a time.</summary>
    public Stream Open(string hash, long length) => new ChunkStream(db, hash, length);

    private sealed class ChunkStream(EduDutyDbContext db, string hash, long length) : Stream
    {
        private byte[] _current = [];
        private int _offset;
        private int _next;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_offset == _current.Length)
            {
                if (_position >= length) return 0;
                var index = _next++;
                _current = await db.EvidenceChunks.AsNoTracking().Where(c => c.Hash == hash && c.Index == index).Select(c => c.Data).SingleAsync(cancellationToken);
                _offset = 0;
            }

            var count = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
