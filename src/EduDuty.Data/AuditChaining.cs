using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Data;

/// <summary>
/// Links new audit entries to their chains inside the transaction that saves them. The chain's head row is locked first (an
/// UPDATE that changes nothing: a row lock on PostgreSQL, the write lock on SQLite), so two savers can never both extend the
/// chain from the same link; then the head is read, each new entry gets the next index and its hash, and the head moves on.
/// </summary>
internal static class AuditChaining
{
    public static async Task LinkAsync(EduDutyDbContext db, IReadOnlyList<IChainedEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var chain in entries.GroupBy(e => e.ChainName))
        {
            var name = chain.Key;
            await db.AuditChains.Where(c => c.Name == name).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastIndex, c => c.LastIndex), cancellationToken);
            var head = await db.AuditChains.AsNoTracking().SingleAsync(c => c.Name == name, cancellationToken);

            var index = head.LastIndex;
            var hash = head.LastHash;
            foreach (var entry in chain)
            {
                entry.NormalizeTime();
                entry.ChainIndex = ++index;
                entry.Hash = hash = AuditChain.Link(hash, entry.Canonical());
            }

            await db.AuditChains.Where(c => c.Name == name)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastIndex, index).SetProperty(c => c.LastHash, hash), cancellationToken);
        }
    }
}
