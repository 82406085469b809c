using EduDuty.Application.Reports;
using EduDuty.Application.Writes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Audit;

/// <summary>
/// What an anchor took in: its number in the anchors' chain, how many heads, its Merkle root (null: nothing had moved), and
/// whether it was signed with the deployment's signing certificate.
/// </summary>
public sealed record AnchorWritten(long? Index, int Heads, string? Root, bool Signed = false)
{
    /// <summary>
    /// The witness line <c>序号:根哈希</c> to keep outside the database (mail, a log sink, paper): <c>audit verify --expect</c>
    /// with it fails when the database no longer holds that anchor with that root. Null when nothing was anchored.
    /// </summary>
    public string? Witness => Index is { } index ? $"{index}:{Root}" : null;
}

/// <summary>How often the portal anchors (<c>Audit:AnchorMinutes</c>, 60 by default; 0 or less: the portal does not).</summary>
public sealed record AuditAnchorSchedule(int Minutes)
{
    public const string Key = "Audit:AnchorMinutes";
    public const int DefaultMinutes = 60;

    public static AuditAnchorSchedule FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        new(int.TryParse(configuration[Key], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var minutes) ? minutes : DefaultMinutes);
}

/// <summary>
/// Anchors the audit (decision 0045): takes the head of every chain that moved since the previous anchor, stores them as the
/// leaves of a Merkle tree (RFC 6962) and the tree's root as the next link of the anchors' own chain, in one write through
/// the write executor. Run hourly by the portal (<c>Audit:AnchorMinutes</c>) and by <c>eduduty audit anchor</c>. Safe on
/// several instances at once: the anchors' head is locked first, so two anchors follow one another. With a signing
/// certificate configured (<see cref="SigningCertificate"/>, the one that signs approved reports) the anchor's link hash is
/// signed with it (<see cref="AnchorSignature"/>), so that whoever can write to the database but lacks the private key
/// cannot recompute the anchors after rewriting the audit.
/// </summary>
public sealed class AuditAnchoring(WriteExecutor executor, TimeProvider clock, SigningCertificate certificate)
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
            // The flush linked the anchor into the anchors' chain: its hash is now final, and the signature vouches for it.
            if (certificate.Current is { } key && certificate.Info is { } info)
            {
                anchor.Signature = AnchorSignature.Sign(key, anchor.Hash!);
                anchor.SignerSha256 = info.Sha256;
            }

            return Outcome.Done(new AnchorWritten(anchor.ChainIndex, leaves.Count, anchor.Root, anchor.Signature is not null));
        }, cancellationToken);
}
