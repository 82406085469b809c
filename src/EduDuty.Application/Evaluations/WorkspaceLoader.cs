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
/// Loads an evaluation the actor may see (null otherwise: the caller answers 404), with three queries: the header with its
/// deadline, the figure rows and the narratives, each with the name of the user who last changed it.
/// </summary>
public sealed class WorkspaceLoader(EduDutyDbContext db, StoredSchemes schemes, TimeProvider clock)
{
    public async Task<Workspace?> LoadAsync(int id, Actor actor, CancellationToken cancellationToken)
    {
        var path = actor.RegionPath;
        var header = await EvaluationClaim.Headers(db).Under(e => e.CountyPath, path).Where(e => e.Id == id).SingleOrDefaultAsync(cancellationToken);
        if (header is null) return null;

        var scheme = await schemes.GetAsync(db, header.SchemeId, header.SchemeHash, cancellationToken);
        // The names of who last changed each row come with the rows (a left join): no third query for them.
        var rows = await (from f in db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == id)
                          join u in db.Users on f.UpdatedByUserId equals u.Id into changedBy
                          from u in changedBy.DefaultIfEmpty()
                          select new { Row = f, Name = u == null ? null : u.DisplayName }).ToListAsync(cancellationToken);
        var narratives = await (from n in db.AreaNarratives.AsNoTracking().Where(n => n.EvaluationId == id)
                                join u in db.Users on n.UpdatedByUserId equals u.Id into changedBy
                                from u in changedBy.DefaultIfEmpty()
                                select new { Row = n, Name = u == null ? null : u.DisplayName }).ToListAsync(cancellationToken);
        var names = rows.Select(r => (r.Row.UpdatedByUserId, r.Name)).Concat(narratives.Select(n => (n.Row.UpdatedByUserId, n.Name)))
            .Where(x => x.UpdatedByUserId is not null && x.Name is not null)
            .DistinctBy(x => x.UpdatedByUserId).ToDictionary(x => x.UpdatedByUserId!, x => x.Name!, StringComparer.Ordinal);

        return Assemble(header, scheme, rows.Select(r => r.Row).ToList(), narratives.Select(n => n.Row).ToList(), names, actor, clock);
    }

    /// <summary>The workspace from what was read (this loader's queries or <see cref="WorkspacePageLoader"/>'s).</summary>
    /// <param name="known">The rules' result when the caller has it already (the save's header-only workspace: no figures).</param>
    /// <param name="missingDecided">False where the workspace only decides editing: the missing figures decide submitting only.</param>
    internal static Workspace Assemble(EvaluationHeader header, Scheme scheme, IReadOnlyList<FigureValue> rows, IReadOnlyList<AreaNarrative> narratives,
        IReadOnlyDictionary<string, string> names, Actor actor, TimeProvider clock, EvaluationResult? known = null, bool missingDecided = true)
    {
        var figureRows = rows.ToDictionary(r => r.FieldCode, StringComparer.Ordinal);
        var result = known ?? RuleEngine.For(scheme).Evaluate(figureRows.Values.ToValues());
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
            Facts = new EvaluationFacts(header.Status, deadline, missingDecided ? MissingRequired(result) : []),
            Viewer = actor.ViewerOf(header.CountyPath),
        };
    }

    /// <summary>The required inputs not entered yet, as "name（code）": what submitting waits for.</summary>
    public static IReadOnlyList<string> MissingRequired(EvaluationResult result) => Completeness.Of(result).Missing.Select(Completeness.Label).ToList();
}
