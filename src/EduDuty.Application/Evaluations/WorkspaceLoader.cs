using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations;

/// <summary>
/// Loads an evaluation the actor may see (null otherwise: the caller answers 404), with four queries: the header with its
/// deadline, the figure rows, the narratives, and the names of the users who made the last changes.
/// </summary>
public sealed class WorkspaceLoader(EduDutyDbContext db, StoredSchemes schemes, TimeProvider clock)
{
    public async Task<Workspace?> LoadAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        var path = actor.RegionPath;
        var header = await EvaluationClaim.Headers(db).Under(e => e.CountyPath, path).Where(e => e.Id == id).SingleOrDefaultAsync(cancellationToken);
        if (header is null) return null;

        var scheme = await schemes.GetAsync(db, header.SchemeId, header.SchemeHash, cancellationToken);
        var rows = await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == id).ToListAsync(cancellationToken);
        var narratives = await db.AreaNarratives.AsNoTracking().Where(n => n.EvaluationId == id).ToListAsync(cancellationToken);
        var userIds = rows.Select(r => r.UpdatedByUserId).Concat(narratives.Select(n => n.UpdatedByUserId))
            .OfType<string>().Distinct().ToList();
        var names = userIds.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var figureRows = rows.ToDictionary(r => r.FieldCode, StringComparer.Ordinal);
        var result = RuleEngine.For(scheme).Evaluate(figureRows.Values.ToValues());
        var deadline = DeadlineState.Of(header.Status, header.YearDeadline, header.ExtendedTo, ChinaTime.Today(clock));
        return new Workspace
        {
            Id = header.Id,
            County = header.County,
            CountyId = header.CountyId,
            CountyPath = header.CountyPath,
            Year = header.Year,
            SchemeId = header.SchemeId,
            SchemeHash = header.SchemeHash,
            Status = header.Status,
            UpdatedAtUtc = header.UpdatedAtUtc,
            Scheme = scheme,
            FigureRows = figureRows,
            Narratives = narratives.ToDictionary(n => n.AreaKey, StringComparer.Ordinal),
            UserNames = names,
            Result = result,
            Deadline = deadline,
            Facts = new EvaluationFacts(header.Status, deadline, MissingRequired(result)),
            Viewer = actor.ViewerOf(header.CountyPath),
        };
    }

    /// <summary>The required inputs not entered yet, as "name（code）": what submitting waits for.</summary>
    public static IReadOnlyList<string> MissingRequired(EvaluationResult result) => Completeness.Of(result).Missing.Select(Completeness.Label).ToList();
}
