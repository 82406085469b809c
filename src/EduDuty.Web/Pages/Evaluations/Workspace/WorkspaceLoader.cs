using EduDuty.Data.Entities;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Evaluations.Workspace;

/// <summary>
/// Loads an evaluation the signed-in user may see (null otherwise: the caller answers 404), with three queries:
/// the header, the figure rows, the narratives; plus the names of the users who made the last changes.
/// </summary>
public sealed class WorkspaceLoader(EduDutyDbContext db, CurrentUser user, StoredSchemes schemes, TimeProvider clock)
{
    public async Task<Workspace?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var header = await db.Evaluations.AsNoTracking().VisibleTo(user)
            .Where(e => e.Id == id)
            .Select(e => new
            {
                e.Id, County = e.County.Name, e.CountyId, e.Year, e.SchemeId, e.Status, e.UpdatedAtUtc, e.ExtendedTo,
                Due = db.Deadlines.Where(d => d.SchemeId == e.SchemeId && d.Year == e.Year).Select(d => (DateOnly?)d.DueDate).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (header is null) return null;

        var scheme = await schemes.GetAsync(db, header.SchemeId, cancellationToken);
        var rows = await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == id).ToListAsync(cancellationToken);
        var narratives = await db.AreaNarratives.AsNoTracking().Where(n => n.EvaluationId == id).ToListAsync(cancellationToken);
        var userIds = rows.Select(r => r.UpdatedByUserId).Concat(narratives.Select(n => n.UpdatedByUserId))
            .OfType<string>().Distinct().ToList();
        var names = userIds.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        var figureRows = rows.ToDictionary(r => r.FieldCode, StringComparer.Ordinal);
        var deadline = DeadlineState.Of(header.Status, header.Due, header.ExtendedTo, Today(clock));
        return new Workspace
        {
            Id = header.Id,
            County = header.County,
            CountyId = header.CountyId,
            Year = header.Year,
            Status = header.Status,
            UpdatedAtUtc = header.UpdatedAtUtc,
            Scheme = scheme,
            FigureRows = figureRows,
            Narratives = narratives.ToDictionary(n => n.AreaKey, StringComparer.Ordinal),
            UserNames = names,
            Result = RuleEngine.For(scheme).Evaluate(figureRows.Values.ToValues()),
            Deadline = deadline,
            CanEdit = user.IsCountyUser && ReviewWorkflow.IsEditable(header.Status) && !deadline.BlocksDraft,
        };
    }

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(Core.Text.ChinaTime.FromUtc(clock.GetUtcNow().UtcDateTime));
}
