using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Data.Administration;

public enum CountyState { NotStarted, Draft, Submitted, Returned, Approved }

public sealed record CountyRow(string Code, string Name, CountyState State, DateTime? LastActivityUtc, int? EvaluationId);

/// <summary>Opening an evaluation year for the counties of a region, and the state of every county in it.</summary>
public sealed class EvaluationYears(EduDutyDbContext db, TimeProvider clock)
{
    /// <summary>One draft per active county under the region that has none for this scheme and year; running it again creates nothing.</summary>
    public async Task<int> OpenAsync(int schemeId, int year, string regionPath, Actor actor, CancellationToken cancellationToken = default)
    {
        var counties = await db.Regions.Where(r => r.Level == RegionLevel.County && r.IsActive && r.Path.StartsWith(regionPath)).Select(r => r.Id).ToListAsync(cancellationToken);
        var opened = await db.Evaluations.Where(e => e.SchemeId == schemeId && e.Year == year).Select(e => e.CountyId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var missing = counties.Except(opened).ToList();
        foreach (var county in missing)
        {
            db.Evaluations.Add(new Evaluation { CountyId = county, SchemeId = schemeId, Year = year, Status = EvaluationStatus.Draft, CreatedAtUtc = now, UpdatedAtUtc = now });
        }

        var scheme = await db.Schemes.Where(s => s.Id == schemeId).Select(s => s.Code + " v" + s.Version).SingleAsync(cancellationToken);
        db.AdminAuditEntries.Add(new AdminAuditEntry
        {
            UserId = actor.Id, UserDisplayName = actor.DisplayName, AtUtc = now, Action = "开启评价年度",
            Target = $"{year}年 {scheme} {regionPath}", Before = $"已开启 {opened.Count(counties.Contains)} 县", After = $"新开启 {missing.Count} 县",
        });
        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }

    public async Task SetDeadlineAsync(int schemeId, int year, DateOnly due, Actor actor, CancellationToken cancellationToken = default)
    {
        var deadline = await db.Deadlines.SingleOrDefaultAsync(d => d.SchemeId == schemeId && d.Year == year, cancellationToken);
        var before = deadline?.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (deadline is null) db.Deadlines.Add(deadline = new EvaluationDeadline { SchemeId = schemeId, Year = year });
        var now = clock.GetUtcNow().UtcDateTime;
        deadline.DueDate = due;
        deadline.UpdatedAtUtc = now;
        deadline.UpdatedByUserId = actor.Id;
        db.AdminAuditEntries.Add(new AdminAuditEntry
        {
            UserId = actor.Id, UserDisplayName = actor.DisplayName, AtUtc = now, Action = "设置截止日期", Target = $"{year}年 方案 {schemeId}",
            Before = before, After = due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CountyRow>> CountiesAsync(int schemeId, int year, string regionPath, CancellationToken cancellationToken = default)
    {
        var counties = await db.Regions.AsNoTracking().Where(r => r.Level == RegionLevel.County && r.Path.StartsWith(regionPath)).OrderBy(r => r.Code)
            .Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(cancellationToken);
        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.SchemeId == schemeId && e.Year == year)
            .Select(e => new { e.Id, e.CountyId, e.Status, e.UpdatedAtUtc }).ToListAsync(cancellationToken);
        var byCounty = evaluations.ToDictionary(e => e.CountyId);
        return counties.Select(c => byCounty.TryGetValue(c.Id, out var e)
                ? new CountyRow(c.Code, c.Name, StateOf(e.Status), e.UpdatedAtUtc, e.Id)
                : new CountyRow(c.Code, c.Name, CountyState.NotStarted, null, null))
            .ToList();
    }

    private static CountyState StateOf(EvaluationStatus status) => status switch
    {
        EvaluationStatus.Submitted => CountyState.Submitted,
        EvaluationStatus.Returned => CountyState.Returned,
        EvaluationStatus.Approved => CountyState.Approved,
        _ => CountyState.Draft,
    };

    public static string DisplayName(CountyState state) => state switch
    {
        CountyState.NotStarted => "未开始",
        CountyState.Draft => "草稿",
        CountyState.Submitted => "已提交",
        CountyState.Returned => "已退回",
        _ => "已通过",
    };
}
