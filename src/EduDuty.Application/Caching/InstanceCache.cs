using System.Collections.Concurrent;
using EduDuty.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EduDuty.Application.Caching;

/// <summary>What changed, for the caches of every instance: a session (its key), a user (their sessions and unread count), a
/// user's messages (their unread count), or everything.</summary>
public readonly record struct CacheChange(char Kind, string Id)
{
    public const char SessionKind = 's';
    public const char UserKind = 'u';
    public const char UnreadKind = 'n';
    public const char AllKind = '*';

    public static CacheChange Session(string key) => new(SessionKind, key);

    public static CacheChange User(string userId) => new(UserKind, userId);

    public static CacheChange Unread(string userId) => new(UnreadKind, userId);

    public static readonly CacheChange All = new(AllKind, string.Empty);

    public override string ToString() => Kind + ":" + Id;

    public static CacheChange? Parse(string text) => text.Length >= 2 && text[1] == ':' ? new CacheChange(text[0], text[2..]) : null;
}

/// <summary>A session as <see cref="Security.Sessions.FindAsync"/> found it valid: what it needs to tell again, without a
/// query, that it still is (its expiry and sign-in time against the clock).</summary>
public sealed record CachedSession(string UserId, byte[] Ticket, DateTime CreatedAtUtc, DateTime? ExpiresAtUtc);

/// <summary>An API token as <see cref="Security.Tokens.AuthenticateApiToken"/> found it valid: who it is, and what it needs to
/// tell again, without a query, that it still is (its expiry and its user's lockout against the clock). Its last noted use is
/// kept beside it only to write that use at most once a minute.</summary>
public sealed record CachedApiToken(Security.Tokens.ApiTokenIdentity Identity, DateTime ExpiresAtUtc, bool LockoutEnabled, DateTimeOffset? LockoutEnd)
{
    public DateTime? LastUsedAtUtc { get; set; }
}

/// <summary>
/// What this instance keeps of the three things every signed-in request or API call reads (decision 0046): the session behind the cookie,
/// the user's unread-message count, and an API call's token (by its hash; decision 0049). An entry is dropped the moment its row may have changed, on every instance: the
/// instance that changes it publishes a <see cref="CacheChange"/> after the change is committed (<see cref="PublishAsync"/>),
/// and every instance drops what it names — on PostgreSQL through LISTEN/NOTIFY, on SQLite (instances on one machine)
/// through a shared memory-mapped file beside the database (<see cref="CacheSignalTransport"/>). While the signal path is not
/// working (a lost listening connection) nothing is served from the cache. A value read from the database is kept only if
/// nothing changed while it was read (<see cref="Begin"/>/<see cref="Generation"/>), so a late reader never puts back what a
/// change removed. Every entry also has a maximum age (<c>Cache:MaxAgeSeconds</c>, 30 s by default, on the portal's clock): a
/// backstop, so that no failure of the signal path keeps a session or a count longer than that.
/// </summary>
public sealed class InstanceCache : IAsyncDisposable, IDisposable
{
    /// <summary>Bounded: past this many entries the cache starts afresh (a memory ceiling, not an eviction policy).</summary>
    public const int MaxEntries = 20_000;

    /// <summary>The default of <c>Cache:MaxAgeSeconds</c>.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(30);

    /// <summary>The default of <c>Cache:HeartbeatSeconds</c> (PostgreSQL: how often the listener proves itself alive).</summary>
    public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (CachedSession Value, DateTimeOffset At)> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Value, DateTimeOffset At)> _unread = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (CachedApiToken Value, DateTimeOffset At)> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly CacheSignalTransport _transport;
    private readonly TimeProvider _clock;
    private long _generation;

    public InstanceCache(DatabaseSettings database, TimeProvider clock, IConfiguration? configuration = null, ILogger<InstanceCache>? logger = null)
    {
        _clock = clock;
        MaxAge = Seconds(configuration?["Cache:MaxAgeSeconds"]) ?? DefaultMaxAge;
        _transport = CacheSignalTransport.For(database, logger ?? (ILogger)NullLogger.Instance, Apply, Seconds(configuration?["Cache:HeartbeatSeconds"]) ?? DefaultHeartbeat);
    }

    private static TimeSpan? Seconds(string? text) =>
        double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>How long an entry is used at most, whatever the signals say.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>Tests only: how the instances signal each other.</summary>
    internal CacheSignalTransport Transport => _transport;

    // An entry from the future (a clock set back) counts as too old.
    private bool Fresh(DateTimeOffset at)
    {
        var age = _clock.GetUtcNow() - at;
        return age >= TimeSpan.Zero && age <= MaxAge;
    }

    /// <summary>Changes applied so far on this instance (local and remote); for tests and the decision record.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>A token to take before reading what will be cached; -1 when the cache may not be used now.</summary>
    public long Begin() => _transport.Sync() ? Generation : -1;

    public bool TryGetSession(string key, out CachedSession? session)
    {
        session = null;
        if (!_transport.Sync() || !_sessions.TryGetValue(key, out var entry) || !Fresh(entry.At)) return false;
        session = entry.Value;
        return true;
    }

    public void PutSession(long token, string key, CachedSession session) => Put(token, () => _sessions[key] = (session, _clock.GetUtcNow()), _sessions.Count);

    public bool TryGetUnread(string userId, out int count)
    {
        count = 0;
        if (!_transport.Sync() || !_unread.TryGetValue(userId, out var entry) || !Fresh(entry.At)) return false;
        count = entry.Value;
        return true;
    }

    public void PutUnread(long token, string userId, int count) => Put(token, () => _unread[userId] = (count, _clock.GetUtcNow()), _unread.Count);

    public bool TryGetApiToken(string hash, out CachedApiToken? found)
    {
        found = null;
        if (!_transport.Sync() || !_tokens.TryGetValue(hash, out var entry) || !Fresh(entry.At)) return false;
        found = entry.Value;
        return true;
    }

    public void PutApiToken(long token, string hash, CachedApiToken found) => Put(token, () => _tokens[hash] = (found, _clock.GetUtcNow()), _tokens.Count);

    /// <summary>Drops what the changes name here and on every other instance. Call after the change is committed.</summary>
    public async Task PublishAsync(IReadOnlyCollection<CacheChange> changes, CancellationToken cancellationToken = default)
    {
        if (changes.Count == 0) return;
        foreach (var change in changes) Apply(change);
        await _transport.SendAsync(changes, cancellationToken);
    }

    public Task PublishAsync(CacheChange change, CancellationToken cancellationToken = default) => PublishAsync([change], cancellationToken);

    /// <summary>Drops what one change names on this instance only (a signal from another instance, or a test host's reset).</summary>
    public void Apply(CacheChange change)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _generation);
            switch (change.Kind)
            {
                case CacheChange.SessionKind:
                    _sessions.TryRemove(change.Id, out _);
                    break;
                case CacheChange.UserKind:
                    foreach (var entry in _sessions.Where(s => s.Value.Value.UserId == change.Id)) _sessions.TryRemove(entry.Key, out _);
                    foreach (var entry in _tokens.Where(t => t.Value.Value.Identity.UserId == change.Id)) _tokens.TryRemove(entry.Key, out _);
                    _unread.TryRemove(change.Id, out _);
                    break;
                case CacheChange.UnreadKind:
                    _unread.TryRemove(change.Id, out _);
                    break;
                default:
                    _sessions.Clear();
                    _unread.Clear();
                    _tokens.Clear();
                    break;
            }
        }
    }

    private void Put(long token, Action put, int count)
    {
        if (token < 0 || !_transport.Sync()) return;
        lock (_gate)
        {
            if (Generation != token) return; // something changed while the value was read: it may be stale
            if (count >= MaxEntries)
            {
                _sessions.Clear();
                _unread.Clear();
                _tokens.Clear();
            }

            put();
        }
    }

    public ValueTask DisposeAsync() => _transport.DisposeAsync();

    /// <summary>
    /// For containers disposed synchronously (tools and tests that build a service provider in a using statement): the
    /// transport's cleanup closes its connections and timers, which does not need a synchronization context to finish.
    /// </summary>
    public void Dispose() => _transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
