using System.Text.Json;

namespace EduDuty.Application.Exports;

/// <summary>
/// Newline-delimited JSON (application/x-ndjson, issue 29): one JSON object per line, written as the items come and flushed
/// every <see cref="FlushEvery"/> items, so a client reads the first counties while the last are still being read and the
/// writer holds one item and a bounded buffer — never the whole list.
/// </summary>
public static class NdjsonFile
{
    public const string MediaType = "application/x-ndjson";

    /// <summary>Items between two flushes to the client.</summary>
    public const int FlushEvery = 64;

    private static readonly byte[] NewLine = [(byte)'\n'];

    public static async Task<long> WriteAsync<T>(Stream output, IAsyncEnumerable<T> items, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        var count = 0L;
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            // Asynchronously: a response body allows no synchronous write (Serialize into a writer on the stream would flush so).
            await JsonSerializer.SerializeAsync(output, item, options, cancellationToken);
            await output.WriteAsync(NewLine, cancellationToken);
            if (++count % FlushEvery == 0) await output.FlushAsync(cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
        return count;
    }
}
