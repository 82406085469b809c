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

    /// <summary>
    /// What a region field holds, as a code: a 6-digit code as typed (whether it exists is the caller's rule), or the name of
    /// exactly one region under the actor's (闻喜县 → 140823). A name several regions bear is refused naming them; an
    /// unknown one is refused too. The one reading of a region field, for every form that has one (issue 27).
    /// </summary>
    public async Task<Outcome<string>> ResolveAsync(Actor actor, string? typed, CancellationToken cancellationToken = default)
    {
        var text = (typed ?? string.Empty).Trim();
        if (text.Length == 0 || Core.Regions.AdministrativeCode.IsWellFormed(text)) return Outcome.Done(text);
        var named = await db.Regions.AsNoTracking().Under(r => r.Path, actor.RegionPath).Where(r => r.Name == text)
            .OrderBy(r => r.Code).Select(r => new { r.Code, r.IsActive, Parent = r.Parent != null ? r.Parent.Name : null }).Take(6).ToListAsync(cancellationToken);
        var active = named.Where(r => r.IsActive).ToList();
        var candidates = active.Count > 0 ? active : named;
        return candidates.Count switch
        {
            0 => Outcome.Invalid(Core.Messaging.Messages.RegionNameUnknown(text)),
            1 => Outcome.Done(candidates[0].Code),
            _ => Outcome.Invalid(Core.Messaging.Messages.RegionNameAmbiguous(text,
                string.Join("、", candidates.Take(5).Select(r => $"{r.Parent}{text} {r.Code}")) + (candidates.Count > 5 ? " 等" : string.Empty))),
        };
    }
}
