using EduDuty.Application.Writes;
using EduDuty.Core.Administration;
using EduDuty.Core.Messaging;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

/// <summary>
/// Creates users, one from the admin page's form or many from a CSV file (the page and <c>users import</c>): every one or
/// none, in one write, each with a one-time password shown once and to be changed at the next sign-in, each audited. Every
/// problem is answered as invalid: by field for the form (<see cref="UserField"/>'s name), by row for a file
/// (“第 N 行”), those of the input itself and those only the database shows (an unknown region, a user name taken) together.
/// <para>
/// A 部门填报人员 (issue 30) names its department, one of its county's: a department the county does not have yet is created
/// with it (and recorded as 创建部门), a disabled one is refused. Besides an admin, a county lead may create users, for its
/// own county's departments only (its 部门管理 page calls this same handler); any other role or region is refused per row.
/// </para>
/// </summary>
public sealed class CreateUsers(EduDutyDbContext db, ManagedUsers managed, AdminAuditLog audit, WriteExecutor executor, RegionSearch regionSearch, TimeProvider clock)
{
    /// <summary>One user from the form; problems come back by field, to be shown next to it.</summary>
    /// <param name="serviceAccount">
    /// A service account (issue 29): the same checks, but no password at all — it never signs in, it calls the API with the
    /// service tokens an admin makes for it — and recorded as 创建服务账号.
    /// </param>
    public async Task<Outcome<CreatedUser>> HandleAsync(
        string? userName, string? displayName, string? role, string? regionCode, string? email, Actor actor, CancellationToken cancellationToken,
        bool serviceAccount = false, string? department = null)
    {
        var (user, display, code) = ((userName ?? string.Empty).Trim(), (displayName ?? string.Empty).Trim(), (regionCode ?? string.Empty).Trim());
        var address = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        var departmentName = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        // A region typed by its name (闻喜县) is the code of the one region of that name; several or none are named as such.
        var resolved = await regionSearch.ResolveAsync(actor, code, cancellationToken);
        if (resolved.IsDone) code = resolved.Value!;
        var problems = UserCsv.Check(user, display, role ?? string.Empty, code, address, departmentName)
            .Where(p => resolved.IsDone || p.Field != UserField.Region).ToList();
        if (!resolved.IsDone) problems.Add(new UserProblem(UserField.Region, resolved.Problems[0].Text.TrimEnd('。')));
        if (problems.Count > 0) return Outcome.Invalid(problems.Select(p => new FieldProblem(p.Field.ToString(), p.Message)).ToList());
        var row = new UserRow(1, user, display, Roles.Parse(role)!, code, address, departmentName);

        return await executor.ExecuteAsync<CreatedUser>($"create user {user} by {actor.Id}", async (run, ct) =>
        {
            var stored = await CheckAsync([row], actor, ct);
            if (stored.Count > 0) return Outcome.Invalid(stored.Select(p => new FieldProblem(p.Problem.Field.ToString(), p.Problem.Message)).ToList());
            var created = await CreateAsync([row], fromForm: true, actor, run, ct, serviceAccount);
            return created.Problems.Count > 0 ? Outcome.Invalid(created.Problems) : Outcome.Done(created.Users[0]);
        }, cancellationToken);
    }

    /// <summary>The users of a CSV file, every one or none; every problem of every row, in row order.</summary>
    public async Task<Outcome<IReadOnlyList<CreatedUser>>> ImportAsync(string csv, Actor actor, CancellationToken cancellationToken)
    {
        var read = UserCsv.Read(csv);
        return await executor.ExecuteAsync<IReadOnlyList<CreatedUser>>($"import {read.Rows.Count} users by {actor.Id}", async (run, ct) =>
        {
            var stored = await CheckAsync(read.Rows, actor, ct);
            var problems = RowProblems.Of(read.Errors.Select(e => (Line: RowProblems.LineOf(e), Text: e))
                .Concat(stored.Select(p => (p.Line, Text: $"第 {p.Line} 行：{p.Problem.Message}")))
                .OrderBy(e => e.Line).Select(e => e.Text));
            if (problems.Count > 0) return Outcome.Invalid(problems);
            var created = await CreateAsync(read.Rows, fromForm: false, actor, run, ct);
            return created.Problems.Count > 0 ? Outcome.Invalid(created.Problems) : Outcome.Done(created.Users);
        }, cancellationToken);
    }

    /// <summary>What only the database knows about well-formed rows: regions that exist, in scope and fit the role; free names.</summary>
    private async Task<List<(int Line, UserProblem Problem)>> CheckAsync(IReadOnlyList<UserRow> rows, Actor actor, CancellationToken cancellationToken)
    {
        var problems = new List<(int, UserProblem)>();
        var codes = rows.Select(r => r.RegionCode).Distinct().ToList();
        var regions = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, cancellationToken);
        var departments = await DepartmentsOfAsync(rows, regions, cancellationToken);
        var lead = !actor.IsInRole(Roles.Admin) && actor.IsInRole(Roles.CountyLead);
        foreach (var row in rows)
        {
            void Add(UserField field, string message) => problems.Add((row.Line, new UserProblem(field, message)));
            // A county lead creates its own county's department users, nothing else (issue 30); every other non-admin nothing.
            if (!actor.IsInRole(Roles.Admin) && !(lead && row.Role == Roles.DepartmentOfficial))
                Add(UserField.Role, Messages.LeadCreatesDepartmentUsersOnly.Text.TrimEnd('。'));
            else if (lead && regions.TryGetValue(row.RegionCode, out var own) && own.Path != actor.RegionPath)
                Add(UserField.Region, $"地区 {row.RegionCode} 不是您所在的县，只能为本县的部门创建账号");
            if (!regions.TryGetValue(row.RegionCode, out var region)) Add(UserField.Region, $"地区代码 {row.RegionCode} 不存在，请先导入地区");
            else if (!actor.Covers(region.Path)) Add(UserField.Region, $"地区 {row.RegionCode} 不在您管辖的范围内");
            else if (!region.IsActive) Add(UserField.Region, $"地区 {region.Name} 已停用");
            else if (!UserCsv.FitsRegion(row.Role, region.Level)) Add(UserField.Region, $"{Roles.DisplayName(row.Role)}不能属于{region.Name}（县级用户属于县，督导人员属于市或省，管理员属于省）");
            if (row.Department is { } name && regions.TryGetValue(row.RegionCode, out var county)
                && departments.TryGetValue((county.Id, name), out var department) && !department.IsActive)
                Add(UserField.Department, Messages.DepartmentInactive(name).Text.TrimEnd('。'));
            // Taken here or in another province, the answer is the same: an admin does not learn which names exist elsewhere.
            if (await managed.Users.FindByNameAsync(row.UserName) is not null) Add(UserField.UserName, Messages.NameUnavailable("用户名", row.UserName).Text);
        }

        return problems;
    }

    // The departments the rows name, by county and name, as stored (one query).
    private async Task<Dictionary<(int CountyId, string Name), Department>> DepartmentsOfAsync(
        IReadOnlyList<UserRow> rows, IReadOnlyDictionary<string, Region> regions, CancellationToken cancellationToken)
    {
        var named = rows.Where(r => r.Department is not null && regions.ContainsKey(r.RegionCode)).Select(r => (regions[r.RegionCode].Id, r.Department!)).ToList();
        if (named.Count == 0) return [];
        var counties = named.Select(n => n.Item1).Distinct().ToList();
        var names = named.Select(n => n.Item2).Distinct().ToList();
        return await db.Departments.Where(d => counties.Contains(d.CountyId) && names.Contains(d.Name))
            .ToDictionaryAsync(d => (d.CountyId, d.Name), cancellationToken);
    }

    // Rows already checked (a form's problems named by field, a file's by row); inside the write, so a row Identity refuses (a name taken meanwhile) leaves none of them created.
    private async Task<(IReadOnlyList<CreatedUser> Users, IReadOnlyList<FieldProblem> Problems)> CreateAsync(
        IReadOnlyList<UserRow> rows, bool fromForm, Actor actor, WriteScope run, CancellationToken cancellationToken, bool serviceAccount = false)
    {
        var codes = rows.Select(r => r.RegionCode).Distinct().ToList();
        var regions = await db.Regions.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, cancellationToken);
        var departments = await DepartmentsOfAsync(rows, regions, cancellationToken);
        // A department a row names that its county does not have yet is created with the users (the same write), once.
        foreach (var (countyId, name) in rows.Where(r => r.Department is not null).Select(r => (regions[r.RegionCode].Id, r.Department!)).Distinct())
        {
            if (departments.ContainsKey((countyId, name))) continue;
            var county = regions.Values.First(r => r.Id == countyId);
            departments[(countyId, name)] = db.Departments.Add(new Department { CountyId = countyId, Name = name, IsActive = true, CreatedAtUtc = clock.GetUtcNow().UtcDateTime }).Entity;
            audit.Add(actor, AdminAction.CreateDepartment, $"{county.Name}{name}", null, "启用", county.Path);
        }

        if (db.ChangeTracker.HasChanges()) await run.FlushAsync(cancellationToken); // the new departments' ids, for the users
        var created = new List<CreatedUser>();
        foreach (var row in rows)
        {
            var password = serviceAccount ? string.Empty : ManagedUsers.NewOneTimePassword();
            var region = regions[row.RegionCode];
            var user = new AppUser
            {
                UserName = row.UserName, DisplayName = row.DisplayName, RegionId = region.Id, MustChangePassword = !serviceAccount, Email = row.Email,
                IsServiceAccount = serviceAccount,
                DepartmentId = row.Department is { } name ? departments[(region.Id, name)].Id : null,
            };
            var result = serviceAccount ? await managed.Users.CreateAsync(user) : await managed.Users.CreateAsync(user, password);
            if (result.Succeeded) result = await managed.Users.AddToRoleAsync(user, row.Role);
            if (!result.Succeeded)
                return ([], fromForm ? ManagedUsers.ProblemsOf(result, nameof(UserField.UserName)) : ManagedUsers.ProblemsOf(result, $"第 {row.Line} 行", $"第 {row.Line} 行："));
            created.Add(new CreatedUser(row.UserName, row.DisplayName, row.Role, row.RegionCode, password));
            audit.Add(actor, serviceAccount ? AdminAction.CreateServiceAccount : AdminAction.CreateUser, row.UserName, null,
                $"{row.DisplayName}，{Roles.DisplayName(row.Role)}，{region.Name}{(row.Department is { } d ? "，" + d : string.Empty)}", region.Path);
        }

        return (created, []);
    }
}
