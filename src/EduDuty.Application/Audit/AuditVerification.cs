using EduDuty.Application.Reports;
using EduDuty.Core.Messaging;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Audit;

/// <summary>One part of the audit's verdict: how many links hold, the first break (if any) and how many entries predate the chains.</summary>
/// <param name="Chain">
/// Which part: <see cref="AuditVerification.EvaluationChains"/> (every evaluation's own chain), the closed province-wide
/// <see cref="AuditChain.Evaluations"/>, <see cref="AuditChain.Administration"/> or <see cref="AuditChain.Anchors"/>.
/// </param>
public sealed record ChainReport(string Chain, long Verified, string? FirstBroken, int Unchained)
{
    public bool Intact => FirstBroken is null;

    /// <summary>What the verdict cannot vouch for although nothing is broken (unsigned anchors, anchoring that stopped), in Chinese.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// Walks every audit hash chain from its first link, recomputing every hash from the stored content, and the anchors
/// (decision 0045): every anchored head is still in its chain at that index with that hash, every anchor's Merkle root
/// recomputes from its leaves, and the anchors form a chain of their own. Reports, per part, the first place where a row
/// was changed, removed or inserted, or where a head does not match its last link, in words that say what to do.
/// With a signing certificate every anchor's signature is checked against it, so a rewrite recomputed without the private
/// key is found; anchors kept outside the database (<c>--expect</c>) must still be there. Entries and anchor leaves are
/// streamed one at a time: memory grows with the anchored heads, not with the audit.
/// </summary>
public sealed class AuditVerification(EduDutyDbContext db, SigningCertificate certificate, TimeProvider clock, AuditAnchorSchedule schedule)
{
    /// <summary>The report over all evaluations' own chains together.</summary>
    public const string EvaluationChains = "eval";

    private const string Advice = "请勿再修改数据库，保留现有备份，并与最近一次备份核对该记录，查明是谁在何时改动了数据库";

    public Task<IReadOnlyList<ChainReport>> VerifyAsync(CancellationToken cancellationToken = default) =>
        VerifyAsync(new Dictionary<long, string>(), cancellationToken);

    /// <param name="expect">
    /// Anchors kept outside the database (number → Merkle root, as <c>audit anchor</c> and the portal's log print them): the
    /// anchors' part breaks when the database does not hold one of them with that root.
    /// </param>
    public async Task<IReadOnlyList<ChainReport>> VerifyAsync(IReadOnlyDictionary<long, string> expect, CancellationToken cancellationToken = default)
    {
        var heads = await db.AuditChains.AsNoTracking().ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, cancellationToken);
        var anchors = await VerifyAnchorsAsync(heads, expect, cancellationToken);
        var unchained = await db.AuditEntries.CountAsync(a => a.ChainIndex == null, cancellationToken);
        return
        [
            await VerifyEvaluationsAsync(heads, anchors.Points, unchained, cancellationToken),
            await VerifyAsync(AuditChain.Evaluations, heads,
                db.AuditEntries.AsNoTracking().Where(a => !a.OwnChain && a.ChainIndex != null).OrderBy(a => a.ChainIndex).Select(a => (IChainedEntry)a),
                0, anchors.Points, e => ((AuditEntry)e).Id, cancellationToken),
            await VerifyAsync(AuditChain.Administration, heads,
                db.AdminAuditEntries.AsNoTracking().Where(a => a.ChainIndex != null).OrderBy(a => a.ChainIndex).Select(a => (IChainedEntry)a),
                await db.AdminAuditEntries.CountAsync(a => a.ChainIndex == null, cancellationToken), anchors.Points, e => ((AdminAuditEntry)e).Id, cancellationToken),
            anchors.Report,
        ];
    }

    // Every evaluation's own chain, one after the other in order of evaluation: one report, its first break.
    private async Task<ChainReport> VerifyEvaluationsAsync(
        Dictionary<string, AuditChain> heads, Dictionary<(string, long), string> anchored, int unchained, CancellationToken cancellationToken)
    {
        long verified = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var walk = new Walk(null!, 0, null);
        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(a => a.OwnChain).OrderBy(a => a.EvaluationId).ThenBy(a => a.ChainIndex)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var chain = AuditChain.Of(entry.EvaluationId);
            if (chain != walk.Chain)
            {
                if (walk.Chain is not null && End(walk, heads, anchored) is { } ended) return Broken(ended, verified);
                walk = new Walk(chain, 0, null);
                seen.Add(chain);
            }

            if (Step(ref walk, entry, entry.Id, anchored) is { } broken) return Broken(broken, verified);
            verified++;
        }

        if (walk.Chain is not null && End(walk, heads, anchored) is { } last) return Broken(last, verified);
        // A chain whose entries are all gone: its head (or an anchor) still says how far it had come.
        foreach (var head in heads.Values.Where(h => h.Name.StartsWith(AuditChain.EvaluationPrefix, StringComparison.Ordinal) && h.LastIndex > 0 && !seen.Contains(h.Name)).OrderBy(h => h.Name))
            return Broken($"评估 {head.Name[AuditChain.EvaluationPrefix.Length..]} 的修改记录全部缺失：链头记录到第 {head.LastIndex} 环。{Advice}", verified);
        foreach (var point in anchored.Keys.Where(k => k.Item1.StartsWith(AuditChain.EvaluationPrefix, StringComparison.Ordinal) && !seen.Contains(k.Item1)).OrderBy(k => k.Item1))
            return Broken($"评估 {point.Item1[AuditChain.EvaluationPrefix.Length..]} 的修改记录全部缺失：锚定记录到第 {point.Item2} 环。{Advice}", verified);
        return new ChainReport(EvaluationChains, verified, null, unchained);

        ChainReport Broken(string text, long count) => new(EvaluationChains, count, text, unchained);
    }

    private async Task<ChainReport> VerifyAsync(
        string chain, Dictionary<string, AuditChain> heads, IQueryable<IChainedEntry> entries, int unchained,
        Dictionary<(string, long), string> anchored, Func<IChainedEntry, long> idOf, CancellationToken cancellationToken)
    {
        var walk = new Walk(chain, 0, null);
        await foreach (var entry in entries.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (Step(ref walk, entry, idOf(entry), anchored) is { } broken) return new ChainReport(chain, walk.Index, broken, unchained);
        }

        return new ChainReport(chain, walk.Index, End(walk, heads, anchored), unchained);
    }

    private sealed record Walk(string Chain, long Index, string? Hash);

    // One link: the next index, the hash recomputed, and the hash an anchor recorded at this place.
    private static string? Step(ref Walk walk, IChainedEntry entry, long id, Dictionary<(string, long), string> anchored)
    {
        var expected = walk.Index + 1;
        if (entry.ChainIndex != expected)
            return $"{Name(walk.Chain)}第 {expected} 环缺失（下一条记录编号 {id} 标为第 {entry.ChainIndex} 环）：记录被删除或编号被改动。{Advice}";
        var hash = AuditChain.Link(walk.Hash, entry.Canonical());
        if (hash != entry.Hash)
            return $"{Name(walk.Chain)}第 {expected} 环（记录编号 {id}）的内容与其哈希不符：该记录在写入后被改动。{Advice}";
        if (anchored.TryGetValue((walk.Chain, expected), out var recorded) && recorded != hash)
            return $"{Name(walk.Chain)}第 {expected} 环（记录编号 {id}）与锚定时记下的哈希不符：该环及其后的记录在锚定后被重写。{Advice}";
        walk = walk with { Index = expected, Hash = hash };
        return null;
    }

    // The end of a chain: its head matches its last link, and no anchor recorded a link beyond it.
    private static string? End(Walk walk, Dictionary<string, AuditChain> heads, Dictionary<(string, long), string> anchored)
    {
        var beyond = anchored.Keys.Where(k => k.Item1 == walk.Chain && k.Item2 > walk.Index).Select(k => k.Item2).DefaultIfEmpty().Max();
        if (beyond > 0)
            return $"{Name(walk.Chain)}锚定时已有第 {beyond} 环，而记录只到第 {walk.Index} 环：末尾的记录被删除。{Advice}";
        var head = heads.GetValueOrDefault(walk.Chain);
        if ((head?.LastIndex ?? 0) != walk.Index || head?.LastHash != walk.Hash)
            return $"{Name(walk.Chain)}链头记录到第 {head?.LastIndex ?? 0} 环，而记录只到第 {walk.Index} 环：末尾的记录被删除或链头被改动。{Advice}";
        return null;
    }

    private static string Name(string chain) => chain switch
    {
        _ when chain.StartsWith(AuditChain.EvaluationPrefix, StringComparison.Ordinal) => $"评估 {chain[AuditChain.EvaluationPrefix.Length..]} 的修改记录：",
        AuditChain.Anchors => "锚定记录：",
        _ => string.Empty,
    };

    // The anchors' own chain, each anchor's leaves against its root, its signature, the anchors kept outside the database,
    // and every head's anchored index against the leaves; the anchored heads, for the walks of the chains. The leaves are
    // streamed in one query, one anchor's at a time: only the anchored heads themselves stay in memory.
    private async Task<(ChainReport Report, Dictionary<(string, long), string> Points)> VerifyAnchorsAsync(
        Dictionary<string, AuditChain> allHeads, IReadOnlyDictionary<long, string> expect, CancellationToken cancellationToken)
    {
        var points = new Dictionary<(string, long), string>();
        var notes = new List<string>();
        // One an hour: the anchors themselves are few and small.
        var anchors = await db.AuditAnchors.AsNoTracking().OrderBy(a => a.ChainIndex).ToListAsync(cancellationToken);
        var byId = anchors.ToDictionary(a => a.Id);
        var rootsHold = new HashSet<long>();
        var leaves = new List<AuditAnchorLeaf>();
        await foreach (var leaf in db.AuditAnchorLeaves.AsNoTracking().OrderBy(l => l.AnchorId).ThenBy(l => l.Position)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (leaves.Count > 0 && leaves[0].AnchorId != leaf.AnchorId) CheckLeaves();
            leaves.Add(leaf);
        }

        CheckLeaves();

        var key = certificate.Current;
        var keySha256 = certificate.Info?.Sha256;
        if (key is null) notes.Add(Messages.AnchorsWithoutCertificate);
        var walk = new Walk(AuditChain.Anchors, 0, null);
        var heads = allHeads.GetValueOrDefault(AuditChain.Anchors) is { } head
            ? new Dictionary<string, AuditChain> { [head.Name] = head }
            : new Dictionary<string, AuditChain>();
        var signedSeen = false;
        var unsignedBefore = 0;
        foreach (var anchor in anchors)
        {
            if (Step(ref walk, anchor, anchor.Id, points) is { } broken) return (Report(walk.Index, broken), points);
            var index = anchor.ChainIndex!.Value;
            if (!rootsHold.Contains(anchor.Id) && !(anchor.Leaves == 0 && anchor.Root == MerkleTree.Root([])))
                return (Report(index - 1, $"锚定记录：第 {index} 次锚定（{anchor.AtUtc:yyyy-MM-dd HH:mm} UTC）所记的链头与其默克尔根不符：锚定的链头被改动或删除。{Advice}"), points);
            if (key is not null)
            {
                if (anchor.Signature is null)
                {
                    if (signedSeen) return (Report(index - 1, Messages.AnchorUnsigned(index) + Advice), points);
                    unsignedBefore++;
                }
                else if (anchor.SignerSha256 != keySha256)
                    return (Report(index - 1, Messages.AnchorSignedByOther(index, anchor.SignerSha256 ?? "?") + Advice), points);
                else if (!AnchorSignature.Verify(key, anchor.Hash!, anchor.Signature))
                    return (Report(index - 1, Messages.AnchorSignatureInvalid(index) + Advice), points);
                else
                    signedSeen = true;
            }

            if (expect.TryGetValue(index, out var root) && !string.Equals(root, anchor.Root, StringComparison.OrdinalIgnoreCase))
                return (Report(index - 1, Messages.AnchorExpectedDiffers(index, root, anchor.Root) + Advice), points);
        }

        if (unsignedBefore > 0) notes.Add(Messages.AnchorsUnsignedBefore(unsignedBefore));
        foreach (var (index, root) in expect.Where(e => e.Key > walk.Index).OrderBy(e => e.Key))
            return (Report(walk.Index, Messages.AnchorExpectedMissing(index, root) + Advice), points);
        if (End(walk, heads, []) is { } end) return (Report(walk.Index, end), points);
        // A head that says it was anchored at a link no anchor records: its anchor was removed.
        foreach (var chain in allHeads.Values.Where(h => h.Name != AuditChain.Anchors && h.AnchoredIndex > 0 && !points.ContainsKey((h.Name, h.AnchoredIndex)))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
            return (Report(walk.Index, Messages.AnchoredWithoutLeaf(Display(chain.Name), chain.AnchoredIndex) + Advice), points);

        // Anchoring that stopped: heads waiting to be anchored and no anchor for twice the interval.
        var minutes = schedule.Minutes > 0 ? schedule.Minutes : AuditAnchorSchedule.DefaultMinutes;
        var waiting = allHeads.Values.Any(h => h.Name != AuditChain.Anchors && h.LastIndex > h.AnchoredIndex);
        if (anchors.Count == 0 && allHeads.Values.Any(h => h.Name != AuditChain.Anchors && h.LastIndex > 0))
            notes.Add(Messages.AnchorsNone);
        else if (waiting && anchors.Count > 0 && anchors[^1].AtUtc < clock.GetUtcNow().UtcDateTime.AddMinutes(-2.0 * minutes))
            notes.Add(Messages.AnchorsStale(anchors[^1].AtUtc, minutes));
        return (Report(walk.Index, null), points);

        ChainReport Report(long verified, string? broken) => new(AuditChain.Anchors, verified, broken, 0) { Warnings = notes };

        void CheckLeaves()
        {
            if (leaves.Count == 0) return;
            // Leaves of an anchor that is gone are left to the anchors' chain (a link missing) and the heads' anchored index.
            if (byId.TryGetValue(leaves[0].AnchorId, out var anchor) && leaves.Count == anchor.Leaves
                && MerkleTree.Root(leaves.Select(l => l.Canonical()).ToList()) == anchor.Root)
            {
                rootsHold.Add(anchor.Id);
                foreach (var leaf in leaves) points[(leaf.Chain, leaf.ChainIndex)] = leaf.ChainHash;
            }

            leaves.Clear();
        }
    }

    private static string Display(string chain) => chain switch
    {
        _ when chain.StartsWith(AuditChain.EvaluationPrefix, StringComparison.Ordinal) => $"评估 {chain[AuditChain.EvaluationPrefix.Length..]} 的修改记录",
        AuditChain.Evaluations => "全省修改记录链（已封存）",
        AuditChain.Administration => "管理记录",
        _ => chain,
    };
}
