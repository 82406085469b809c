using System.Net;
using EduDuty.Application;
using EduDuty.Application.Caching;
using EduDuty.Application.Security;
using EduDuty.Application.Writes;
using EduDuty.Core.Messaging;
using EduDuty.Data;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests;

/// <summary>
/// The per-instance cache of sessions and unread counts when its signals fail (decision 0046): a lost signal still ends a
/// session on the other instance within the maximum age; on PostgreSQL a listener whose heartbeat stops or whose connection is
/// killed serves nothing from the cache, and its failures leave no connection behind; ending a user's sessions inside a write
/// is published at its commit and never after its rollback.
/// </summary>
public abstract class CacheSignalFailureTests<TFactory>
    where TFactory : PortalFactory, new()
{
    [Fact]
    public async Task A_sign_out_whose_signal_is_lost_ends_the_session_on_the_other_instance_within_the_maximum_age()
    {
        await using var first = new TFactory();
        await first.InitializeAsync();
        await using var second = new SecondInstance(first);
        var there = Cache(second);
        var here = await PortalClient.For(first).SignedInAsync("wenxi.official");
        var onSecond = await CachedOnAsync(second, here);

        Cache(first).Transport.Suppressed = true;
        await here.PostFormAsync("/", "#logout-form", []);
        // SQLite's signal is a memory write: with it lost, the second instance still trusts its entry (on PostgreSQL its
        // heartbeat may turn its cache off sooner, so only SQLite shows the window).
        if (first.Provider == DatabaseProvider.Sqlite) Assert.Equal(HttpStatusCode.OK, (await onSecond.Http.GetAsync("/")).StatusCode);

        first.Clock.Advance(there.MaxAge + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Ending_a_users_sessions_inside_a_write_is_published_at_its_commit_and_never_after_its_rollback()
    {
        await using var portal = new TFactory();
        await portal.InitializeAsync();
        var cache = Cache(portal);
        var official = await CachedOnAsync(portal, await PortalClient.For(portal).SignedInAsync("wenxi.official"));
        var session = await portal.WithDbAsync(db => db.UserSessions
            .Join(db.Users.Where(u => u.UserName == "wenxi.official"), s => s.UserId, u => u.Id, (s, _) => new { s.UserId, s.Id }).SingleAsync());
        var (userId, key) = (session.UserId, session.Id);
        Assert.True(cache.TryGetSession(key, out _));

        var rolledBack = await WriteAsync(portal, async (sessions, ct) =>
        {
            Assert.Equal(1, await sessions.EndAllAsync(userId, ct));
            Assert.True(cache.TryGetSession(key, out _)); // not before the commit
            return Outcome.Refused(Messages.SaveFailed);
        });
        Assert.False(rolledBack.IsDone);
        Assert.True(cache.TryGetSession(key, out _));
        Assert.Equal(HttpStatusCode.OK, (await official.Http.GetAsync("/")).StatusCode);

        var committed = await WriteAsync(portal, async (sessions, ct) =>
        {
            Assert.Equal(1, await sessions.EndAllAsync(userId, ct));
            Assert.True(cache.TryGetSession(key, out _)); // not before the commit
            return Outcome.Done();
        });
        Assert.True(committed.IsDone);
        Assert.False(cache.TryGetSession(key, out _));
        Assert.Equal(HttpStatusCode.Redirect, (await official.Http.GetAsync("/")).StatusCode);
    }

    private static async Task<Outcome<Unit>> WriteAsync(PortalFactory portal, Func<Sessions, CancellationToken, Task<Outcome<Unit>>> write)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<Sessions>();
        return await scope.ServiceProvider.GetRequiredService<WriteExecutor>().ExecuteAsync("end sessions (test)", (_, ct) => write(sessions, ct), CancellationToken.None);
    }

    internal static InstanceCache Cache(PortalFactory portal) => portal.Services.GetRequiredService<InstanceCache>();

    /// <summary>The client's session, read twice on <paramref name="portal"/> once its cache is on: kept there now.</summary>
    internal static async Task<PortalClient> CachedOnAsync(PortalFactory portal, PortalClient signedIn)
    {
        await WaitUntilAsync(() => Cache(portal).Begin() >= 0);
        var client = PortalClient.For(portal);
        var root = new Uri("http://localhost/");
        foreach (Cookie cookie in signedIn.Cookies.GetCookies(root)) client.Cookies.Add(root, new Cookie(cookie.Name, cookie.Value, "/"));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);
        return client;
    }

    /// <summary>Polls a condition a background loop brings about (bounded; nothing is measured).</summary>
    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 400 && !condition(); attempt++) await Task.Delay(50);
        Assert.True(condition());
    }
}

public sealed class SqliteCacheSignalFailureTests : CacheSignalFailureTests<SqlitePortalFactory>;

public sealed class PostgresCacheSignalFailureTests : CacheSignalFailureTests<PostgresPortalFactory>
{
    [Fact]
    public async Task A_listener_whose_heartbeat_stops_serves_nothing_from_the_cache()
    {
        await using var first = new PostgresPortalFactory();
        await first.InitializeAsync();
        await using var second = new SecondInstance(first);
        var here = await PortalClient.For(first).SignedInAsync("wenxi.official");
        var onSecond = await CachedOnAsync(second, here);
        var listener = (PostgresSignals)Cache(second).Transport;

        listener.HeartbeatPaused = true;
        await WaitUntilAsync(() => Cache(second).Begin() < 0);
        Cache(first).Transport.Suppressed = true;
        await here.PostFormAsync("/", "#logout-form", []);
        // No time passes on the portal's clock: the cache is simply not used.
        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.Http.GetAsync("/")).StatusCode);
        listener.HeartbeatPaused = false;
    }

    [Fact]
    public async Task A_killed_listening_connection_empties_the_cache_and_a_sign_out_whose_signal_is_lost_still_ends_the_session()
    {
        await using var first = new PostgresPortalFactory();
        await first.InitializeAsync();
        await using var second = new SecondInstance(first);
        var here = await PortalClient.For(first).SignedInAsync("wenxi.official");
        var onSecond = await CachedOnAsync(second, here);
        var listener = (PostgresSignals)Cache(second).Transport;
        var killed = listener.ListenerProcessId;
        Assert.NotEqual(0, killed);

        Cache(first).Transport.Suppressed = true;
        await here.PostFormAsync("/", "#logout-form", []);
        await TerminateAsync(first, killed);
        await WaitUntilAsync(() => listener.ListenerProcessId != killed);
        Assert.Equal(HttpStatusCode.Redirect, (await onSecond.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Repeated_listener_failures_leave_one_listening_connection_per_instance()
    {
        await using var first = new PostgresPortalFactory();
        await first.InitializeAsync();
        await using var second = new SecondInstance(first);
        await CachedOnAsync(second, await PortalClient.For(first).SignedInAsync("wenxi.official"));
        await WaitUntilAsync(() => Cache(first).Begin() >= 0);
        var listener = (PostgresSignals)Cache(second).Transport;
        Assert.Equal(2, await ListenersAsync(first));

        for (var i = 0; i < 5; i++)
        {
            // A signal not heard back restarts the listener; a killed backend makes it reconnect.
            listener.RestartListener();
            await WaitUntilAsync(() => listener.ListenerProcessId != 0);
            var pid = listener.ListenerProcessId;
            await TerminateAsync(first, pid);
            await WaitUntilAsync(() => listener.ListenerProcessId != 0 && listener.ListenerProcessId != pid);
        }

        // Closed connections leave pg_stat_activity a moment after they close.
        for (var attempt = 0; attempt < 100 && await ListenersAsync(first) != 2; attempt++) await Task.Delay(100);
        Assert.Equal(2, await ListenersAsync(first));
        await WaitUntilAsync(() => Cache(second).Begin() >= 0);
    }

    [Fact]
    public async Task Each_instance_knows_the_other_by_its_heartbeat_and_a_flood_of_made_up_heartbeats_stays_bounded()
    {
        await using var first = new PostgresPortalFactory();
        await first.InitializeAsync();
        await using var second = new SecondInstance(first);
        // Both serve a signed-in request, so both listen (an instance that has served none has nothing cached to drop).
        var signedIn = await PortalClient.For(first).SignedInAsync("wenxi.official");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Http.GetAsync("/")).StatusCode);
        await CachedOnAsync(second, signedIn);
        var one = (PostgresSignals)Cache(first).Transport;
        var other = (PostgresSignals)Cache(second).Transport;
        // Each waits for the other's acknowledgement of a change: it must know it is there.
        for (var attempt = 0; attempt < 200 && !(one.Peers.Live == 1 && other.Peers.Live == 1); attempt++) await Task.Delay(50);
        Assert.True(one.Peers.Live == 1 && other.Peers.Live == 1, $"first {one.Peers}, second {other.Peers}");

        // Any database role may NOTIFY on the channel: 2,000 made-up instances' heartbeats are not all remembered.
        await first.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            $"SELECT pg_notify('{PostgresSignals.Channel}', 'h:' || md5(i::text)) FROM generate_series(1, 2000) AS i"));
        await WaitUntilAsync(() => one.Peers.Known <= 256 && other.Peers.Known <= 256 && one.Peers.Known > 0);
        // The made-up ones fall silent and are not waited for; the real one is known again by its next heartbeat.
        await WaitUntilAsync(() => one.Peers.Live == 1 && other.Peers.Live == 1);

        // A sign-out on one still ends the session on the other at once.
        var here = await PortalClient.For(first).SignedInAsync("wenxi.lead");
        var there = await CachedOnAsync(second, here);
        await here.PostFormAsync("/", "#logout-form", []);
        Assert.Equal(HttpStatusCode.Redirect, (await there.Http.GetAsync("/")).StatusCode);
    }

    private static Task<int> ListenersAsync(PortalFactory portal) => portal.WithDbAsync(db => db.Database
        .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND application_name = {PostgresSignals.ListenerName}")
        .SingleAsync());

    private static Task TerminateAsync(PortalFactory portal, int pid) => portal.WithDbAsync(db => db.Database
        .SqlQuery<bool>($"SELECT pg_terminate_backend({pid}) AS \"Value\"").SingleAsync());
}
