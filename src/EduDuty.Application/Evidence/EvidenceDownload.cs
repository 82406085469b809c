using EduDuty.Application.Evaluations;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evidence;

/// <summary>
/// Reads an evidence file of an evaluation the user may see (the workspace is loaded by region scope; any other id is
/// null, which pages answer with 404). The content comes as a stream that fetches one stored piece at a time.
/// </summary>
public sealed class EvidenceDownload(EduDutyDbContext db)
{
    public async Task<(EvidenceFile File, Stream Content)?> OpenAsync(Workspace workspace, int fileId, CancellationToken cancellationToken)
    {
        var file = await db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.EvaluationId == workspace.Id, cancellationToken);
        return file is null ? null : (file, new ChunkStream(db, file.ContentHash, file.Length));
    }

    /// <summary>A forward-only stream over a blob's pieces, each fetched when the previous one is used up.</summary>
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
