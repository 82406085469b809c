using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Messaging;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations.Figures;

/// <summary>An evaluation's stored figures with the name of who last changed each, under its scheme.</summary>
public sealed record FiguresView(int EvaluationId, Scheme Scheme, IReadOnlyDictionary<string, (FigureValue Row, string? ChangedBy)> Rows)
{
    /// <summary>The version of the figures as a whole (<see cref="FigureWriter.FiguresVersion"/>): the API's ETag.</summary>
    public long Version { get; } = FigureWriter.FiguresVersion(Rows.Values.Select(r => r.Row));
}

/// <summary>
/// What tells, in the header's one query, whether an evaluation's figures are still those read before: the evaluation's last
/// claimed write (every figure write claims it), and the count, the sum of the versions and the highest id of its rows (a
/// change bumps a version, a new row raises the count and the id, a removed one lowers the count).
/// </summary>
public readonly record struct FiguresStamp(int SchemeId, string SchemeHash, DateTime UpdatedAtUtc, int Count, long VersionSum, long MaxId);

/// <summary>
/// The figures views this instance has read, by evaluation (issue 29's GET of figures, decision 0050): used again while the
/// stamp read with the header is the same and for at most the instance cache's maximum age (<c>Cache:MaxAgeSeconds</c>, so a user's new name
/// shows within that), never across a write. Bounded: past <see cref="MaxEntries"/> it starts afresh.
/// </summary>
public sealed class FiguresViews(TimeProvider clock, Caching.InstanceCache cache)
{
    public const int MaxEntries = 4_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, (FiguresStamp Stamp, FiguresView View, DateTimeOffset At)> _views = new();

    public FiguresView? Find(int id, FiguresStamp stamp) =>
        _views.TryGetValue(id, out var entry) && entry.Stamp == stamp && clock.GetUtcNow() - entry.At < cache.MaxAge ? entry.View : null;

    public void Keep(int id, FiguresStamp stamp, FiguresView view)
    {
        if (_views.Count >= MaxEntries) _views.Clear();
        _views[id] = (stamp, view, clock.GetUtcNow());
    }
}

/// <summary>
/// The figures of an evaluation the actor may see, as stored (the API's GET of figures, issue 29): the header in the actor's
/// region (else not found, as the pages' loader answers) with the figures' stamp, then — unless this instance read the same
/// figures a moment ago (<see cref="FiguresViews"/>) — the rows with their users' names; no rule evaluated, since the answer
/// holds only what was entered (judgments are read with <see cref="EvaluationCard"/>).
/// </summary>
public sealed class FiguresQuery(EduDutyDbContext db, StoredSchemes schemes, FiguresViews views)
{
    public async Task<Outcome<FiguresView>> HandleAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        var figures = db.FigureValues.Where(f => f.EvaluationId == id);
        // Not the pages' header (its deadline and county are not needed here): the evaluation in the actor's region, its stamp.
        var header = await db.Evaluations.AsNoTracking().Where(e => e.Id == id).Under(e => e.County.Path, actor.RegionPath)
            .Select(e => new FiguresStamp(e.SchemeId, e.Scheme.ContentHash, e.UpdatedAtUtc, figures.Count(), figures.Sum(f => (long)f.Version), figures.Max(f => (long?)f.Id) ?? 0))
            .SingleOrDefaultAsync(cancellationToken);
        if (header == default) return Outcome.NotFound(Messages.EvaluationNotFound);
        if (views.Find(id, header) is { } kept) return Outcome.Done(kept);

        var scheme = await schemes.GetAsync(db, header.SchemeId, header.SchemeHash, cancellationToken);
        var rows = await (from f in db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == id)
                          join u in db.Users on f.UpdatedByUserId equals u.Id into changedBy
                          from u in changedBy.DefaultIfEmpty()
                          select new { Row = f, Name = u == null ? null : u.DisplayName }).ToListAsync(cancellationToken);
        var view = new FiguresView(id, scheme, rows.ToDictionary(r => r.Row.FieldCode, r => (r.Row, (string?)r.Name), StringComparer.Ordinal));
        // Kept only when nothing was written between the two reads (a row read now would not match the stamp read before).
        if (view.Rows.Count == header.Count && view.Rows.Values.Sum(r => (long)r.Row.Version) == header.VersionSum) views.Keep(id, header, view);
        return Outcome.Done(view);
    }
}
