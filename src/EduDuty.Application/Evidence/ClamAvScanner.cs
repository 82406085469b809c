using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Evidence;

/// <summary>
/// Where a ClamAV daemon listens, from configuration: <c>Evidence:ClamAv:Socket</c> (a Unix socket's path) or
/// <c>Evidence:ClamAv:Host</c> with <c>Evidence:ClamAv:Port</c> (default 3310), and <c>Evidence:ClamAv:TimeoutSeconds</c>
/// for one file (default 60). Neither set: no virus check.
/// </summary>
public sealed record ClamAvOptions(string? Socket, string? Host, int Port, TimeSpan Timeout)
{
    public static readonly ClamAvOptions None = new(null, null, 3310, TimeSpan.FromSeconds(60));

    public bool Configured => Socket is not null || Host is not null;

    public static ClamAvOptions FromConfiguration(IConfiguration configuration) => new(
        Text(configuration["Evidence:ClamAv:Socket"]),
        Text(configuration["Evidence:ClamAv:Host"]),
        Number(configuration["Evidence:ClamAv:Port"]) is { } port and <= 65535 ? port : 3310,
        TimeSpan.FromSeconds(Number(configuration["Evidence:ClamAv:TimeoutSeconds"]) ?? 60));

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? Number(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
}

/// <summary>What the daemon said of one file.</summary>
public enum VirusVerdict
{
    /// <summary>Nothing found, or no daemon configured.</summary>
    Clean,

    /// <summary>A signature matched: <see cref="VirusScan.Signature"/> names it.</summary>
    Infected,

    /// <summary>The daemon is configured but could not answer (not running, timed out, refused the size): the upload is refused.</summary>
    Unavailable,
}

public sealed record VirusScan(VirusVerdict Verdict, string? Signature = null);

/// <summary>
/// Asks a ClamAV daemon (clamd) about one file with its INSTREAM command: the content in chunks of a length (four bytes,
/// big-endian) and the bytes, ended by a zero length; the answer is "stream: OK" or "stream: &lt;signature&gt; FOUND". When
/// the daemon is configured and cannot answer, the verdict is <see cref="VirusVerdict.Unavailable"/> (fail closed), logged
/// with the reason; clamd's StreamMaxLength must be at least the evidence size limit (docs/operations.md).
/// </summary>
public sealed class ClamAvScanner(ClamAvOptions options, ILogger<ClamAvScanner> logger)
{
    private const int ChunkBytes = 64 * 1024;

    public bool Configured => options.Configured;

    public async Task<VirusScan> ScanAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        if (!options.Configured) return new(VirusVerdict.Clean);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        string reply;
        try
        {
            reply = await AskAsync(content, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogError(ex, "Virus check unavailable for {File}: clamd at {Where} did not answer ({Reason})", fileName, Where, ex.Message);
            return new(VirusVerdict.Unavailable);
        }

        if (reply == "stream: OK") return new(VirusVerdict.Clean);
        if (reply.StartsWith("stream: ", StringComparison.Ordinal) && reply.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            var signature = reply["stream: ".Length..^" FOUND".Length];
            logger.LogWarning("Virus check refused {File}: clamd found {Signature}", fileName, signature);
            return new(VirusVerdict.Infected, signature);
        }

        logger.LogError("Virus check unavailable for {File}: clamd at {Where} answered {Reply}", fileName, Where, reply);
        return new(VirusVerdict.Unavailable);
    }

    private string Where => options.Socket ?? $"{options.Host}:{options.Port.ToString(CultureInfo.InvariantCulture)}";

    private async Task<string> AskAsync(Stream content, CancellationToken cancellationToken)
    {
        using var socket = options.Socket is not null
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        EndPoint endPoint = options.Socket is { } path ? new UnixDomainSocketEndPoint(path) : new DnsEndPoint(options.Host!, options.Port);
        await socket.ConnectAsync(endPoint, cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);

        await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), cancellationToken);
        var buffer = new byte[4 + ChunkBytes];
        content.Position = 0;
        int read;
        while ((read = await content.ReadAsync(buffer.AsMemory(4, ChunkBytes), cancellationToken)) > 0)
        {
            BinaryPrimitives.WriteInt32BigEndian(buffer, read);
            await stream.WriteAsync(buffer.AsMemory(0, 4 + read), cancellationToken);
        }

        BinaryPrimitives.WriteInt32BigEndian(buffer, 0);
        await stream.WriteAsync(buffer.AsMemory(0, 4), cancellationToken);
        await stream.FlushAsync(cancellationToken);

        // The answer ends with a NUL (the z prefix) or with the connection; a few hundred bytes at most.
        var answer = new MemoryStream();
        while (answer.Length < 4096 && (read = await stream.ReadAsync(buffer.AsMemory(0, 512), cancellationToken)) > 0)
        {
            var end = Array.IndexOf(buffer, (byte)0, 0, read);
            answer.Write(buffer, 0, end >= 0 ? end : read);
            if (end >= 0) break;
        }

        return Encoding.UTF8.GetString(answer.ToArray()).Trim();
    }
}
