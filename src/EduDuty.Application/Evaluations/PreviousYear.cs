using System.Linq.Expressions;
using EduDuty.Application.Evaluations.Content;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Years;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Evaluations;

/// <summary>A county's evaluation of the year before, evaluated under its own scheme.</summary>
public sealed record LastYear(int EvaluationId, int Year, EvaluationResult Result)
{
    /// <summary>Last year's number of a field of the same code, when it had one (inputs and computed numbers alike).</summary>
    public decimal? NumberOf(string code) =>
        Result.Scheme.FindField(code) is { } field && field.Kind.IsNumeric() && Result[code].Value is { Type: FieldValueType.Number } value
            ? DisplayFormat.Round(value.Number, field.Precision)
            : null;

    /// <summary>
    /// Last year's values of the fields <paramref name="current"/> has under the same code: entered ones as entered, computed
    /// ones as last year's report printed them (the county workbook's 上年数值 column).
    /// </summary>
    public IReadOnlyDictionary<string, FieldValue> ValuesFor(Scheme current) =>
        current.Fields
            .Where(f => Result.Scheme.FindField(f.Code) is not null && Result[f.Code].Value is not null)
            .ToDictionary(f => f.Code, f => NumberOf(f.Code) is { } number && !Result[f.Code].Field.Kind.IsInput() ? FieldValue.Of(number) : Result[f.Code].Value!.Value,
                StringComparer.Ordinal);
}

/// <summary>The evaluation that counts as a county's last year, as a page's header query reads it (all null: none counts).</summary>
public sealed record PreviousPick
{
    public int? Id { get; init; }

    public int? SchemeId { get; init; }

    public string? SchemeHash { get; init; }
}

/// <summary>What opening a year carried over: how many counties got last year's figures, and the mappings that could not apply.</summary>
public sealed record CarryOutcome(int Counties, int Values, IReadOnlyList<string> Problems)
{
    public static readonly CarryOutcome None = new(0, 0, []);
}

/// <summary>
/// Last year's figures of a county: from its evaluation of the year before, once that was approved or (while it is not yet)
/// submitted — a draft's or a returned evaluation's figures are not last year's figures. The one home of that rule, for the
/// area page, the county workbook, the report's appendix and the carry-forward when a year is opened (issue 16).
/// </summary>
public sealed class PreviousYear(EduDutyDbContext db, StoredSchemes schemes, ContentWriter content)
{
    /// <summary>The evaluation that counts as last year's for each of the given counties (approved first, then the latest submitted).</summary>
    private async Task<List<(int CountyId, int Id, int SchemeId)>> PickAsync(IReadOnlyCollection<int> countyIds, int year, CancellationToken cancellationToken)
    {
        var candidates = await db.Evaluations.AsNoTracking()
            .Where(e => countyIds.Contains(e.CountyId) && e.Year == year - 1 && (e.Status == EvaluationStatus.Approved || e.Status == EvaluationStatus.Submitted))
            .Select(e => new { e.CountyId, e.Id, e.SchemeId, e.Status, e.UpdatedAtUtc }).ToListAsync(cancellationToken);
        return candidates.GroupBy(e => e.CountyId)
            .Select(g => g.OrderBy(e => e.Status == EvaluationStatus.Approved ? 0 : 1).ThenByDescending(e => e.UpdatedAtUtc).First())
            .Select(e => (e.CountyId, e.Id, e.SchemeId)).ToList();
    }

    /// <summary>
    /// The same pick in SQL, for a page's one header query (<see cref="WorkspacePageLoader"/>): approved first, then the latest
    /// submitted, of the county's year before.
    /// </summary>
    internal static Expression<Func<EvaluationHeader, PreviousPick>> Pick(EduDutyDbContext db) => h => new PreviousPick
    {
        Id = db.Evaluations.Where(p => p.CountyId == h.CountyId && p.Year == h.Year - 1 && (p.Status == EvaluationStatus.Approved || p.Status == EvaluationStatus.Submitted))
            .OrderBy(p => p.Status == EvaluationStatus.Approved ? 0 : 1).ThenByDescending(p => p.UpdatedAtUtc).Select(p => (int?)p.Id).FirstOrDefault(),
        SchemeId = db.Evaluations.Where(p => p.CountyId == h.CountyId && p.Year == h.Year - 1 && (p.Status == EvaluationStatus.Approved || p.Status == EvaluationStatus.Submitted))
            .OrderBy(p => p.Status == EvaluationStatus.Approved ? 0 : 1).ThenByDescending(p => p.UpdatedAtUtc).Select(p => (int?)p.SchemeId).FirstOrDefault(),
        SchemeHash = db.Evaluations.Where(p => p.CountyId == h.CountyId && p.Year == h.Year - 1 && (p.Status == EvaluationStatus.Approved || p.Status == EvaluationStatus.Submitted))
            .OrderBy(p => p.Status == EvaluationStatus.Approved ? 0 : 1).ThenByDescending(p => p.UpdatedAtUtc).Select(p => p.Scheme.ContentHash).FirstOrDefault(),
    };

    /// <summary>Last year from its figure rows read with this year's (<see cref="WorkspacePageLoader"/>).</summary>
    internal static LastYear Of(int evaluationId, int year, Scheme scheme, IEnumerable<FigureValue> rows) =>
        new(evaluationId, year, RuleEngine.For(scheme).Evaluate(rows.ToValues()));

    /// <summary>Which evaluation is the county's last year, without reading or evaluating its figures; null when none counts.</summary>
    public async Task<(int Id, int Year)?> WhichAsync(Workspace workspace, CancellationToken cancellationToken) =>
        await PickAsync([workspace.CountyId], workspace.Year, cancellationToken) is [var previous] ? (previous.Id, workspace.Year - 1) : null;

    /// <summary>The county's last year, or null when there is none that counts.</summary>
    public async Task<LastYear?> OfAsync(Workspace workspace, CancellationToken cancellationToken)
    {
        if (await PickAsync([workspace.CountyId], workspace.Year, cancellationToken) is not [var previous]) return null;
        var scheme = await schemes.GetAsync(db, previous.SchemeId, cancellationToken);
        var rows = await db.FigureValues.AsNoTracking().Where(f => f.EvaluationId == previous.Id).ToListAsync(cancellationToken);
        return new LastYear(previous.Id, workspace.Year - 1, RuleEngine.For(scheme).Evaluate(rows.ToValues()));
    }

    /// <summary>
    /// Prefills the newly opened evaluations from their counties' last year, by the scheme's mappings
    /// (<see cref="CarryForward"/>), each value marked with the evaluation it came from. The values go through the guarded
    /// write path inside the caller's transaction, up to 500 counties at a time (<see cref="ContentWriter.WriteWithinAsync"/>):
    /// claimed with the carry-forward rule (a draft, by an admin of its region), audited as 上年带入 by the actor who opened
    /// the year, their summaries refreshed. Runs after the evaluations have their ids; what it saved is let go from the context.
    /// </summary>
    public async Task<CarryOutcome> CarryIntoAsync(IReadOnlyList<Evaluation> opened, Scheme scheme, string schemeHash, Actor actor, CancellationToken cancellationToken)
    {
        if (opened.Count == 0 || !scheme.Fields.Any(f => f.CarryFrom is not null)) return CarryOutcome.None;
        var year = opened[0].Year;
        var previous = await PickAsync(opened.Select(e => e.CountyId).ToList(), year, cancellationToken);
        var byCounty = opened.ToDictionary(e => e.CountyId, e => e.Id);
        var problems = new SortedSet<string>(StringComparer.Ordinal);
        var (counties, values, refused) = (0, 0, 0);
        foreach (var group in previous.GroupBy(p => p.SchemeId))
        {
            var lastScheme = await schemes.GetAsync(db, group.Key, cancellationToken);
            var engine = RuleEngine.For(lastScheme);
            foreach (var batch in group.Chunk(500))
            {
                var ids = batch.Select(p => p.Id).ToList();
                var figures = (await db.FigureValues.AsNoTracking().Where(f => ids.Contains(f.EvaluationId)).ToListAsync(cancellationToken)).ToLookup(f => f.EvaluationId);
                // This year's draft → last year's evaluation and the values it gives.
                var plans = new Dictionary<int, (int From, IReadOnlyDictionary<string, FieldValue> Values)>();
                foreach (var last in batch)
                {
                    var plan = CarryForward.Plan(scheme, engine.Evaluate(figures[last.Id].ToValues()));
                    foreach (var problem in plan.Problems) problems.Add(problem.Problem!);
                    if (plan.Values.Count > 0) plans[byCounty[last.CountyId]] = (last.Id, plan.Values);
                }

                if (plans.Count == 0) continue;
                var written = await content.WriteWithinAsync(EvaluationAction.CarryForward, plans.Keys, scheme, schemeHash, actor, AuditSource.CarriedForward, scope =>
                {
                    var (from, carried) = plans[scope.EvaluationId];
                    foreach (var (code, value) in carried.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        var row = new FigureValue
                        {
                            EvaluationId = scope.EvaluationId, FieldCode = code, CarriedFromEvaluationId = from, Version = 1,
                            UpdatedAtUtc = scope.NowUtc, UpdatedByUserId = scope.Actor.Id,
                        };
                        row.Assign(value);
                        scope.Db.FigureValues.Add(row);
                        scope.Audit(AuditKind.Figure, code, null, value.ToInvariantString());
                    }
                }, cancellationToken);
                db.ChangeTracker.Clear(); // saved: a context tracking thousands of counties would slow every later save
                counties += written.Count;
                values += written.Sum(id => plans[id].Values.Count);
                refused += plans.Count - written.Count;
            }
        }

        if (refused > 0) problems.Add($"{refused} 个县的评价未带入上年数据：只有管理员可以向本地区的草稿带入。");
        return new CarryOutcome(counties, values, problems.ToList());
    }
}
