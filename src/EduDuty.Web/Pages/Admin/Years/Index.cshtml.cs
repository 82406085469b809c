using EduDuty.Data;
using EduDuty.Data.Administration;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Pages.Admin.Years;

public sealed record SchemeOption(int Id, string Label, int Year);

/// <summary>An evaluation year: open it for every county of a region, set its deadline, see every county's state.</summary>
public sealed class IndexModel(EduDutyDbContext db, EvaluationYears years, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty(SupportsGet = true)] public int? SchemeId { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty] public string? Deadline { get; set; }

    public IReadOnlyList<SchemeOption> Schemes { get; private set; } = [];
    public IReadOnlyList<Data.Entities.Region> Regions { get; private set; } = [];
    public IReadOnlyList<CountyRow> Counties { get; private set; } = [];
    public DateOnly? Due { get; private set; }
    public async Task<IActionResult> OnPostOpenAsync(CancellationToken cancellationToken)
    {
        if (await ResolveAsync(cancellationToken) is not var (schemeId, year, path)) return await FailAsync(["请选择方案、年度和地区。"], cancellationToken);
        var created = await years.OpenAsync(schemeId, year, path, Actor, cancellationToken);
        Message = created == 0 ? "所有县都已开启本年度评价，没有新建。" : $"已为 {created} 个县开启 {year} 年度评价（草稿）。";
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDeadlineAsync(CancellationToken cancellationToken)
    {
        if (await ResolveAsync(cancellationToken) is not var (schemeId, year, _)) return await FailAsync(["请选择方案、年度和地区。"], cancellationToken);
        if (Core.Text.ChinaTime.ParseIsoDate(Deadline) is not { } due) return await FailAsync(["请选择截止日期。"], cancellationToken);
        await years.SetDeadlineAsync(schemeId, year, due, Actor, cancellationToken);
        Message = $"{year} 年度截止日期已设为 {Core.Text.ChinaTime.Date(due)}。";
        return await RenderAsync(cancellationToken);
    }

    private async Task<(int SchemeId, int Year, string Path)?> ResolveAsync(CancellationToken cancellationToken)
    {
        if (SchemeId is not { } schemeId || !await db.Schemes.AnyAsync(s => s.Id == schemeId, cancellationToken)) return null;
        var year = Year ?? await db.Schemes.Where(s => s.Id == schemeId).Select(s => s.Year).SingleAsync(cancellationToken);
        if (year is < 2000 or > 2100) return null;
        var path = string.IsNullOrEmpty(Region)
            ? CurrentAdmin.RegionPath
            : await db.Regions.Where(r => r.Code == Region && r.Path.StartsWith(CurrentAdmin.RegionPath)).Select(r => r.Path).SingleOrDefaultAsync(cancellationToken);
        return path is null ? null : (schemeId, year, path);
    }

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        Schemes = await db.Schemes.AsNoTracking().OrderByDescending(s => s.Year).ThenByDescending(s => s.Version)
            .Select(s => new SchemeOption(s.Id, s.Code + " 第" + s.Version + "版 · " + s.Title, s.Year)).ToListAsync(cancellationToken);
        Regions = await db.Regions.AsNoTracking().Where(r => r.Path.StartsWith(CurrentAdmin.RegionPath) && r.Level != Core.Regions.RegionLevel.County).OrderBy(r => r.Code).ToListAsync(cancellationToken);
        SchemeId ??= Year is { } y ? await db.Schemes.Where(s => s.ActiveForYear == y).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken) : null;
        SchemeId ??= Schemes.FirstOrDefault()?.Id;
        Year ??= Schemes.FirstOrDefault(s => s.Id == SchemeId)?.Year;
        if (SchemeId is { } schemeId && Year is { } year)
        {
            var path = Regions.FirstOrDefault(r => r.Code == Region)?.Path ?? CurrentAdmin.RegionPath;
            Counties = await years.CountiesAsync(schemeId, year, path, cancellationToken);
            Due = await db.Deadlines.Where(d => d.SchemeId == schemeId && d.Year == year).Select(d => (DateOnly?)d.DueDate).FirstOrDefaultAsync(cancellationToken);
        }

        return Page();
    }
}
