using System.Collections.Concurrent;
using System.Data.Common;
using EduDuty.Core.Messaging;
using EduDuty.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Application.Writes;

/// <summary>What a write may do inside the executor's transaction besides staging tracked changes.</summary>
public sealed class WriteScope
{
    internal WriteScope(EduDutyDbContext db) => Db = db;

    public EduDutyDbContext Db { get; }

    internal bool Discarded { get; private set; }

    /// <summary>
    /// Stores what is staged so far, inside the write's transaction: for a row that must exist before the next step names it
    /// (a piece of evidence before the content it points to goes, a draft before the figures carried into it).
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken) => Db.SaveChangesAsync(cancellationToken);

    /// <summary>Ends the write without storing anything although it answers done (it found nothing to change).</summary>
    public void Discard() => Discarded = true;
}

/// <summary>
/// The one place where a use case's changes reach the database (decision 0025): one transaction per write; the write stages
/// its changes and their audit entries (each built by its one constructor with a typed source) and answers with an
/// <see cref="Outcome{T}"/>; a done answer is saved and committed, any other rolls everything back, so a refused, invalid or
/// conflicting write leaves nothing half-saved. A database error is logged with its cause before it becomes the catalogue's
/// message: a row's version that moved is a conflict, a constraint or a lock not granted in time a failed save the user may
/// retry. Who may write what is decided before and inside the write by Core's policy for its target: an evaluation's content
/// and review through <see cref="Evaluations.Content.ContentWriter"/> (which claims the evaluation in SQL in this
/// transaction), administration by the administrator's region. The architecture tests fail on a <c>SaveChanges</c> or a
/// transaction anywhere else in the application, the portal or the command line.
/// </summary>
public sealed class WriteExecutor(EduDutyDbContext db, ILogger<WriteExecutor> logger)
{
    // SQLite lets one writer in at a time; a writer that finds the lock taken is retried by the driver after sleeping (150 ms
    // per try), so fifty saves at once waited seconds although each holds the lock for a few milliseconds. Within this process
    // writers to one SQLite file queue here instead, and each goes in the moment the one before commits (decision 0045). Other
    // processes (the command line) still meet the driver's retries. PostgreSQL locks rows: no gate. A writer waits at most as
    // long as the driver would have retried (the connection's Default Timeout, 30 s unless set): one write that hangs then
    // costs the others a refusal they may retry, never a wait without end. One gate per database file, whatever else the
    // connection strings say.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteGates = new(StringComparer.Ordinal);

    // Per connection string, parsed once: its file's gate and how long to wait for it.
    private static readonly ConcurrentDictionary<string, (SemaphoreSlim Gate, TimeSpan Timeout)> SqliteWaits = new(StringComparer.Ordinal);

    private (SemaphoreSlim Gate, TimeSpan Timeout)? Gate =>
        db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite"
            ? SqliteWaits.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, connectionString =>
            {
                var source = new SqliteConnectionStringBuilder(connectionString);
                return (SqliteGates.GetOrAdd(source.DataSource, _ => new SemaphoreSlim(1, 1)), TimeSpan.FromSeconds(source.DefaultTimeout));
            })
            : null;

    /// <param name="operation">What is written, for the log (“reset password”, “comment on evaluation 12”).</param>
    /// <param name="write">Stages the changes and answers; runs once.</param>
    public async Task<Outcome<T>> ExecuteAsync<T>(
        string operation, Func<WriteScope, CancellationToken, Task<Outcome<T>>> write, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Part of a larger write already under way (a year opened with last year's figures carried in): that write's
            // transaction commits or rolls back the whole, and its executor handles a database error.
            var scope = new WriteScope(db);
            var inner = await write(scope, cancellationToken);
            if (inner.IsDone && !scope.Discarded) await db.SaveChangesAsync(cancellationToken);
            return inner;
        }

        var gated = Gate;
        if (gated is { } wait && !await wait.Gate.WaitAsync(wait.Timeout, cancellationToken))
        {
            logger.LogWarning("{Operation} waited {Seconds} s for the SQLite write gate without getting in; nothing saved", operation, wait.Timeout.TotalSeconds);
            return Outcome.Refused(Messages.SaveFailed);
        }

        var gate = gated?.Gate;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var scope = new WriteScope(db);
            var outcome = await write(scope, cancellationToken);
            if (!outcome.IsDone || scope.Discarded)
            {
                db.ChangeTracker.Clear();
                await transaction.RollbackAsync(cancellationToken);
                return outcome;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return outcome;
        }
        catch (DbUpdateConcurrencyException e)
        {
            db.ChangeTracker.Clear();
            logger.LogWarning(e, "Conflict in {Operation}: a row's version moved; nothing saved", operation);
            return Outcome.Conflict(Messages.RowChanged);
        }
        catch (DbUpdateException e)
        {
            db.ChangeTracker.Clear();
            logger.LogError(e, "Database refused {Operation}; nothing saved. Cause: {Cause}", operation, e.InnerException?.Message ?? e.Message);
            return Outcome.Refused(Messages.SaveFailed);
        }
        catch (DbException e) when (e.IsTransient)
        {
            // SQLite's write lock or a PostgreSQL lock not granted in time: the user may simply try again.
            db.ChangeTracker.Clear();
            logger.LogWarning(e, "Transient database error in {Operation}; nothing saved", operation);
            return Outcome.Refused(Messages.SaveFailed);
        }
        finally
        {
            gate?.Release();
        }
    }

    /// <summary>A write whose only answer is that it happened (or the failure it met).</summary>
    public Task<Outcome<Unit>> ExecuteAsync(string operation, Func<WriteScope, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        ExecuteAsync<Unit>(operation, async (scope, ct) =>
        {
            await write(scope, ct);
            return Outcome.Done();
        }, cancellationToken);
}
