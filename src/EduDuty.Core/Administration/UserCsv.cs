using EduDuty.Core.Text;
using EduDuty.Core.Regions;
using EduDuty.Core.Security;

namespace EduDuty.Core.Administration;

/// <param name="Department">The department of a 部门填报人员 by name (issue 30); null for every other role.</param>
public sealed record UserRow(int Line, string UserName, string DisplayName, string Role, string RegionCode, string? Email = null, string? Department = null);

/// <summary>Which value of a user a problem is about: the form shows it next to that field, a file names the row.</summary>
public enum UserField
{
    UserName,
    DisplayName,
    Role,
    Region,
    Email,
    Department,
}

public sealed record UserProblem(UserField Field, string Message);

public sealed record CsvResult<T>(IReadOnlyList<T> Rows, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads the bulk user file: UTF-8 CSV with the header <c>username,display_name,role,region_code</c>, optionally followed by
/// the columns <c>email</c> (for notification e-mail) and <c>department</c> (a 部门填报人员's department, issue 30), each at
/// most once, in either order. Every row is checked and every problem reported with its line; the caller creates nothing
/// unless the whole file is valid.
/// </summary>
public static partial class UserCsv
{
    public const string Header = "username,display_name,role,region_code";
    private const string AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
    private static readonly string[] OptionalColumns = ["email", "department"];

    public static CsvResult<UserRow> Read(string text)
    {
        var table = Csv.Read(text);
        if (table.Error is { } error) return new([], [error]);
        var lines = table.Records;
        var optional = lines.Count > 0 ? OptionalColumnsOf(lines[0]) : null;
        if (optional is null) return new([], [$"第 1 行：表头应为 {Header}（可再加 email、department 列）"]);
        var columns = 4 + optional.Count;
        var (emailAt, departmentAt) = (optional.IndexOf("email"), optional.IndexOf("department"));

        var rows = new List<UserRow>();
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Fields.Any(f => f.Length > 0)))
        {
            var where = $"第 {line.Number} 行";
            if (line.Fields.Count != columns) { errors.Add($"{where}：应有 {columns} 列，实际 {line.Fields.Count} 列"); continue; }
            var (user, display, role, region) = (line.Fields[0].Trim(), line.Fields[1].Trim(), line.Fields[2].Trim(), line.Fields[3].Trim());
            var email = emailAt >= 0 && line.Fields[4 + emailAt].Trim() is { Length: > 0 } e ? e : null;
            var department = departmentAt >= 0 && line.Fields[4 + departmentAt].Trim() is { Length: > 0 } d ? d : null;
            var problems = Check(user, display, role, region, email, department).ToList();
            if (problems.All(p => p.Field != UserField.UserName) && !names.Add(user)) problems.Add(new UserProblem(UserField.UserName, $"用户名 {user} 在文件中重复"));
            errors.AddRange(problems.Select(p => $"{where}：{p.Message}"));
            if (problems.Count == 0) rows.Add(new UserRow(line.Number, user, display, Roles.Parse(role)!, region, email, department));
        }

        if (rows.Count == 0 && errors.Count == 0) errors.Add("文件中没有用户");
        return new(rows, errors);
    }

    // The optional columns a header names after the four required ones (in its order), or null when it is not a header of this file.
    private static List<string>? OptionalColumnsOf(Csv.Record header)
    {
        var cells = header.Fields.Select(f => f.Trim()).ToList();
        if (cells.Count < 4 || !Csv.IsHeader(new Csv.Record(header.Number, header.Fields.Take(4).ToList()), Header)) return null;
        var rest = cells.Skip(4).Select(c => c.ToLowerInvariant()).ToList();
        return rest.All(OptionalColumns.Contains) && rest.Distinct().Count() == rest.Count ? rest : null;
    }

    /// <summary>
    /// The rules one user's values must meet before the database is asked anything: the same for a row of a file and for
    /// the admin page's form. The role may be written as its code or its Chinese name.
    /// </summary>
    /// <remarks>A 部门填报人员 names its department (<paramref name="department"/>); no other role may.</remarks>
    public static IEnumerable<UserProblem> Check(string userName, string displayName, string role, string regionCode, string? email = null, string? department = null)
    {
        foreach (var problem in CheckEmail(email)) yield return problem;
        if (userName.Length is < 3 or > 64 || userName.Any(c => !AllowedUserNameCharacters.Contains(c, StringComparison.Ordinal)))
            yield return new UserProblem(UserField.UserName, $"用户名 “{userName}” 无效（3–64 个字符，只能用字母、数字和 - . _ @ +）");
        foreach (var problem in CheckDisplayName(displayName)) yield return problem;
        if (Roles.Parse(role) is null) yield return new UserProblem(UserField.Role, $"角色 “{role}” 无效，应为 {Roles.Choices}");
        if (!AdministrativeCode.IsWellFormed(regionCode)) yield return new UserProblem(UserField.Region, $"地区代码 “{regionCode}” 应为 6 位行政区划代码");
        foreach (var problem in CheckDepartment(Roles.Parse(role), department)) yield return problem;
    }

    /// <summary>
    /// A user's department: required for a 部门填报人员 (a name of its county's departments, <see cref="Departments.DepartmentNames"/>'
    /// rule), refused for every other role, whose work is not a department's.
    /// </summary>
    public static IEnumerable<UserProblem> CheckDepartment(string? role, string? department)
    {
        if (role is null) yield break; // the role's own problem says what to write
        if (role != Roles.DepartmentOfficial)
        {
            if (!string.IsNullOrEmpty(department))
                yield return new UserProblem(UserField.Department, $"只有{Roles.DisplayName(Roles.DepartmentOfficial)}填写部门，{Roles.DisplayName(role)}的部门一栏请留空");
            yield break;
        }

        if (string.IsNullOrEmpty(department))
            yield return new UserProblem(UserField.Department, $"{Roles.DisplayName(Roles.DepartmentOfficial)}须填写所属部门，如 财政局");
        else if (Departments.DepartmentNames.Problem(department) is { } problem)
            yield return new UserProblem(UserField.Department, problem);
    }

    /// <summary>A user's name as shown to others (the admin's form and file, the user's own 个人信息 page): 1–50 characters on one line.</summary>
    public static IEnumerable<UserProblem> CheckDisplayName(string displayName)
    {
        if (displayName.Length is < 1 or > 50) yield return new UserProblem(UserField.DisplayName, "姓名应为 1–50 个字符");
        else if (!PlainText.IsSingleLine(displayName)) yield return new UserProblem(UserField.DisplayName, "姓名中含有换行或不可见的控制字符，请删除");
        // A name others cannot see (only spaces or zero-width characters) would leave threads and the audit without a name.
        else if (!displayName.Any(IsVisible)) yield return new UserProblem(UserField.DisplayName, "姓名不能只有空格或不可见的字符，请填写姓名");
    }

    private static bool IsVisible(char c) =>
        !char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Control);

    /// <summary>The e-mail address messages are sent to, or none (null).</summary>
    public static IEnumerable<UserProblem> CheckEmail(string? email)
    {
        if (email is not null && (email.Length > 256 || !EmailShape().IsMatch(email) || !PlainText.IsSingleLine(email)))
            yield return new UserProblem(UserField.Email, $"电子邮箱 “{email}” 格式不正确，应如 zhang@example.gov.cn，或留空");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")]
    private static partial System.Text.RegularExpressions.Regex EmailShape();

    /// <summary>Which region levels a role may belong to: county users to a county, supervisors to a city or province, admins to a province.</summary>
    public static bool FitsRegion(string role, RegionLevel level) => role switch
    {
        Roles.CountyOfficial or Roles.CountyLead or Roles.DepartmentOfficial => level == RegionLevel.County,
        Roles.Supervisor => level is RegionLevel.City or RegionLevel.Province,
        Roles.Admin => level == RegionLevel.Province,
        _ => false,
    };
}
