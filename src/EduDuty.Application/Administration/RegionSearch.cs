using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>
/// Regions to choose from, found in the database a few at a time: the one region picker of the admin pages (a text field with
/// suggestions) instead of a list of every region, which at 2,900 regions made a page of megabytes.
/// </summary>
public sealed class RegionSearch(EduDutyDbContext db)
{
    public const int Take = 30;

    /// <summary>
    /// Active regions under the actor's whose code starts with, or whose name contains, <paramref name="term"/>: the higher
    /// levels first, then by code. Without a term, the actor's region and the levels right below it.
    /// </summary>
    public async Task<IReadOnlyList<RegionOption>> FindAsync(Actor actor, string? term, CancellationToken cancellationToken = default)
    {
        var query = db.Regions.AsNoTracking().Under(r => r.Path, actor.RegionPath).Where(r => r.IsActive);
        var text = term?.Trim();
        query = string.IsNullOrEmpty(text) ? query : query.Where(r => r.Code.StartsWith(text) || r.Name.Contains(text));
        return await query.OrderBy(r => r.Level).ThenBy(r => r.Code).Take(Take)
            .Select(r => new RegionOption(r.Code, r.Name, r.Level, r.IsActive)).ToListAsync(cancellationToken);
    }
}
