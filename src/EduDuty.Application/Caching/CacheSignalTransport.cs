using System.IO.MemoryMappedFiles;
using System.Security.Cryptography;
using EduDuty.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EduDuty.Application.Caching;

/// <summary>How the instances of one deployment tell each other what changed (decision 0046).</summary>
internal abstract class CacheSignalTransport : IAsyncDisposable
{
    public static CacheSignalTransport For(DatabaseSettings database, ILogger logger, Action<CacheChange> apply) => database.Provider switch
    {
        DatabaseProvider.Postgres => new PostgresSignals(database.ConnectionString, logger, apply),
        _ => SqliteSignals.Create(database.ConnectionString, apply),
    };

    /// <summary>Brings this instance up to date with the others; false while the cache may not be trusted.</summary>
    public abstract bool Sync();

    public abstract Task SendAsync(IReadOnlyCollection<CacheChange> changes, CancellationToken cancellationToken);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// SQLite: the instances sharing a database file run on one machine, so they share eight bytes of memory too — a file beside
/// the database (<c>eduduty.db.cache-signal</c>) mapped into every instance. A change writes a new random value there after it
/// is committed; an instance that finds a value other than the one it last saw drops its whole cache. Reading it is a memory
/// read on every request: no statement, no system call, and as instant as the write. (An in-memory database has no other
/// instance.)
/// </summary>
internal sealed class SqliteSignals : CacheSignalTransport
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly Action<CacheChange> _apply;
    private long _seen;

    private SqliteSignals(string? path, Action<CacheChange> apply)
    {
        _apply = apply;
        if (path is null) return;
        using (var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            if (stream.Length < 8) stream.SetLength(8);
        }

        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 8, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, 8, MemoryMappedFileAccess.ReadWrite);
        _seen = _view.ReadInt64(0);
    }

    public static SqliteSignals Create(string connectionString, Action<CacheChange> apply)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:";
        return new SqliteSignals(inMemory ? null : Path.GetFullPath(source) + ".cache-signal", apply);
    }

    public override bool Sync()
    {
        if (_view is null) return true;
        var now = _view.ReadInt64(0); // eight aligned bytes: read and written whole
        if (now == Interlocked.Read(ref _seen)) return true;
        Interlocked.Exchange(ref _seen, now);
        _apply(CacheChange.All);
        return true;
    }

    public override Task SendAsync(IReadOnlyCollection<CacheChange> changes, CancellationToken cancellationToken)
    {
        // Random, not incremented: two instances writing at once still leave a value no instance has seen.
        _view?.Write(0, BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)));
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        _view?.Dispose();
        _file?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// PostgreSQL: one listening connection per instance (<c>LISTEN eduduty_cache</c>); a change is announced with
/// <c>pg_notify</c> after its commit, and the announcing instance waits until its own listener has heard it (PostgreSQL then
/// has delivered it to every listener) before it answers, so the user's next request finds every instance told. While the
/// listener is down the cache is not used; when it is back the cache starts empty (what was missed meanwhile is unknown).
/// </summary>
internal sealed class PostgresSignals : CacheSignalTransport
{
    public const string Channel = "eduduty_cache";
    private static readonly TimeSpan EchoWait = TimeSpan.FromSeconds(2);

    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly Action<CacheChange> _apply;
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _echoes = new();
    private readonly Lock _startGate = new();
    private Task? _loop;
    private volatile bool _live;

    public PostgresSignals(string connectionString, ILogger logger, Action<CacheChange> apply)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 15 };
        _connectionString = builder.ConnectionString;
        _logger = logger;
        _apply = apply;
    }

    public override bool Sync()
    {
        EnsureStarted();
        return _live;
    }

    public override async Task SendAsync(IReadOnlyCollection<CacheChange> changes, CancellationToken cancellationToken)
    {
        EnsureStarted();
        var echo = Guid.NewGuid().ToString("N");
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _echoes[echo] = waiting;
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            // A payload is at most 8000 bytes: send the changes in parts, the echo last.
            var parts = Chunk(changes.Select(c => c.ToString()).Append("e:" + echo));
            await using var command = new NpgsqlCommand(
                "SELECT pg_notify(@channel, p) FROM unnest(@parts) WITH ORDINALITY AS t(p, i) ORDER BY i", connection);
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("parts", parts.ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
            if (_live) await waiting.Task.WaitAsync(EchoWait, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change itself is committed; only the signal failed. This instance stops trusting its cache, and so does any
            // other whose listener missed the signal because its connection is gone.
            _logger.LogWarning(e, "The cache signal was not sent or not heard back within {Seconds} s; the cache stays off until the listener is back.", EchoWait.TotalSeconds);
            Down();
            _loop = null;
        }
        finally
        {
            _echoes.TryRemove(echo, out _);
        }
    }

    private static IEnumerable<string> Chunk(IEnumerable<string> lines)
    {
        var part = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (part.Length > 0 && part.Length + line.Length + 1 > 7000)
            {
                yield return part.ToString();
                part.Clear();
            }

            if (part.Length > 0) part.Append('\n');
            part.Append(line);
        }

        if (part.Length > 0) yield return part.ToString();
    }

    private void EnsureStarted()
    {
        if (_loop is not null) return;
        lock (_startGate) _loop ??= Task.Run(ListenAsync);
    }

    private void Down()
    {
        _live = false;
        _apply(CacheChange.All);
    }

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(_stop.Token);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(_stop.Token);
                _apply(CacheChange.All); // whatever happened before listening is unknown
                _live = true;
                while (!_stop.IsCancellationRequested) await connection.WaitAsync(_stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (_live) _logger.LogWarning(e, "The cache signal listener lost its connection; the cache is off until it is back.");
                Down();
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Heard(string payload)
    {
        foreach (var line in payload.Split('\n'))
        {
            if (line.StartsWith("e:", StringComparison.Ordinal))
            {
                if (_echoes.TryGetValue(line[2..], out var waiting)) waiting.TrySetResult();
            }
            else if (CacheChange.Parse(line) is { } change)
            {
                _apply(change);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (Exception)
            {
                // stopping
            }
        }

        _stop.Dispose();
    }
}
