using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Data;

/// <summary>
/// Links new audit entries to their chains inside the transaction that saves them (decision 0045: each evaluation its own
/// chain, so saves to different evaluations never wait for one another). Per chain, one statement creates the head if it is
/// new or else touches it, and returns it: a row lock on PostgreSQL held to the commit (the write lock on SQLite), so two
/// savers can never both extend a chain from the same link. Each new entry then gets the next index and its hash, and the
/// head's new place is saved with the entries, in the same batch.
/// </summary>
internal static class AuditChaining
{
    // INSERT … ON CONFLICT DO UPDATE … RETURNING: the same text on SQLite (3.35 and later) and PostgreSQL.
    private const string LockHead = """
        INSERT INTO "AuditChains" ("Name", "LastIndex", "LastHash", "AnchoredIndex") VALUES ({0}, 0, NULL, 0)
        ON CONFLICT ("Name") DO UPDATE SET "LastIndex" = "AuditChains"."LastIndex"
        RETURNING "Name", "LastIndex", "LastHash", "AnchoredIndex"
        """;

    public static async Task LinkAsync(EduDutyDbContext db, IReadOnlyList<IChainedEntry> entries, CancellationToken cancellationToken)
    {
        // Heads locked in the order of their names: two writes that extend the same two chains cannot lock them crosswise.
        foreach (var chain in entries.GroupBy(e => e.ChainName).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var head = await LockAsync(db, chain.Key, cancellationToken);
            var index = head.LastIndex;
            var hash = head.LastHash;
            foreach (var entry in chain)
            {
                entry.NormalizeTime();
                entry.ChainIndex = ++index;
                entry.Hash = hash = AuditChain.Link(hash, entry.Canonical());
            }

            head.LastIndex = index;
            head.LastHash = hash;
        }
    }

    /// <summary>The chain's head, created if new, locked until the transaction ends and tracked (its change is saved with the entries).</summary>
    public static async Task<AuditChain> LockAsync(EduDutyDbContext db, string name, CancellationToken cancellationToken)
    {
        var stored = (await db.AuditChains.FromSqlRaw(LockHead, name).AsNoTracking().ToListAsync(cancellationToken)).Single();
        // A head tracked by an earlier write of this context may be stale: what the lock returned is the truth now.
        if (db.AuditChains.Local.FirstOrDefault(c => c.Name == name) is { } tracked) db.Entry(tracked).State = EntityState.Detached;
        db.AuditChains.Attach(stored);
        return stored;
    }
}
