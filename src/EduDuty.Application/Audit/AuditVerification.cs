using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Audit;

/// <summary>One chain's verdict: how many links hold, the first broken one (if any) and how many entries predate the chain.</summary>
public sealed record ChainReport(string Chain, long Verified, string? FirstBroken, int Unchained)
{
    public bool Intact => FirstBroken is null;
}

/// <summary>
/// Walks both audit hash chains from the first link, recomputing every hash from the stored content, and reports the first
/// place where a row was changed, removed or inserted, or where the chain's head does not match its last link.
/// Entries streamed one at a time: memory does not grow with the audit.
/// </summary>
public sealed class AuditVerification(EduDutyDbContext db)
{
    public async Task<IReadOnlyList<ChainReport>> VerifyAsync(CancellationToken cancellationToken = default) =>
    [
        await VerifyAsync(AuditChain.Evaluations, db.AuditEntries.AsNoTracking().Where(a => a.ChainIndex != null).OrderBy(a => a.ChainIndex).Select(a => (IChainedEntry)a),
            await db.AuditEntries.CountAsync(a => a.ChainIndex == null, cancellationToken), e => ((AuditEntry)e).Id, cancellationToken),
        await VerifyAsync(AuditChain.Administration, db.AdminAuditEntries.AsNoTracking().Where(a => a.ChainIndex != null).OrderBy(a => a.ChainIndex).Select(a => (IChainedEntry)a),
            await db.AdminAuditEntries.CountAsync(a => a.ChainIndex == null, cancellationToken), e => ((AdminAuditEntry)e).Id, cancellationToken),
    ];

    private async Task<ChainReport> VerifyAsync(
        string chain, IQueryable<IChainedEntry> entries, int unchained, Func<IChainedEntry, long> idOf, CancellationToken cancellationToken)
    {
        var head = await db.AuditChains.AsNoTracking().SingleAsync(c => c.Name == chain, cancellationToken);
        long expected = 0;
        string? previous = null;
        await foreach (var entry in entries.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            expected++;
            if (entry.ChainIndex != expected)
                return new ChainReport(chain, expected - 1, $"第 {expected} 环缺失（下一条记录编号 {idOf(entry)} 标为第 {entry.ChainIndex} 环）：记录被删除或编号被改动", unchained);
            var hash = AuditChain.Link(previous, entry.Canonical());
            if (hash != entry.Hash)
                return new ChainReport(chain, expected - 1, $"第 {expected} 环（记录编号 {idOf(entry)}）的内容与其哈希不符：该记录在写入后被改动", unchained);
            previous = hash;
        }

        if (head.LastIndex != expected || head.LastHash != previous)
            return new ChainReport(chain, expected, $"链头记录到第 {head.LastIndex} 环，而记录只到第 {expected} 环：末尾的记录被删除或链头被改动", unchained);
        return new ChainReport(chain, expected, null, unchained);
    }
}
