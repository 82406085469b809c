using EduDuty.Application.Writes;
using EduDuty.Core.Administration;
using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

public sealed record RegionPlan(IReadOnlyList<RegionRow> New, int Unchanged, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>A region in the admin's tree: its depth under the admin's region, and what the admin may do with it.</summary>
public sealed record RegionNode(Region Region, int Depth, bool CanChange, string? DeleteBlocker, int SubRegions = 0)
{
    public bool CanDelete => CanChange && DeleteBlocker is null;
}

/// <summary>A level of the region tree: the way down to a region (<see cref="Trail"/>), the region, and a page of regions under it.</summary>
public sealed record RegionBranch(IReadOnlyList<Region> Trail, RegionNode Parent, Paged<RegionNode> Children);

/// <summary>
/// Regions for admins: import a list (all or none), create, rename, activate or deactivate, delete when unused. An admin works
/// strictly below their own region: a province's admin adds and changes its cities and counties, never the province itself
/// nor another province; new provinces come from the command line (<see cref="Actor.CommandLine"/>). Each change is one
/// write through the executor, audited; a region outside the admin's is answered as not found.
/// </summary>
public sealed class RegionAdministration(EduDutyDbContext db, AdminAuditLog audit, WriteExecutor executor)
{
    /// <summary>The regions under the admin's own (the admin's own first), with their parents, in code order.</summary>
    public async Task<IReadOnlyList<Region>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        await db.Regions.AsNoTracking().Include(r => r.Parent).Under(r => r.Path, actor.RegionPath).OrderBy(r => r.Code).ToListAsync(cancellationToken);

    public const int PageSize = 50;

    /// <summary>
    /// One level of the region tree at a time: the way down from the admin's region to <paramref name="parentCode"/> (the admin's
    /// own by default), that region, and a page of its sub-regions — or, with a <paramref name="search"/>, of every region below
    /// it whose code starts with or whose name contains the term. Each with whether the admin may change it, why it cannot be
    /// deleted (the rule <see cref="DeleteAsync"/> applies) and how many sub-regions it has. Not found when the region is not the admin's.
    /// </summary>
    /// <summary>The longest search a region list takes: a region's name is at most 50 characters.</summary>
    public const int MaxSearchLength = 50;

    public async Task<Outcome<RegionBranch>> BranchAsync(Actor actor, string? parentCode, string? search, int page, CancellationToken cancellationToken = default)
    {
        // A search longer than any name or code can match nothing; refused before it reaches a LIKE (the API passes it unfiltered).
        if (search?.Trim() is { Length: > MaxSearchLength } tooLong) return Outcome.Invalid("q", Messages.RegionSearchTooLong(tooLong.Length, MaxSearchLength));
        var mine = db.Regions.AsNoTracking().Under(r => r.Path, actor.RegionPath);
        var parent = await (string.IsNullOrEmpty(parentCode) ? mine.Where(r => r.Path == actor.RegionPath) : mine.Where(r => r.Code == parentCode))
            .Include(r => r.Parent).SingleOrDefaultAsync(cancellationToken);
        if (parent is null) return Outcome.NotFound(Messages.RegionNotFound);

        var trail = await mine.Above(r => r.Path, parent.Path).Where(r => r.Id != parent.Id).OrderBy(r => r.Path.Length).ToListAsync(cancellationToken);
        var below = mine.Include(r => r.Parent).Under(r => r.Path, parent.Path).Where(r => r.Id != parent.Id);
        var term = search?.Trim();
        below = string.IsNullOrEmpty(term) ? below.Where(r => r.ParentId == parent.Id) : below.Where(r => r.Code.StartsWith(term) || r.Name.Contains(term));
        var children = await below.OrderBy(r => r.Path).ToPagedAsync(page, PageSize, cancellationToken);

        var ids = children.Items.Select(r => r.Id).Append(parent.Id).ToList();
        var blockers = await BlockersAsync(ids, cancellationToken);
        var counts = await db.Regions.Where(r => r.ParentId != null && ids.Contains(r.ParentId.Value)).GroupBy(r => r.ParentId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var top = actor.RegionPath.Count(c => c == '/');
        RegionNode Node(Region r) => new(r, r.Path.Count(c => c == '/') - top, r.Path != actor.RegionPath && actor.IsInRole(Core.Security.Roles.Admin),
            r.Path == actor.RegionPath ? "这是您所在的地区" : blockers.GetValueOrDefault(r.Id), counts.GetValueOrDefault(r.Id));
        return Outcome.Done(new RegionBranch(trail, Node(parent), children.Select(Node)));
    }

    /// <summary>Why each region cannot be deleted (it has evaluations, users or sub-regions); absent when it can.</summary>
    private async Task<Dictionary<int, string>> BlockersAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var withEvaluations = await db.Evaluations.Where(e => ids.Contains(e.CountyId)).Select(e => e.CountyId).Distinct().ToListAsync(cancellationToken);
        var withUsers = await db.Users.Where(u => ids.Contains(u.RegionId)).Select(u => u.RegionId).Distinct().ToListAsync(cancellationToken);
        var withChildren = await db.Regions.Where(r => r.ParentId != null && ids.Contains(r.ParentId.Value)).Select(r => r.ParentId!.Value).Distinct().ToListAsync(cancellationToken);
        var blockers = new Dictionary<int, string>();
        foreach (var id in withChildren) blockers[id] = "下面还有下级地区，不能删除";
        foreach (var id in withUsers) blockers[id] = "下面还有用户，不能删除，只能停用";
        foreach (var id in withEvaluations) blockers[id] = "已有评价，不能删除，只能停用";
        return blockers;
    }

    /// <summary>A regions file read: its rows, or every problem of it by row (nothing is asked of the database yet).</summary>
    public static Outcome<IReadOnlyList<RegionRow>> Read(string? csv)
    {
        var read = RegionCsv.Read(csv ?? string.Empty);
        return read.IsValid ? Outcome.Done(read.Rows) : Outcome.Invalid(RowProblems.Of(read.Errors));
    }

    /// <summary>
    /// One region typed into the form (code, name, parent code): each field one line of plain text (the input rule, so a
    /// line break cannot make a second row), then the same checks as a file's row.
    /// </summary>
    public static Outcome<IReadOnlyList<RegionRow>> ReadOne(string? code, string? name, string? parentCode)
    {
        var problems = new (string Field, string Label, string? Value)[] { ("Code", "地区代码", code), ("Name", "地区名称", name), ("ParentCode", "上级地区代码", parentCode) }
            .Select(f => Core.Text.PlainText.Check(f.Value, f.Label) is { } bad ? new FieldProblem(f.Field, bad.Text) : null)
            .OfType<FieldProblem>().ToList();
        if (problems.Count > 0) return Outcome.Invalid(problems);
        static string Quoted(string? field) => "\"" + (field ?? string.Empty).Trim().Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        return Read($"{RegionCsv.Header}\n{Quoted(code)},{Quoted(name)},{Quoted(parentCode)}");
    }

    /// <summary>What importing the rows would do, for the admin to see before it is done; invalid with every problem by row.</summary>
    public async Task<Outcome<RegionPlan>> PreviewAsync(IReadOnlyList<RegionRow> rows, Actor actor, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(rows, actor, cancellationToken);
        return plan.IsValid ? Outcome.Done(plan) : Outcome.Invalid(RowProblems.Of(plan.Errors));
    }

    /// <summary>What importing the rows would do: new regions, unchanged ones, and every problem.</summary>
    private async Task<RegionPlan> PlanAsync(IReadOnlyList<RegionRow> rows, Actor actor, CancellationToken cancellationToken)
    {
        var existing = await db.Regions.AsNoTracking().Include(r => r.Parent).ToDictionaryAsync(r => r.Code, cancellationToken);
        var inFile = rows.ToDictionary(r => r.Code, StringComparer.Ordinal);
        var errors = new List<string>();
        var fresh = new List<RegionRow>();
        var unchanged = 0;
        foreach (var row in rows)
        {
            if (existing.TryGetValue(row.Code, out var region))
            {
                if (!actor.Covers(region.Path)) errors.Add($"第 {row.Line} 行：代码 {row.Code} 已被其他地区使用，不在您管辖的范围内");
                else if (region.Name == row.Name && region.Parent?.Code == row.ParentCode) unchanged++;
                else errors.Add($"第 {row.Line} 行：代码 {row.Code} 已存在（{region.Name}），与文件不同；请在页面上修改它");
                continue;
            }

            if (row.ParentCode is null)
            {
                if (actor.RegionPath.Length > 0) errors.Add($"第 {row.Line} 行：省级地区 {row.Code} 只能由系统管理员用命令行导入（eduduty regions import）");
                else fresh.Add(row);
            }
            else if (existing.TryGetValue(row.ParentCode, out var parent))
            {
                if (!actor.Covers(parent.Path)) errors.Add($"第 {row.Line} 行：上级地区 {row.ParentCode} 不在您管辖的范围内，不能在其下新增地区");
                else fresh.Add(row);
            }
            else if (!inFile.ContainsKey(row.ParentCode))
            {
                errors.Add($"第 {row.Line} 行：上级代码 {row.ParentCode} 不存在，请把上级地区一并导入");
            }
            else
            {
                fresh.Add(row); // its parent is new too, and is checked on its own row
            }
        }

        return new RegionPlan(fresh, unchanged, errors);
    }

    /// <summary>Adds the new regions of the rows, all or none; rows already there and the same are left as they are.</summary>
    /// <returns>Done with the plan carried out; invalid with every problem by row.</returns>
    public Task<Outcome<RegionPlan>> ImportAsync(IReadOnlyList<RegionRow> rows, Actor actor, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync<RegionPlan>($"import {rows.Count} regions by {actor.Id}", async (scope, ct) =>
        {
            var plan = await PlanAsync(rows, actor, ct);
            if (!plan.IsValid) return Outcome.Invalid(RowProblems.Of(plan.Errors));
            if (plan.New.Count == 0)
            {
                scope.Discard(); // every region is there already: nothing to add, nothing to record
                return Outcome.Done(plan);
            }

            var regions = await db.Regions.ToDictionaryAsync(r => r.Code, ct);
            foreach (var row in plan.New.OrderBy(r => r.Level))
            {
                var parent = row.ParentCode is null ? null : regions[row.ParentCode];
                var region = new Region { Code = row.Code, Name = row.Name, Level = row.Level, Parent = parent, Path = AdministrativeCode.PathOf(row.Code, parent?.Path) };
                db.Regions.Add(region);
                regions[row.Code] = region;
            }

            // Recorded where the admins of the new regions' common parent see it.
            var top = plan.New.OrderBy(r => r.Level).First();
            var concerns = top.ParentCode is { } p ? regions[p].Path : regions[top.Code].Path;
            audit.Add(actor, AdminAction.ImportRegions, $"{plan.New.Count} 个地区", null, string.Join("、", plan.New.Take(20).Select(r => $"{r.Code} {r.Name}")), concerns);
            return Outcome.Done(plan);
        }, cancellationToken);

    /// <summary>
    /// One region typed into the form or sent to the API (code, name, parent code): read as one row of a file
    /// (<see cref="ReadOne"/>) and added as an import of that row (<see cref="ImportAsync"/>), all its checks included.
    /// </summary>
    public async Task<Outcome<RegionPlan>> CreateAsync(string? code, string? name, string? parentCode, Actor actor, CancellationToken cancellationToken = default)
    {
        var read = ReadOne(code, name, parentCode);
        if (read is not { IsDone: true, Value: { } rows }) return Outcome.Invalid(read.Problems);
        return await ImportAsync(rows, actor, cancellationToken);
    }

    /// <summary>Renames a region below the admin's and activates or deactivates it.</summary>
    public Task<Outcome<Unit>> UpdateAsync(string? code, string? name, bool active, Actor actor, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync<Unit>($"update region {code} by {actor.Id}", async (_, ct) =>
        {
            var region = await ScopedAsync(code, actor, ct);
            if (region is null) return Outcome.NotFound(Messages.RegionNotFound);
            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50) return Outcome.Invalid("Name", "名称应为 1–50 个字符。");
            if (Core.Text.PlainText.Check(name, "地区名称") is { } bad) return Outcome.Invalid("Name", bad.Text);
            var before = $"{region.Name}，{(region.IsActive ? "启用" : "停用")}";
            region.Name = name.Trim();
            region.IsActive = active;
            audit.Add(actor, AdminAction.UpdateRegion, $"{code} {region.Name}", before, $"{region.Name}，{(active ? "启用" : "停用")}", region.Path);
            return Outcome.DoneSaying($"{code} 已保存。");
        }, cancellationToken);

    /// <summary>Only a region with no evaluations, users or sub-regions can be deleted; any other can only be deactivated.</summary>
    public Task<Outcome<Unit>> DeleteAsync(string? code, Actor actor, CancellationToken cancellationToken = default) =>
        executor.ExecuteAsync<Unit>($"delete region {code} by {actor.Id}", async (_, ct) =>
        {
            var region = await ScopedAsync(code, actor, ct);
            if (region is null) return Outcome.NotFound(Messages.RegionNotFound);
            if ((await BlockersAsync([region.Id], ct)).GetValueOrDefault(region.Id) is { } blocker) return Outcome.Refused(Messages.RegionNotDeletable(region.Name, blocker));
            db.Regions.Remove(region);
            audit.Add(actor, AdminAction.DeleteRegion, $"{code} {region.Name}", region.Name, null, region.Path);
            return Outcome.DoneSaying($"{code} 已删除。");
        }, cancellationToken);

    // Strictly below the actor's own region; the command line (empty path) reaches every region.
    private Task<Region?> ScopedAsync(string? code, Actor actor, CancellationToken cancellationToken) =>
        db.Regions.Under(r => r.Path, actor.RegionPath).SingleOrDefaultAsync(r => r.Code == code && r.Path != actor.RegionPath, cancellationToken);
}
