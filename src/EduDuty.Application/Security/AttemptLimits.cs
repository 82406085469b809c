using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Security;

/// <summary>
/// Fixed-window attempt limits counted in the database (<see cref="AttemptCounter"/>), so that every instance of a
/// deployment shares one count: sign-in attempts per client address and per account name, password changes per user. The
/// count is taken and checked in one write: the counter row is incremented with an UPDATE (which PostgreSQL and SQLite
/// serialise on the row), read back in the same transaction, and the increment is rolled back when it went over the limit,
/// so that parallel attempts never get past the limit and refused attempts do not keep a window full for ever.
/// </summary>
public sealed class AttemptLimits(EduDutyDbContext db, Writes.WriteExecutor executor, TimeProvider clock)
{
    /// <summary>Counters of windows older than this (of any key) are deleted as new attempts come.</summary>
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    /// <summary>Counts one attempt of <paramref name="key"/>.</summary>
    /// <returns>Null when the attempt may go ahead; otherwise how long until the window ends.</returns>
    public async Task<TimeSpan?> TryAttemptAsync(string key, int limit, TimeSpan window, CancellationToken cancellationToken = default)
    {
        // Two first attempts of a window can both try to create its row; the loser counts again on the row the winner made.
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var start = new DateTime(now.Ticks - now.Ticks % window.Ticks, DateTimeKind.Utc);
            var wait = start + window - now;
            var counted = await executor.ExecuteAsync<bool>($"count an attempt of {key}", async (scope, ct) =>
            {
                var updated = await db.AttemptCounters.Where(c => c.Key == key && c.WindowStartUtc == start)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, c => c.Count + 1), ct);
                if (updated == 0)
                {
                    // The first attempt of a key in a window also clears every key's old windows (by the window index), so a
                    // guesser trying ever new names or addresses does not grow the table without bound.
                    var stale = now - KeepFor;
                    await db.AttemptCounters.Where(c => c.WindowStartUtc < stale).ExecuteDeleteAsync(ct);
                    db.AttemptCounters.Add(new AttemptCounter { Key = key, WindowStartUtc = start, Count = 1 });
                    await scope.FlushAsync(ct);
                    return limit >= 1 ? Outcome.Done(true) : Outcome.Refused(Core.Messaging.Messages.TooManyAttempts(wait));
                }

                var count = await db.AttemptCounters.AsNoTracking().Where(c => c.Key == key && c.WindowStartUtc == start)
                    .Select(c => c.Count).SingleAsync(ct);
                // Over the limit: the increment is rolled back with the refusal.
                return count <= limit ? Outcome.Done(true) : Outcome.Refused(Core.Messaging.Messages.TooManyAttempts(wait));
            }, cancellationToken);

            if (counted.IsDone) return null;
            if (counted.Reason?.Code == Core.Messaging.Messages.TooManyAttemptsCode) return wait;
            // The row was created by a parallel first attempt (a unique key refused ours), or a lock was not granted in time.
            if (attempt >= 2) return wait; // a database that keeps refusing: refuse rather than let attempts through uncounted
        }
    }
}
