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
/// Changes made with ExecuteUpdate/ExecuteDelete bypass this and publish themselves (<see cref="Security.Sessions"/>,
/// <see cref="Notifications.Inbox"/>). One per scope, like the context it watches.
/// </summary>
public sealed class CacheChangeInterceptor(InstanceCache cache) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly HashSet<CacheChange> _pending = [];

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
                                       || (entry.State == EntityState.Modified && (Changed(entry, nameof(AppUser.IsActive)) || Changed(entry, nameof(AppUser.SecurityStamp)))):
                    _pending.Add(CacheChange.User(user.Id));
                    break;
                case Notification message when entry.State is EntityState.Added or EntityState.Deleted
                                                || (entry.State == EntityState.Modified && Changed(entry, nameof(Notification.ReadAtUtc))):
                    _pending.Add(CacheChange.Unread(message.UserId));
                    break;
            }
        }
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
