using EduDuty.Core.Administration;
using EduDuty.Core.Regions;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

public sealed record RegionPlan(IReadOnlyList<RegionRow> New, int Unchanged, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>Regions for admins: import a list (all or none), create, rename, activate or deactivate, delete when unused. Audited.</summary>
public sealed class RegionAdministration(EduDutyDbContext db, AdminAuditLog audit)
{
    /// <summary>Every region with its parent, in code order, for the admin's list.</summary>
    public async Task<IReadOnlyList<Region>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Regions.AsNoTracking().Include(r => r.Parent).OrderBy(r => r.Code).ToListAsync(cancellationToken);

    /// <summary>Whether the region exists under the admin's own region: anything else is answered as not found.</summary>
    public Task<bool> IsInScopeAsync(string? code, Actor actor, CancellationToken cancellationToken = default) =>
        db.Regions.AnyAsync(r => r.Code == code && r.Path.StartsWith(actor.RegionPath), cancellationToken);

    /// <summary>What importing the rows would do: new regions, unchanged ones, and every problem.</summary>
    public async Task<RegionPlan> PlanAsync(IReadOnlyList<RegionRow> rows, CancellationToken cancellationToken = default)
    {
        var existing = await db.Regions.AsNoTracking().Include(r => r.Parent).ToDictionaryAsync(r => r.Code, cancellationToken);
        var inFile = rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var errors = new List<string>();
        var fresh = new List<RegionRow>();
        var unchanged = 0;
        foreach (var row in rows)
        {
            if (existing.TryGetValue(row.Code, out var region))
            {
                if (region.Name == row.Name && region.Parent?.Code == row.ParentCode) unchanged++;
                else errors.Add($"第 {row.Line} 行：代码 {row.Code} 已存在（{region.Name}），与文件不同；请在页面上修改它");
                continue;
            }

            if (row.ParentCode is { } parent && !existing.ContainsKey(parent) && !inFile.Contains(parent))
                errors.Add($"第 {row.Line} 行：上级代码 {parent} 不存在，请把上级地区一并导入");
            else fresh.Add(row);
        }

        return new RegionPlan(fresh, unchanged, errors);
    }

    public async Task<RegionPlan> ImportAsync(IReadOnlyList<RegionRow> rows, Actor actor, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(rows, cancellationToken);
        if (!plan.IsValid || plan.New.Count == 0) return plan;
        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, cancellationToken);
        foreach (var row in plan.New.OrderBy(r => r.Level))
        {
            var parent = row.ParentCode is null ? null : regions[row.ParentCode];
            var region = new Region { Code = row.Code, Name = row.Name, Level = row.Level, Parent = parent, Path = AdministrativeCode.PathOf(row.Code, parent?.Path) };
            db.Regions.Add(region);
            regions[row.Code] = region;
        }

        audit.Add(actor, "导入地区", $"{plan.New.Count} 个地区", null, string.Join("、", plan.New.Take(20).Select(r => $"{r.Code} {r.Name}")));
        await db.SaveChangesAsync(cancellationToken);
        return plan;
    }

    public async Task<string?> UpdateAsync(string code, string? name, bool active, Actor actor, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50) return "名称应为 1–50 个字符。";
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, cancellationToken);
        if (region is null) return "地区不存在。";
        var before = $"{region.Name}，{(region.IsActive ? "启用" : "停用")}";
        region.Name = name.Trim();
        region.IsActive = active;
        audit.Add(actor, "修改地区", code, before, $"{region.Name}，{(active ? "启用" : "停用")}");
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Only a region with no evaluations, users or sub-regions can be deleted; any other can only be deactivated.</summary>
    public async Task<string?> DeleteAsync(string code, Actor actor, CancellationToken cancellationToken = default)
    {
        var region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code, cancellationToken);
        if (region is null) return "地区不存在。";
        if (await db.Evaluations.AnyAsync(e => e.CountyId == region.Id, cancellationToken)) return $"{region.Name} 已有评价，不能删除，只能停用。";
        if (await db.Users.AnyAsync(u => u.RegionId == region.Id, cancellationToken)) return $"{region.Name} 下还有用户，不能删除，只能停用。";
        if (await db.Regions.AnyAsync(r => r.ParentId == region.Id, cancellationToken)) return $"{region.Name} 下还有下级地区，不能删除。";
        db.Regions.Remove(region);
        audit.Add(actor, "删除地区", code, region.Name, null);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
