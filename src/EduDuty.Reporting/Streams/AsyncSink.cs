namespace EduDuty.Reporting.Streams;

/// <summary>
/// .NET 10's ZipArchive still writes an entry's data descriptor and the central directory with synchronous writes, which
/// the server's response refuses: those few bytes are held here and sent with the next asynchronous write.
/// </summary>
public sealed class AsyncSink(Stream output) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _written;
    private bool _discarding;

    /// <summary>
    /// Sends nothing more: what the archive still writes on its way out (its central directory) is dropped, so that a download
    /// stopped part way is not made to look complete, and a response not yet started stays free for an error page.
    /// </summary>
    public void Discard()
    {
        _discarding = true;
        _pending.SetLength(0);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_discarding) return;
        _pending.Write(buffer, offset, count);
        _written += count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_discarding) return;
        await SendPendingAsync(cancellationToken);
        await output.WriteAsync(buffer, cancellationToken);
        _written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_discarding) return;
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
