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
        if (_byHash.TryGetValue(hash, out var scheme)) return scheme;

        var definition = await db.Schemes.Where(s => s.Id == schemeId).Select(s => s.Definition).SingleAsync(cancellationToken);
        return _byHash.GetOrAdd(hash, _ => SchemeLoader.Load(definition));
    }
}
