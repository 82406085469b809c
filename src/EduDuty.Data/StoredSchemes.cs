using System.Collections.Concurrent;
using EduDuty.Core.Schemes;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Data;

/// <summary>
/// Parses stored scheme versions once per process. Keyed by content hash, so a scheme changed in place is parsed again.
/// Register as a singleton.
/// </summary>
public sealed class StoredSchemes
{
    private readonly ConcurrentDictionary<string, Scheme> _byHash = new(StringComparer.Ordinal);

    public async Task<Scheme> GetAsync(EduDutyDbContext db, int schemeId, CancellationToken cancellationToken = default)
    {
        var hash = await db.Schemes.Where(s => s.Id == schemeId).Select(s => s.ContentHash).SingleAsync(cancellationToken);
        return await GetAsync(db, schemeId, hash, cancellationToken);
    }

    /// <summary>
    /// The scheme of a known content hash (read with the evaluation it belongs to): no query at all once the process has parsed
    /// that text, so lists over many counties ask for no scheme per county.
    /// </summary>
    public async Task<Scheme> GetAsync(EduDutyDbContext db, int schemeId, string hash, CancellationToken cancellationToken = default)
    {
        if (_byHash.TryGetValue(hash, out var scheme)) return scheme;

        // The text as stored now, cached under its own hash (a change in place since the hash was read gets a new entry).
        var stored = await db.Schemes.Where(s => s.Id == schemeId).Select(s => new { s.Definition, s.ContentHash }).SingleAsync(cancellationToken);
        return _byHash.GetOrAdd(stored.ContentHash, _ => SchemeLoader.Load(stored.Definition));
    }
}
