using EduDuty.Application.Evaluations;
using EduDuty.Application.Excel;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Scoring;
using EduDuty.Core.Text;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Oversight;

/// <summary>One county of a region in a year: its state, deadline and results in brief (null summary: not started).</summary>
public sealed record OversightCounty(string Code, string Name, string? Parent, string Path, int? EvaluationId, CountyState State, DeadlineState? Deadline, ResultSummary? Summary)
{
    /// <summary>The stored self-score and grade, under a scheme that scores.</summary>
    public StoredScore? Score { get; init; }

    /// <summary>The stored verified score and grade, once review has decided a claim or adjusted an indicator.</summary>
    public StoredScore? Verified { get; init; }

    public IReadOnlyList<string> Failing => Summary?.FailingCodes ?? [];

    public IReadOnlyDictionary<string, decimal> Values => Summary?.JudgedValues ?? Empty;

    public bool Overdue => Deadline?.BlocksDraft == true;

    /// <summary>Whether any figure is entered: until then the heat map shows 未填 and the lists "—" (decision 0035).</summary>
    public bool HasFigures => Summary?.HasFigures == true;

    /// <summary>The state as the lists show it: 未开始填报 for a draft with nothing entered.</summary>
    public string StateText => State.DisplayName(HasFigures);

    private static readonly IReadOnlyDictionary<string, decimal> Empty = new Dictionary<string, decimal>();
}

/// <summary>A region below the selected one (a city of a province), for the heat map's rows.</summary>
public sealed record ChildRegion(string Code, string Name, string Path);

/// <summary>Every active county of a selected region and year with its summary, the scheme, the deadline and the child regions.</summary>
public sealed record RegionCounties(Scheme Scheme, IReadOnlyList<OversightCounty> Counties, IReadOnlyList<ChildRegion> Children, DateOnly? Due, DateOnly Today);

/// <summary>
/// Reads a region's counties for a year from the stored summaries (decision 0018) in three statements whatever their number —
/// the child regions, the deadlines that apply, and the counties with their evaluation and summary in one joined query (the
/// scheme comes from the cache by the hash the selection carries): what the dashboard and the roll-up report are made from.
/// </summary>
public sealed class RegionCountiesQuery(EduDutyDbContext db, StoredSchemes schemes, TimeProvider clock)
{
    /// <param name="onlyValueOf">
    /// When given, the one judged number the caller needs (chosen from the scheme): only its value is read from each summary,
    /// not the hundred others (the dashboard's distribution). Without it every judged value is read (the roll-up report).
    /// </param>
    public async Task<RegionCounties> LoadAsync(CountiesExport selection, CancellationToken cancellationToken, Func<Scheme, string?>? onlyValueOf = null)
    {
        var path = selection.RegionPath;
        var (year, schemeId) = (selection.Year, selection.SchemeId);
        var scheme = await schemes.GetAsync(db, schemeId, selection.SchemeHash, cancellationToken);
        var childLength = path.Length + AdministrativeCode.Length + 1; // "/140000/" → "/140000/140800/"
        var children = await db.Regions.AsNoTracking()
            .Under(r => r.Path, path).Where(r => r.IsActive && r.Level != RegionLevel.County && r.Path.Length == childLength)
            .OrderBy(r => r.Code).Select(r => new ChildRegion(r.Code, r.Name, r.Path)).ToListAsync(cancellationToken);
        var deadlines = (await db.Deadlines.AsNoTracking()
                .Where(d => d.SchemeId == schemeId && d.Year == year).OnBranchOf(d => d.Region.Path, path)
                .Select(d => new { d.Region.Path, d.DueDate }).ToListAsync(cancellationToken))
            .Select(d => (d.Path, d.DueDate)).ToList();
        var only = onlyValueOf?.Invoke(scheme);
        var key = $";{only}="; // the stored form "A10.03=99.82;A10.06=55.77", with a ';' put in front so every code starts after one
        var rows = await (from r in db.Regions.AsNoTracking().Under(r => r.Path, path).Where(r => r.Level == RegionLevel.County && r.IsActive)
                          join e0 in db.Evaluations.Where(e => e.Year == year && e.SchemeId == schemeId) on r.Id equals e0.CountyId into opened
                          from e in opened.DefaultIfEmpty()
                          join s0 in db.Summaries on (int?)e.Id equals (int?)s0.EvaluationId into summarised
                          from s in summarised.DefaultIfEmpty()
                          select new CountyRow
                          {
                              Code = r.Code, Name = r.Name, Path = r.Path, Parent = r.Parent == null ? null : r.Parent!.Name,
                              EvaluationId = e == null ? null : e.Id, Status = e == null ? null : e.Status, ExtendedTo = e == null ? null : e.ExtendedTo,
                              HasSummary = s != null, RequiredFilled = s == null ? 0 : s.RequiredFilled, Required = s == null ? 0 : s.Required,
                              OptionalFilled = s == null ? 0 : s.OptionalFilled, Optional = s == null ? 0 : s.Optional, Warnings = s == null ? 0 : s.Warnings,
                              FailingCodes = s == null ? null : s.FailingCodes,
                              Score = s == null ? null : s.Score, Grade = s == null ? null : s.Grade,
                              VerifiedScore = s == null ? null : s.VerifiedScore, VerifiedGrade = s == null ? null : s.VerifiedGrade,
                              JudgedValues = s == null ? null
                                  : onlyValueOf == null ? s.JudgedValues
                                  : (";" + s.JudgedValues).Contains(key) ? (";" + s.JudgedValues).Substring((";" + s.JudgedValues).IndexOf(key) + 1, key.Length + 40) : null,
                          }).ToListAsync(cancellationToken);

        var today = ChinaTime.Today(clock);
        var empty = new Lazy<ResultSummary>(() => ResultSummary.Empty(scheme)); // an evaluation whose summary is not stored yet
        // Sorted here, not by the database: sorting thousands of wide rows there costs more than ordering their codes here.
        var counties = rows.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => r.EvaluationId is not { } id
            ? new OversightCounty(r.Code, r.Name, r.Parent, r.Path, null, CountyState.NotStarted, null, null)
            : new OversightCounty(r.Code, r.Name, r.Parent, r.Path, id, CountyStates.Of(r.Status!.Value),
                DeadlineState.Of(r.Status.Value, DeadlineState.YearDeadlineFor(r.Path, deadlines), r.ExtendedTo, today),
                r.HasSummary ? Summaries.Read(r.RequiredFilled, r.Required, r.OptionalFilled, r.Optional, r.FailingCodes ?? "", r.Warnings, r.JudgedValues) : empty.Value)
            {
                Score = StoredScore.Of(r.Score, r.Grade),
                Verified = StoredScore.Of(r.VerifiedScore, r.VerifiedGrade),
            })
            .ToList();
        var due = rows.Select(r => DeadlineState.YearDeadlineFor(r.Path, deadlines)).FirstOrDefault(d => d is not null);
        return new RegionCounties(scheme, counties, children, due, today);
    }

    private sealed class CountyRow
    {
        public required string Code { get; init; }
        public required string Name { get; init; }
        public required string Path { get; init; }
        public string? Parent { get; init; }
        public int? EvaluationId { get; init; }
        public EvaluationStatus? Status { get; init; }
        public DateOnly? ExtendedTo { get; init; }
        public bool HasSummary { get; init; }
        public int RequiredFilled { get; init; }
        public int Required { get; init; }
        public int OptionalFilled { get; init; }
        public int Optional { get; init; }
        public int Warnings { get; init; }
        public string? FailingCodes { get; init; }
        public string? JudgedValues { get; init; }
        public decimal? Score { get; init; }
        public string? Grade { get; init; }
        public decimal? VerifiedScore { get; init; }
        public string? VerifiedGrade { get; init; }
    }
}
