using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Core.Security;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys.Problems;

/// <summary>The list's filters (all optional); <see cref="Search"/> is bounded to <see cref="ProblemReportsQuery.MaxSearch"/> characters.</summary>
public sealed record ProblemFilter(int? CountyId = null, ProblemStatus? Status = null, string? Category = null, int? RoundId = null, string? Search = null);

public sealed record ProblemRow(long Id, string Reference, string County, string Category, string Excerpt, DateTime ReceivedAtUtc, ProblemStatus Status, bool HasContact);

public sealed record ProblemOption(int Id, string Name);

/// <summary>The supervisor's list: a page of reports, the counts by state under the filters but the state, and the filters' choices.</summary>
public sealed record ProblemList(Paged<ProblemRow> Page, IReadOnlyDictionary<ProblemStatus, int> ByStatus, IReadOnlyList<ProblemOption> Counties, IReadOnlyList<ProblemOption> Rounds, string? SearchNotice);

public sealed record ProblemNoteView(DateTime AtUtc, string ByName, ProblemStatus From, ProblemStatus To, string? Text);

public sealed record ProblemDetail(
    long Id, string Reference, string Category, string Text, DateTime ReceivedAtUtc, string County, string Round, ProblemStatus Status,
    string? ContactName, string? ContactPhone, DateTime? ContactPurgedAtUtc, int Version, DateTime? UpdatedAtUtc, string? UpdatedByName,
    IReadOnlyList<ProblemNoteView> Notes, int RetentionDays);

/// <summary>A county's problem reports on 督导总览: how many, how many still 待核实.</summary>
public sealed record ProblemCount(int CountyId, string Code, string County, int Total, int Pending);

/// <summary>
/// What supervisors read of problem reports (decision 0060): only a supervisor, only the counties of their region
/// (<see cref="SurveyPolicy.Problems"/> in every method; a report outside the region is not found, never told apart from one
/// that does not exist). The county's users, departments and admins get nothing — not even a count.
/// </summary>
public sealed class ProblemReportsQuery(EduDutyDbContext db, ProblemReportSettings settings)
{
    public const int PageSize = 30;

    public const int MaxSearch = 50;

    public async Task<Outcome<ProblemList>> ListAsync(Actor actor, ProblemFilter filter, int page, CancellationToken cancellationToken)
    {
        if (SurveyPolicy.Problems(Viewer(actor), actor.RegionPath) is { } refusal) return Outcome.Refused(refusal);
        string? notice = null;
        var search = filter.Search?.Trim();
        if (search is { Length: > MaxSearch })
        {
            search = search[..MaxSearch];
            notice = $"搜索文字最多 {MaxSearch} 个字，只按前 {MaxSearch} 个字搜索。";
        }

        var scoped = db.ProblemReports.AsNoTracking().Under(p => p.County.Path, actor.RegionPath);
        if (filter.CountyId is { } county) scoped = scoped.Where(p => p.CountyId == county);
        if (filter.Category is { Length: > 0 } category) scoped = scoped.Where(p => p.Category == category);
        if (filter.RoundId is { } round) scoped = scoped.Where(p => p.RoundId == round);
        if (!string.IsNullOrEmpty(search)) scoped = scoped.Where(p => p.Text.Contains(search) || p.Reference == search.ToUpperInvariant());
        var byStatus = (await scoped.GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => g.Count);
        var listed = filter.Status is { } status ? scoped.Where(p => p.Status == status) : scoped;
        var paged = await listed.OrderByDescending(p => p.ReceivedAtUtc).ThenByDescending(p => p.Id)
            .Select(p => new ProblemRow(p.Id, p.Reference, p.County.Name, p.Category, p.Text.Substring(0, Math.Min(p.Text.Length, 60)), p.ReceivedAtUtc, p.Status,
                p.ContactName != null || p.ContactPhone != null))
            .ToPagedAsync(page, PageSize, cancellationToken);
        var counties = await db.Regions.AsNoTracking().Under(r => r.Path, actor.RegionPath).Where(r => r.Level == RegionLevel.County)
            .OrderBy(r => r.Code).Select(r => new ProblemOption(r.Id, r.Name)).ToListAsync(cancellationToken);
        var roundIds = await db.ProblemReports.AsNoTracking().Under(p => p.County.Path, actor.RegionPath).Select(p => p.RoundId).Distinct().ToListAsync(cancellationToken);
        var rounds = await db.SurveyRounds.AsNoTracking().Where(r => roundIds.Contains(r.Id))
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Year, Title = db.SurveyDefinitions.Where(d => d.Id == r.DefinitionId).Select(d => d.Title).Single(), r.OpensOn })
            .Take(50).ToListAsync(cancellationToken);
        return Outcome.Done(new ProblemList(paged, byStatus, counties,
            rounds.Select(r => new ProblemOption(r.Id, $"{r.Year} 年度 {r.Title}（{Core.Text.ChinaTime.Date(r.OpensOn)}起）")).ToList(), notice));
    }

    public async Task<Outcome<ProblemDetail>> DetailAsync(Actor actor, long id, CancellationToken cancellationToken)
    {
        var report = await db.ProblemReports.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p, County = p.County.Name, p.County.Path }).SingleOrDefaultAsync(cancellationToken);
        if (report is null) return Outcome.NotFound(Messages.ProblemReportUnknown);
        if (SurveyPolicy.Problems(Viewer(actor), report.Path) is { } refusal)
            return refusal == Messages.SurveyOutOfScope ? Outcome.NotFound(Messages.ProblemReportUnknown) : Outcome.Refused(refusal);
        var p = report.p;
        var round = await db.SurveyRounds.AsNoTracking().Where(r => r.Id == p.RoundId)
            .Select(r => new { r.Year, Title = db.SurveyDefinitions.Where(d => d.Id == r.DefinitionId).Select(d => d.Title).Single() }).SingleAsync(cancellationToken);
        var notes = await db.ProblemReportNotes.AsNoTracking().Where(n => n.ReportId == id).OrderBy(n => n.AtUtc).ThenBy(n => n.Id)
            .Select(n => new ProblemNoteView(n.AtUtc, n.ByName, n.FromStatus, n.ToStatus, n.Text)).ToListAsync(cancellationToken);
        return Outcome.Done(new ProblemDetail(p.Id, p.Reference, p.Category, p.Text, p.ReceivedAtUtc, report.County, $"{round.Year} 年度 {round.Title}", p.Status,
            p.ContactName, p.ContactPhone, p.ContactPurgedAtUtc, p.Version, p.UpdatedAtUtc, p.UpdatedByName, notes, settings.ContactRetentionDays));
    }

    /// <summary>
    /// 督导总览's block: per county of <paramref name="regionPath"/> with reports in rounds of <paramref name="year"/>, the total and
    /// the 待核实. Empty for anyone but a supervisor (an admin sees the same overview page without it).
    /// </summary>
    public async Task<IReadOnlyList<ProblemCount>> CountsAsync(Actor actor, string regionPath, int year, CancellationToken cancellationToken)
    {
        if (SurveyPolicy.Problems(Viewer(actor), regionPath) is not null) return [];
        var rows = await db.ProblemReports.AsNoTracking().Under(p => p.County.Path, regionPath)
            .Where(p => db.SurveyRounds.Any(r => r.Id == p.RoundId && r.Year == year))
            .GroupBy(p => new { p.CountyId, p.County.Code, p.County.Name })
            .Select(g => new { g.Key.CountyId, g.Key.Code, g.Key.Name, Total = g.Count(), Pending = g.Count(p => p.Status == ProblemStatus.Pending) })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new ProblemCount(r.CountyId, r.Code, r.Name, r.Total, r.Pending)).ToList();
    }

    internal static SurveyViewer Viewer(Actor actor) => new(actor.Roles, actor.RegionPath);
}
