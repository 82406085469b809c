using EduDuty.Application.Writes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Audit;

/// <summary>What an anchor took in: its number in the anchors' chain, how many heads, its Merkle root (null: nothing had moved).</summary>
public sealed record AnchorWritten(long? Index, int Heads, string? Root);

/// <summary>
/// Anchors the audit (decision 0045): takes the head of every chain that moved since the previous anchor, stores them as the
/// leaves of a Merkle tree (RFC 6962) and the tree's root as the next link of the anchors' own chain, in one write through
/// the write executor. Run hourly by the portal (<c>Audit:AnchorMinutes</c>) and by <c>eduduty audit anchor</c>. Safe on
/// several instances at once: the anchors' head is locked first, so two anchors follow one another.
/// </summary>
public sealed class AuditAnchoring(WriteExecutor executor, TimeProvider clock)
{
    public Task<Outcome<AnchorWritten>> AnchorAsync(CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync<AnchorWritten>("anchor the audit chains", async (run, ct) =>
        {
            var db = run.Db;
            await db.LockChainHeadAsync(AuditChain.Anchors, ct);
            var moved = await db.AuditChains.Where(c => c.Name != AuditChain.Anchors && c.LastIndex > c.AnchoredIndex)
                .OrderBy(c => c.Name).ToListAsync(ct);
            if (moved.Count == 0)
            {
                run.Discard();
                return Outcome.Done(new AnchorWritten(null, 0, null));
            }

            // The ordinal order of names, whatever the database's collation: the verification recomputes the root in it.
            moved.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            var leaves = moved.Select((c, i) => new AuditAnchorLeaf { Position = i, Chain = c.Name, ChainIndex = c.LastIndex, ChainHash = c.LastHash! }).ToList();
            var anchor = new AuditAnchor { AtUtc = clock.GetUtcNow().UtcDateTime, Leaves = leaves.Count, Root = MerkleTree.Root(leaves.Select(l => l.Canonical()).ToList()) };
            db.AuditAnchors.Add(anchor);
            await run.FlushAsync(ct); // the anchor's id, for its leaves
            foreach (var leaf in leaves) leaf.AnchorId = anchor.Id;
            db.AuditAnchorLeaves.AddRange(leaves);
            foreach (var chain in moved) chain.AnchoredIndex = chain.LastIndex;
            return Outcome.Done(new AnchorWritten(anchor.ChainIndex, leaves.Count, anchor.Root));
        }, cancellationToken);
}
