using System.Security.Cryptography;
using EduDuty.Core.Administration;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Administration;

public sealed record CreatedUser(string UserName, string DisplayName, string Role, string RegionCode, string OneTimePassword);

public sealed record AdminResult(bool Ok, IReadOnlyList<string> Errors)
{
    public static readonly AdminResult Success = new(true, []);

    public static AdminResult Fail(params string[] errors) => new(false, errors);
}

/// <summary>
/// Creating, disabling, enabling, unlocking and reassigning users and resetting their passwords, for the admin pages and the CLI alike.
/// New and reset passwords are one-time passwords, shown once and to be changed at the next sign-in. The last active admin
/// can never be disabled, nor can admins disable themselves. Every action is written to the admin audit.
/// </summary>
public sealed record UserListItem(string Id, string UserName, string DisplayName, string Roles, string Region, bool IsActive, bool IsLockedOut, bool MustChangePassword, string Role, string RegionCode);

/// <summary>Who an admin may list: users of regions under the admin's own, filtered by region, role and state.</summary>
public sealed record UserFilter(string? RegionCode, string? Role, bool? Active, string? Search = null);

public sealed class UserAdministration(EduDutyDbContext db, UserManager<AppUser> users, Security.Sessions sessions, Security.TrustedDevices devices, AdminAuditLog audit, TimeProvider clock)
{
    /// <summary>The users under the admin's region that match the filter, with their roles, in region and name order.</summary>
    public const int PageSize = 50;

    /// <summary>
    /// A page of the users under the admin's region, filtered and paged in the database: a region filter takes the region and
    /// every region below it; a search matches the user name or the name.
    /// </summary>
    public async Task<Paged<UserListItem>> ListAsync(Actor actor, UserFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var path = actor.RegionPath;
        var query = db.Users.AsNoTracking().Under(u => u.Region.Path, path);
        if (!string.IsNullOrEmpty(filter.RegionCode))
        {
            var under = await db.Regions.Where(r => r.Code == filter.RegionCode).Select(r => r.Path).FirstOrDefaultAsync(cancellationToken);
            query = under is null ? query.Where(_ => false) : query.Under(u => u.Region.Path, under);
        }

        if (filter.Active is { } active) query = query.Where(u => u.IsActive == active);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            query = query.Where(u => u.UserName!.Contains(term) || u.DisplayName.Contains(term));
        }

        if (!string.IsNullOrEmpty(filter.Role))
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == filter.Role)));
        var users = await query.OrderBy(u => u.Region.Code).ThenBy(u => u.UserName)
            .Select(u => new ListedUser(u.Id, u.UserName!, u.DisplayName, u.Region.Name, u.Region.Code, u.IsActive, u.LockoutEnd, u.MustChangePassword)).ToPagedAsync(page, PageSize, cancellationToken);
        var ids = users.Items.Select(u => u.Id).ToList();
        var rolesByUser = (await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancellationToken)).ToLookup(r => r.UserId, r => r.Name!);
        var now = clock.GetUtcNow();
        return users.Select(u => new UserListItem(u.Id, u.UserName, u.DisplayName, string.Join("、", rolesByUser[u.Id].Select(Roles.DisplayName)),
            u.Region, u.IsActive, u.LockoutEnd > now, u.MustChangePassword, rolesByUser[u.Id].FirstOrDefault() ?? string.Empty, u.RegionCode));
    }

    private sealed record ListedUser(string Id, string UserName, string DisplayName, string Region, string RegionCode, bool IsActive, DateTimeOffset? LockoutEnd, bool MustChangePassword);

    /// <summary>The user, when it belongs to a region under the admin's own; null otherwise (answered as not found).</summary>
    public Task<AppUser?> FindInScopeAsync(string? userId, Actor actor, CancellationToken cancellationToken = default) =>
        db.Users.AsNoTracking().Under(u => u.Region.Path, actor.RegionPath).SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    public static string NewOneTimePassword() => RandomNumberGenerator.GetString(Alphabet, 16);

    /// <summary>
    /// Creates the users of a CSV file, every one or none. Every problem of every row is reported, those of the file itself
    /// and those only the database shows (an unknown region, a user name taken), in row order.
    /// </summary>
    public async Task<(IReadOnlyList<CreatedUser> Created, IReadOnlyList<string> Errors)> ImportAsync(string csv, Actor actor, CancellationToken cancellationToken = default)
    {
        var read = UserCsv.Read(csv);
        var stored = await CheckAsync(read.Rows, actor, cancellationToken);
        var errors = read.Errors.Select(e => (Line: LineOf(e), Text: e))
            .Concat(stored.Select(p => (p.Line, Text: $"第 {p.Line} 行：{p.Problem.Message}")))
            .OrderBy(e => e.Line).Select(e => e.Text).ToList();
        return errors.Count > 0 ? ([], errors) : await CreateAsync(read.Rows, actor, cancellationToken);
    }

    /// <summary>Creates one user from the admin page's form; problems come back by field, to be shown next to it.</summary>
    public async Task<(CreatedUser? Created, IReadOnlyList<UserProblem> Problems)> CreateOneAsync(
        string? userName, string? displayName, string? role, string? regionCode, string? email, Actor actor, CancellationToken cancellationToken = default)
    {
        var (user, display, code) = ((userName ?? string.Empty).Trim(), (displayName ?? string.Empty).Trim(), (regionCode ?? string.Empty).Trim());
        var address = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        var problems = UserCsv.Check(user, display, role ?? string.Empty, code, address).ToList();
        if (problems.Count > 0) return (null, problems);
        var row = new UserRow(1, user, display, Roles.Parse(role)!, code, address);
        var stored = await CheckAsync([row], actor, cancellationToken);
        if (stored.Count > 0) return (null, stored.Select(p => p.Problem).ToList());
        var (created, errors) = await CreateAsync([row], actor, cancellationToken);
        return errors.Count > 0 ? (null, errors.Select(e => new UserProblem(UserField.UserName, e)).ToList()) : (created[0], []);
    }

    /// <summary>What only the database knows about well-formed rows: regions that exist, in scope and fit the role; free names.</summary>
    private async Task<List<(int Line, UserProblem Problem)>> CheckAsync(IReadOnlyList<UserRow> rows, Actor actor, CancellationToken cancellationToken)
    {
        var problems = new List<(int, UserProblem)>();
        var codes = rows.Select(r => r.RegionCode).Distinct().ToList();
        var regions = await db.Regions.Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, cancellationToken);
        foreach (var row in rows)
        {
            void Add(UserField field, string message) => problems.Add((row.Line, new UserProblem(field, message)));
            if (!regions.TryGetValue(row.RegionCode, out var region)) Add(UserField.Region, $"地区代码 {row.RegionCode} 不存在，请先导入地区");
            else if (!actor.Covers(region.Path)) Add(UserField.Region, $"地区 {row.RegionCode} 不在您管辖的范围内");
            else if (!region.IsActive) Add(UserField.Region, $"地区 {region.Name} 已停用");
            else if (!UserCsv.FitsRegion(row.Role, region.Level)) Add(UserField.Region, $"{Roles.DisplayName(row.Role)}不能属于{region.Name}（县级用户属于县，督导人员属于市或省，管理员属于省）");
            if (await users.FindByNameAsync(row.UserName) is not null) Add(UserField.UserName, $"用户名 {row.UserName} 已存在");
        }

        return problems;
    }

    private static int LineOf(string error) =>
        System.Text.RegularExpressions.Regex.Match(error, @"^第 (\d+) 行") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    /// <summary>Creates every row or none (rows already checked), in one transaction, each with a one-time password.</summary>
    private async Task<(IReadOnlyList<CreatedUser> Created, IReadOnlyList<string> Errors)> CreateAsync(IReadOnlyList<UserRow> rows, Actor actor, CancellationToken cancellationToken)
    {
        var codes = rows.Select(r => r.RegionCode).Distinct().ToList();
        var regions = await db.Regions.Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, cancellationToken);

        var created = new List<CreatedUser>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows)
        {
            var password = NewOneTimePassword();
            var user = new AppUser { UserName = row.UserName, DisplayName = row.DisplayName, RegionId = regions[row.RegionCode].Id, MustChangePassword = true, Email = row.Email };
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, row.Role);
            if (!result.Succeeded) return ([], [$"第 {row.Line} 行：" + string.Join("；", result.Errors.Select(e => e.Description))]);
            created.Add(new CreatedUser(row.UserName, row.DisplayName, row.Role, row.RegionCode, password));
            audit.Add(actor, "创建用户", row.UserName, null, $"{row.DisplayName}，{Roles.DisplayName(row.Role)}，{regions[row.RegionCode].Name}", regions[row.RegionCode].Path);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (created, []);
    }

    public async Task<AdminResult> SetActiveAsync(string userId, bool active, Actor actor, CancellationToken cancellationToken = default)
    {
        var user = await FindTrackedAsync(userId, actor, cancellationToken);
        if (user is null) return AdminResult.Fail("用户不存在");
        if (user.IsActive == active) return AdminResult.Success;
        if (!active && user.Id == actor.Id) return AdminResult.Fail("不能停用自己的账户。");
        if (!active && await IsLastActiveAdminAsync(user, cancellationToken)) return AdminResult.Fail("这是最后一个可用的管理员账户，不能停用。请先创建另一个管理员。");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.IsActive = active;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        if (!active) await RevokeAccessAsync(user.Id, cancellationToken); // signed out everywhere, at once
        audit.Add(actor, active ? "启用用户" : "停用用户", user.UserName!, active ? "停用" : "启用", active ? "启用" : "停用", await PathOfAsync(user, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AdminResult.Success;
    }

    public async Task<(string? Password, AdminResult Result)> ResetPasswordAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        var user = await FindTrackedAsync(userId, actor, cancellationToken);
        if (user is null) return (null, AdminResult.Fail("用户不存在"));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var password = NewOneTimePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded) return (null, AdminResult.Fail(result.Errors.Select(e => e.Description).ToArray()));
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await RevokeAccessAsync(user.Id, cancellationToken);
        audit.Add(actor, "重置密码", user.UserName!, null, "一次性密码，下次登录须修改", await PathOfAsync(user, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (password, AdminResult.Success);
    }

    public async Task<AdminResult> UnlockAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        var user = await FindTrackedAsync(userId, actor, cancellationToken);
        if (user is null) return AdminResult.Fail("用户不存在");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Add(actor, "解除锁定", user.UserName!, "锁定", "正常", await PathOfAsync(user, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AdminResult.Success;
    }

    /// <summary>
    /// Gives a user another role or region (a county official moving to the city, a supervisor changing city). The user's
    /// sessions end, so the new scope applies from the next sign-in; evaluations and audit entries keep their history.
    /// </summary>
    public async Task<AdminResult> ReassignAsync(string userId, string role, string regionCode, Actor actor, CancellationToken cancellationToken = default)
    {
        var user = await FindTrackedAsync(userId, actor, cancellationToken);
        if (user is null) return AdminResult.Fail("用户不存在");
        if (!Roles.All.Contains(role)) return AdminResult.Fail($"角色 “{role}” 无效，请从列表中选择");
        var region = await db.Regions.Under(r => r.Path, actor.RegionPath).SingleOrDefaultAsync(r => r.Code == regionCode, cancellationToken);
        if (region is null) return AdminResult.Fail($"地区 {regionCode} 不存在或不在您管辖的范围内，请从列表中选择");
        if (!region.IsActive) return AdminResult.Fail($"地区 {region.Name} 已停用，请选择其他地区");
        if (!UserCsv.FitsRegion(role, region.Level)) return AdminResult.Fail($"{Roles.DisplayName(role)}不能属于{region.Name}（县级用户属于县，督导人员属于市或省，管理员属于省）");

        var currentRoles = await users.GetRolesAsync(user);
        var oldRegion = await db.Regions.Where(r => r.Id == user.RegionId).Select(r => r.Code).SingleAsync(cancellationToken);
        if (currentRoles.SequenceEqual([role]) && oldRegion == regionCode) return AdminResult.Success;
        var leavesAdmin = currentRoles.Contains(Roles.Admin) && role != Roles.Admin;
        if (leavesAdmin && user.Id == actor.Id) return AdminResult.Fail("不能取消自己的管理员角色，请由另一位管理员操作。");
        if (leavesAdmin && user.IsActive && await IsLastActiveAdminAsync(user, cancellationToken)) return AdminResult.Fail("这是最后一个可用的管理员账户，不能改为其他角色。请先创建另一个管理员。");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.RemoveFromRolesAsync(user, currentRoles);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, role);
        if (!result.Succeeded) return AdminResult.Fail(result.Errors.Select(e => e.Description).ToArray());
        user.RegionId = region.Id;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await RevokeAccessAsync(user.Id, cancellationToken); // the new role and region apply from the next sign-in
        audit.Add(actor, "变更角色或地区", user.UserName!,
            $"{string.Join("、", currentRoles.Select(Roles.DisplayName))}，{oldRegion}", $"{Roles.DisplayName(role)}，{region.Name}", region.Path);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AdminResult.Success;
    }

    private Task<string> PathOfAsync(AppUser user, CancellationToken cancellationToken) =>
        db.Regions.Where(r => r.Id == user.RegionId).Select(r => r.Path).SingleAsync(cancellationToken);

    // Tracked through the user manager's store (the same context), and only within the admin's region.
    private async Task<AppUser?> FindTrackedAsync(string userId, Actor actor, CancellationToken cancellationToken) =>
        await db.Users.Under(u => u.Region.Path, actor.RegionPath).AnyAsync(u => u.Id == userId, cancellationToken)
            ? await users.FindByIdAsync(userId)
            : null;

    private async Task<bool> IsLastActiveAdminAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (!await users.IsInRoleAsync(user, Roles.Admin)) return false;
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return admins.Count(a => a.IsActive) <= 1;
    }

    /// <summary>
    /// When an account is disabled, reset or moved: its sessions end everywhere at once, and no browser is trusted any more
    /// to sign in past a lockout (see <see cref="Security.TrustedDevices"/>).
    /// </summary>
    private async Task RevokeAccessAsync(string userId, CancellationToken cancellationToken)
    {
        await sessions.EndAllAsync(userId, cancellationToken);
        await devices.ForgetAllAsync(userId, cancellationToken);
    }
}
