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
    public static CacheSignalTransport For(DatabaseSettings database, ILogger logger, Action<CacheChange> apply, TimeSpan heartbeat) => database.Provider switch
    {
        DatabaseProvider.Postgres => new PostgresSignals(database.ConnectionString, logger, apply, heartbeat),
        _ => SqliteSignals.Create(database.ConnectionString, apply),
    };

    /// <summary>Brings this instance up to date with the others; false while the cache may not be trusted.</summary>
    public abstract bool Sync();

    public abstract Task SendAsync(IReadOnlyCollection<CacheChange> changes, CancellationToken cancellationToken);

    /// <summary>Tests only: signals of this instance are lost on their way (a NOTIFY that fails, a signal write that never lands).</summary>
    internal bool Suppressed { get; set; }

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
    private readonly Lock _gate = new();
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
        // Clear first, then record the value as seen, under one lock: a request that finds the value seen finds the cache
        // cleared too (the other order let it read an entry the clearing was about to drop).
        lock (_gate)
        {
            if (now != Interlocked.Read(ref _seen))
            {
                _apply(CacheChange.All);
                Interlocked.Exchange(ref _seen, now);
            }
        }

        return true;
    }

    public override Task SendAsync(IReadOnlyCollection<CacheChange> changes, CancellationToken cancellationToken)
    {
        if (Suppressed) return Task.CompletedTask;
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
/// <c>pg_notify</c> after its commit, and the announcing instance answers only when its own listener has heard it and every
/// other live instance has acknowledged it (each acknowledges after it has applied the change, so the change shows on that
/// instance's very next request; PostgreSQL queuing it for every listener is not enough, a listener may not have read it yet).
/// The live instances are those whose heartbeat was heard lately; one that stops says goodbye. An instance that does not
/// acknowledge within <see cref="EchoWait"/> is not waited for longer (its own heartbeat check turns its cache off if its
/// listener is the problem). Every instance proves its own listener alive with a heartbeat: it
/// NOTIFYs itself on the listening connection every <see cref="_heartbeat"/> and uses no cache once its own heartbeat has not
/// come back within twice that (a dead or half-open connection stops the cache within seconds, not at TCP keep-alive's pace).
/// A change whose NOTIFY fails after its commit is sent again in the background until it goes through, and until then this
/// instance uses no cache. While the listener is down the cache is not used; when it is back the cache starts empty (what was
/// missed meanwhile is unknown). The maximum age of every entry (<see cref="InstanceCache"/>) bounds whatever is left.
/// </summary>
internal sealed class PostgresSignals : CacheSignalTransport
{
    public const string Channel = "eduduty_cache";

    /// <summary>The application name of the listening connection and of the pooled sending connections (pg_stat_activity).</summary>
    public const string ListenerName = "eduduty-cache-listener", SenderName = "eduduty-cache-sender";

    private const string HeartbeatKind = "h:", EchoKind = "e:", AckKind = "a:", ByeKind = "b:";
    private static readonly TimeSpan EchoWait = TimeSpan.FromSeconds(2);

    private readonly string _listenConnectionString;
    private readonly NpgsqlDataSource _senders;
    // Acknowledgements and answered heartbeats go through a pool of their own, at most MaxLinesInFlight at a time, so that a
    // flood of made-up echoes on the channel (any database role may NOTIFY) can neither queue a change's own NOTIFY behind
    // them nor pile up tasks (attacker's review, issue 28's next session).
    private readonly NpgsqlDataSource _lineSenders;
    private const int MaxLinesInFlight = 8;
    private int _linesInFlight;
    private readonly ILogger _logger;
    private readonly Action<CacheChange> _apply;
    private readonly TimeSpan _heartbeat;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _stop = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EchoWaiter> _echoes = new();
    // The other instances on this database: instance id → Environment.TickCount64 when its heartbeat was last heard.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _peers = new();
    private readonly Lock _gate = new();
    private readonly List<CacheChange> _unsent = [];
    private (Task Loop, CancellationTokenSource Stop)? _listener;
    private Task? _retrying;
    private volatile bool _live;
    private volatile int _unsentCount;
    private long _heardAt; // Environment.TickCount64 when this instance's own heartbeat (or LISTEN) last came back
    private long _beatBackAt; // when this instance last answered a new instance's heartbeat with its own

    public PostgresSignals(string connectionString, ILogger logger, Action<CacheChange> apply, TimeSpan heartbeat)
    {
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false, KeepAlive = 15, ApplicationName = ListenerName,
            CommandTimeout = Math.Max(1, (int)Math.Ceiling(heartbeat.TotalSeconds * 2)),
        }.ConnectionString;
        _senders = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = true, MaxPoolSize = 4, ApplicationName = SenderName,
        });
        _lineSenders = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = true, MaxPoolSize = 2, ApplicationName = SenderName, Timeout = 2,
        });
        _logger = logger;
        _apply = apply;
        _heartbeat = heartbeat;
    }

    /// <summary>Tests only: the listener stops sending its heartbeat (as if its connection were half-open).</summary>
    internal bool HeartbeatPaused { get; set; }

    /// <summary>Tests only: the other instances this one would wait for now (heard lately), and how many it remembers.</summary>
    internal (int Live, int Known) Peers => (LivePeers().Length, _peers.Count);

    /// <summary>Tests only: the backend process of the current listening connection, 0 while there is none.</summary>
    internal int ListenerProcessId => Volatile.Read(ref _listenerProcessId);

    // Written by the listen loop that owns the connection only: a stopped loop clears it only if it is still its own, so
    // a restart's old loop, ending after the new one has connected, cannot blank the new one's (the test hooks read it).
    private int _listenerProcessId;

    public override bool Sync()
    {
        EnsureStarted();
        return _live && _unsentCount == 0 && Environment.TickCount64 - Interlocked.Read(ref _heardAt) <= 2 * (long)_heartbeat.TotalMilliseconds;
    }

    public override async Task SendAsync(IReadOnlyCollection<CacheChange> changes, CancellationToken cancellationToken)
    {
        EnsureStarted();
        lock (_gate)
        {
            if (_unsentCount > 0)
            {
                // Earlier changes are still waiting: these go after them, in order.
                Queue(changes);
                return;
            }
        }

        var echo = Guid.NewGuid().ToString("N");
        var waiting = new EchoWaiter(LivePeers());
        _echoes[echo] = waiting;
        try
        {
            try
            {
                await NotifyAsync(changes, echo, CancellationToken.None);
            }
            catch (Exception e)
            {
                // The change itself is committed; only the signal failed. Until it goes through, this instance uses no cache;
                // the others drop the entry at its maximum age at the latest, or when their own listener fails.
                _logger.LogWarning(e, "The cache signal was not sent; it is sent again in the background and the cache stays off until then.");
                lock (_gate) Queue(changes);
                return;
            }

            if (!_live) return;
            try
            {
                await waiting.Done.Task.WaitAsync(EchoWait, cancellationToken);
            }
            catch (TimeoutException) when (!waiting.HeardOwn)
            {
                // Sent (every working listener has it), but this instance's own listener did not hear it: start it afresh.
                _logger.LogWarning("The cache signal was not heard back within {Seconds} s; the listener starts afresh and the cache stays off until it is back.", EchoWait.TotalSeconds);
                RestartListener();
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("{Count} other instance(s) did not acknowledge a cache signal within {Seconds} s; not waited for longer.", waiting.Pending, EchoWait.TotalSeconds);
            }
        }
        finally
        {
            _echoes.TryRemove(echo, out _);
        }
    }

    // Under _gate.
    private void Queue(IEnumerable<CacheChange> changes)
    {
        _unsent.AddRange(changes);
        _unsentCount = _unsent.Count;
        _apply(CacheChange.All);
        _retrying ??= Task.Run(RetryAsync);
    }

    private async Task RetryAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
                CacheChange[] batch;
                lock (_gate) batch = [.. _unsent];
                await NotifyAsync(batch, null, _stop.Token);
                lock (_gate)
                {
                    _unsent.RemoveRange(0, batch.Length);
                    _unsentCount = _unsent.Count;
                    if (_unsentCount == 0)
                    {
                        _retrying = null;
                        _apply(CacheChange.All);
                        _logger.LogInformation("The cache signals that had failed are sent; the cache is on again.");
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogDebug(e, "The cache signal is still not sent.");
            }
        }
    }

    private async Task NotifyAsync(IReadOnlyCollection<CacheChange> changes, string? echo, CancellationToken cancellationToken)
    {
        if (Suppressed) throw new NpgsqlException("The cache signal is suppressed (a test).");
        await using var connection = await _senders.OpenConnectionAsync(cancellationToken);
        // A payload is at most 8000 bytes: send the changes in parts, the echo last.
        var lines = changes.Select(c => c.ToString());
        if (echo is not null) lines = lines.Append(EchoKind + echo);
        await using var command = new NpgsqlCommand(
            "SELECT pg_notify(@channel, p) FROM unnest(@parts) WITH ORDINALITY AS t(p, i) ORDER BY i", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("parts", Chunk(lines).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
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
        if (_listener is not null) return;
        lock (_gate)
        {
            if (_listener is null) StartListener();
        }
    }

    /// <summary>Stops the current listener (its connection is closed as its loop ends) and starts a new one.</summary>
    internal void RestartListener()
    {
        lock (_gate)
        {
            Down();
            if (_listener is { } old)
            {
                old.Stop.Cancel();
                _ = old.Loop.ContinueWith(_ => old.Stop.Dispose(), TaskScheduler.Default);
            }

            if (!_stop.IsCancellationRequested) StartListener();
        }
    }

    // Under _gate.
    private void StartListener()
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _listener = (Task.Run(() => ListenAsync(stop.Token)), stop);
    }

    private void Down()
    {
        _live = false;
        _apply(CacheChange.All);
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        var own = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_listenConnectionString);
                await connection.OpenAsync(stop);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection)) await listen.ExecuteNonQueryAsync(stop);
                own = connection.ProcessID;
                Volatile.Write(ref _listenerProcessId, own);
                _apply(CacheChange.All); // whatever happened before listening is unknown
                Interlocked.Exchange(ref _heardAt, Environment.TickCount64);
                _live = true;
                var sentAt = long.MinValue / 2;
                while (true)
                {
                    var now = Environment.TickCount64;
                    if (now - Interlocked.Read(ref _heardAt) > 2 * (long)_heartbeat.TotalMilliseconds)
                        throw new TimeoutException("The listener's own heartbeat did not come back.");
                    if (now - sentAt >= (long)_heartbeat.TotalMilliseconds)
                    {
                        sentAt = now;
                        if (!HeartbeatPaused)
                        {
                            await NotifyLineAsync(connection, HeartbeatKind + _instance, stop);
                        }
                    }

                    var left = _heartbeat - TimeSpan.FromMilliseconds(Environment.TickCount64 - sentAt);
                    if (left > TimeSpan.Zero) await connection.WaitAsync(left, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref _listenerProcessId, 0, own);
                return;
            }
            catch (Exception e)
            {
                if (_live) _logger.LogWarning(e, "The cache signal listener lost its connection; the cache is off until it is back.");
                Down();
                Interlocked.CompareExchange(ref _listenerProcessId, 0, own);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private const int MaxPeers = 256;

    private void ForgetSilentPeers()
    {
        var now = Environment.TickCount64;
        var window = 2 * (long)_heartbeat.TotalMilliseconds + 1000;
        foreach (var (instance, at) in _peers)
        {
            if (now - at > window) _peers.TryRemove(instance, out _);
        }

        // Still too many live ones (a flood of made-up heartbeats): wait for none of them rather than grow.
        if (_peers.Count > MaxPeers) _peers.Clear();
    }

    private string[] LivePeers()
    {
        var now = Environment.TickCount64;
        var window = 2 * (long)_heartbeat.TotalMilliseconds + 1000;
        return [.. _peers.Where(p => now - p.Value <= window).Select(p => p.Key)];
    }

    private void Heard(string payload)
    {
        foreach (var line in payload.Split('\n'))
        {
            try
            {
                HeardLine(line);
            }
            catch (Exception)
            {
                // Whatever a line did, the rest of the payload is still read, and the safe side is an empty cache.
                _apply(CacheChange.All);
            }
        }
    }

    private void HeardLine(string line)
    {
        if (line.StartsWith(EchoKind, StringComparison.Ordinal))
        {
            // The last line of a change: this instance's own comes back; another's is acknowledged, now that the lines
            // before it are applied.
            var echo = line[2..];
            if (_echoes.TryGetValue(echo, out var waiting)) waiting.Heard(null);
            else if (IsEcho(echo)) _ = AcknowledgeAsync(echo);
        }
        else if (line.StartsWith(AckKind, StringComparison.Ordinal))
        {
            // a:<echo>:<instance>
            var parts = line[2..].Split(':');
            if (parts.Length == 2 && _echoes.TryGetValue(parts[0], out var waiting)) waiting.Heard(parts[1]);
        }
        else if (line.StartsWith(HeartbeatKind, StringComparison.Ordinal))
        {
            var instance = line[2..];
            if (instance == _instance) Interlocked.Exchange(ref _heardAt, Environment.TickCount64);
            else if (instance.Length <= 64)
            {
                // A new instance is answered with this one's heartbeat at once (at most every quarter second), so that it
                // knows whom to wait for from its first change on, not from their next heartbeat.
                var now = Environment.TickCount64;
                if (_peers.TryAdd(instance, now) && now - Interlocked.Read(ref _beatBackAt) > 250)
                {
                    Interlocked.Exchange(ref _beatBackAt, now);
                    _ = SendLineAsync(HeartbeatKind + _instance);
                }

                _peers[instance] = now;
                // Bounded: any database role may NOTIFY on the channel, so instances long silent are forgotten.
                if (_peers.Count > MaxPeers) ForgetSilentPeers();
            }
        }
        else if (line.StartsWith(ByeKind, StringComparison.Ordinal))
        {
            var instance = line[2..];
            _peers.TryRemove(instance, out _);
            foreach (var waiting in _echoes.Values) waiting.Heard(instance);
        }
        else if (CacheChange.Parse(line) is { } change)
        {
            // A kind this version does not know (or a payload any database role may send) drops everything: safe side.
            _apply(change);
        }
        else
        {
            _apply(CacheChange.All);
        }
    }

    private Task AcknowledgeAsync(string echo) => SendLineAsync(AckKind + echo + ":" + _instance);

    // One line on the channel, from the pool; a failure only logged (an acknowledgement is waited for at most EchoWait, a
    // heartbeat comes again).
    private async Task SendLineAsync(string line)
    {
        if (Interlocked.Increment(ref _linesInFlight) > MaxLinesInFlight)
        {
            // Dropped: a sender waits for an acknowledgement at most EchoWait, a heartbeat comes again.
            Interlocked.Decrement(ref _linesInFlight);
            return;
        }

        try
        {
            await using var connection = await _lineSenders.OpenConnectionAsync(_stop.Token);
            await NotifyLineAsync(connection, line, _stop.Token);
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "A cache signal line was not sent.");
        }
        finally
        {
            Interlocked.Decrement(ref _linesInFlight);
        }
    }

    // One protocol line on the channel (a heartbeat, an acknowledgement, a goodbye); changes go in parts by NotifyAsync.
    private static async Task NotifyLineAsync(NpgsqlConnection connection, string line, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @line)", connection);
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("line", line);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // What this class sends as an echo: Guid "N", 32 lowercase hexadecimal digits.
    private static bool IsEcho(string text) => text.Length == 32 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public override async ValueTask DisposeAsync()
    {
        try
        {
            // Goodbye: no instance waits for this one's acknowledgements any longer.
            await using var connection = await _senders.OpenConnectionAsync(CancellationToken.None);
            await NotifyLineAsync(connection, ByeKind + _instance, CancellationToken.None);
        }
        catch (Exception)
        {
            // The others stop waiting for it when its heartbeat is not heard.
        }

        await _stop.CancelAsync();
        Task?[] loops;
        lock (_gate) loops = [_listener?.Loop, _retrying];
        foreach (var loop in loops)
        {
            if (loop is null) continue;
            try
            {
                await loop;
            }
            catch (Exception)
            {
                // stopping
            }
        }

        _listener?.Stop.Dispose();
        await _senders.DisposeAsync();
        await _lineSenders.DisposeAsync();
        _stop.Dispose();
    }
}

/// <summary>One change sent by this instance, waiting for its own listener and for every other live instance.</summary>
internal sealed class EchoWaiter(IEnumerable<string> peers)
{
    private readonly HashSet<string> _pending = [.. peers];
    private bool _own;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool HeardOwn { get { lock (_pending) return _own; } }

    public int Pending { get { lock (_pending) return _pending.Count; } }

    /// <summary>Its own echo (null) or another instance's acknowledgement (or goodbye).</summary>
    public void Heard(string? instance)
    {
        lock (_pending)
        {
            if (instance is null) _own = true;
            else _pending.Remove(instance);
            if (_own && _pending.Count == 0) Done.TrySetResult();
        }
    }
}
