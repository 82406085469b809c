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
    public long Version => FigureWriter.FiguresVersion(Rows.Values.Select(r => r.Row));
}

/// <summary>
/// The figures of an evaluation the actor may see, as stored (the API's GET of figures, issue 29): the header in the actor's
/// region (else not found, as the pages' loader answers) and the rows with their users' names — two queries, and no rule
/// evaluated, since the answer holds only what was entered (judgments are read with <see cref="EvaluationCard"/>).
/// </summary>
public sealed class FiguresQuery(EduDutyDbContext db, StoredSchemes schemes)
{
    public async Task<Outcome<FiguresView>> HandleAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        var header = await EvaluationClaim.Headers(db).Under(e => e.CountyPath, actor.RegionPath).Where(e => e.Id == id)
            .Select(e => new { e.SchemeId, e.SchemeHash }).SingleOrDefaultAsync(cancellationToken);
        if (header is null) return Outcome.NotFound(Messages.EvaluationNotFound);
        var scheme = await schemes.GetAsync(db, header.SchemeId, header.SchemeHash, cancellationToken);
        var rows = await (from f in db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == id)
                          join u in db.Users on f.UpdatedByUserId equals u.Id into changedBy
                          from u in changedBy.DefaultIfEmpty()
                          select new { Row = f, Name = u == null ? null : u.DisplayName }).ToListAsync(cancellationToken);
        return Outcome.Done(new FiguresView(id, scheme, rows.ToDictionary(r => r.Row.FieldCode, r => (r.Row, (string?)r.Name), StringComparer.Ordinal)));
    }
}
