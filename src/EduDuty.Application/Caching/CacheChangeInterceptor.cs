using System.Data.Common;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EduDuty.Application.Caching;

/// <summary>
/// Tells <see cref="InstanceCache"/> of every saved change to what it keeps — a user's activity or security stamp (which every
/// session of the user was checked against) and a user's messages (their unread count) — once the change is committed: after
/// <c>SaveChanges</c> outside a transaction, after the commit inside one (the one write executor's), never after a rollback.
/// Changes made with ExecuteUpdate/ExecuteDelete in <see cref="Security.Sessions"/> and <see cref="Notifications.Inbox"/>
/// publish precisely what they changed themselves and say so with <see cref="PublishedTag"/>; any other statement outside
/// <c>SaveChanges</c> that writes users, sessions or messages (an ExecuteUpdate elsewhere, raw SQL, the command line in
/// another process — it registers this too) publishes "everything" after its commit, so no write made through EduDuty can
/// leave a cached session or count behind. One per scope, like the context it watches.
/// </summary>
public sealed class CacheChangeInterceptor(InstanceCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    /// <summary>The query tag of a bulk statement whose change its caller publishes itself (precisely).</summary>
    public const string PublishedTag = "eduduty-cache: published by its caller";

    // The tables the cache keeps something of; a bulk or raw write naming one of them drops everything.
    private static readonly string[] Watched = ["AspNetUsers", "AspNetUserRoles", "UserSessions", "Notifications", "ApiTokens"];

    private readonly HashSet<CacheChange> _pending = [];

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Bulk(command, eventData)) await AfterBulkAsync(eventData.Context);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (Bulk(command, eventData)) AfterBulkAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

    private static bool Bulk(DbCommand command, CommandExecutedEventData eventData) =>
        eventData.CommandSource is not (CommandSource.SaveChanges or CommandSource.Migrations)
        && !command.CommandText.Contains(PublishedTag, StringComparison.Ordinal)
        && Watched.Any(table => command.CommandText.Contains(table, StringComparison.OrdinalIgnoreCase));

    private async Task AfterBulkAsync(DbContext? context)
    {
        _pending.Add(CacheChange.All);
        // Outside a transaction the statement is committed already; inside one, the commit publishes it.
        if (context?.Database.CurrentTransaction is null) await PublishAsync(CancellationToken.None);
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) await PublishAsync(cancellationToken);
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) PublishAsync(CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await PublishAsync(cancellationToken);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        PublishAsync(CancellationToken.None).GetAwaiter().GetResult();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Clear();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending.Clear();

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case AppUser user when entry.State == EntityState.Deleted
                                       || (entry.State == EntityState.Modified && (Changed(entry, nameof(AppUser.IsActive)) || Changed(entry, nameof(AppUser.SecurityStamp))
                                                                                  || Changed(entry, nameof(AppUser.LockoutEnd)) || Changed(entry, nameof(AppUser.RegionId))
                                                                                  || Changed(entry, nameof(AppUser.DisplayName)))):
                    _pending.Add(CacheChange.User(user.Id));
                    break;
                // A token's user is kept with it (roles, region, names): a role given or taken, a token revoked or removed.
                case Microsoft.AspNetCore.Identity.IdentityUserRole<string> role when entry.State is EntityState.Added or EntityState.Deleted:
                    _pending.Add(CacheChange.User(role.UserId));
                    break;
                case ApiToken token when entry.State is EntityState.Deleted or EntityState.Modified:
                    _pending.Add(CacheChange.User(token.UserId));
                    break;
                case Notification message when entry.State is EntityState.Added or EntityState.Deleted
                                                || (entry.State == EntityState.Modified && Changed(entry, nameof(Notification.ReadAtUtc))):
                    _pending.Add(CacheChange.Unread(message.UserId));
                    break;
            }
        }
    }

    /// <summary>
    /// Publishes a change its caller made with a bulk statement on <paramref name="context"/>: at once outside a transaction,
    /// at the commit inside one (dropped on rollback) — published before the commit, another instance could read the old row
    /// again and keep it.
    /// </summary>
    public async Task AfterCommitAsync(DbContext context, CacheChange change, CancellationToken cancellationToken = default)
    {
        _pending.Add(change);
        if (context.Database.CurrentTransaction is null) await PublishAsync(cancellationToken);
    }

    private static bool Changed(EntityEntry entry, string property) => entry.Property(property).IsModified;

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0) return;
        var changes = _pending.ToList();
        _pending.Clear();
        await cache.PublishAsync(changes, CancellationToken.None);
    }
}
