using EduDuty.Core.Text;
using EduDuty.Core.Regions;
using EduDuty.Core.Security;

namespace EduDuty.Core.Administration;

public sealed record UserRow(int Line, string UserName, string DisplayName, string Role, string RegionCode, string? Email = null);

/// <summary>Which value of a user a problem is about: the form shows it next to that field, a file names the row.</summary>
public enum UserField
{
    UserName,
    DisplayName,
    Role,
    Region,
    Email,
}

public sealed record UserProblem(UserField Field, string Message);

public sealed record CsvResult<T>(IReadOnlyList<T> Rows, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads the bulk user file: UTF-8 CSV with the header <c>username,display_name,role,region_code</c>, optionally followed by
/// <c>,email</c> (for notification e-mail). Every row is checked and every problem reported with its line; the caller creates
/// nothing unless the whole file is valid.
/// </summary>
public static partial class UserCsv
{
    public const string Header = "username,display_name,role,region_code";
    private const string AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";

    public static CsvResult<UserRow> Read(string text)
    {
        var table = Csv.Read(text);
        if (table.Error is { } error) return new([], [error]);
        var lines = table.Records;
        var withEmail = lines.Count > 0 && Csv.IsHeader(lines[0], Header + ",email");
        if (lines.Count == 0 || !(withEmail || Csv.IsHeader(lines[0], Header))) return new([], [$"第 1 行：表头应为 {Header}（可再加一列 email）"]);
        var columns = withEmail ? 5 : 4;

        var rows = new List<UserRow>();
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Fields.Any(f => f.Length > 0)))
        {
            var where = $"第 {line.Number} 行";
            if (line.Fields.Count != columns) { errors.Add($"{where}：应有 {columns} 列，实际 {line.Fields.Count} 列"); continue; }
            var (user, display, role, region) = (line.Fields[0].Trim(), line.Fields[1].Trim(), line.Fields[2].Trim(), line.Fields[3].Trim());
            var email = withEmail && line.Fields[4].Trim() is { Length: > 0 } e ? e : null;
            var problems = Check(user, display, role, region, email).ToList();
            if (problems.All(p => p.Field != UserField.UserName) && !names.Add(user)) problems.Add(new UserProblem(UserField.UserName, $"用户名 {user} 在文件中重复"));
            errors.AddRange(problems.Select(p => $"{where}：{p.Message}"));
            if (problems.Count == 0) rows.Add(new UserRow(line.Number, user, display, Roles.Parse(role)!, region, email));
        }

        if (rows.Count == 0 && errors.Count == 0) errors.Add("文件中没有用户");
        return new(rows, errors);
    }

    /// <summary>
    /// The rules one user's values must meet before the database is asked anything: the same for a row of a file and for
    /// the admin page's form. The role may be written as its code or its Chinese name.
    /// </summary>
    public static IEnumerable<UserProblem> Check(string userName, string displayName, string role, string regionCode, string? email = null)
    {
        foreach (var problem in CheckEmail(email)) yield return problem;
        if (userName.Length is < 3 or > 64 || userName.Any(c => !AllowedUserNameCharacters.Contains(c, StringComparison.Ordinal)))
            yield return new UserProblem(UserField.UserName, $"用户名 “{userName}” 无效（3–64 个字符，只能用字母、数字和 - . _ @ +）");
        foreach (var problem in CheckDisplayName(displayName)) yield return problem;
        if (Roles.Parse(role) is null) yield return new UserProblem(UserField.Role, $"角色 “{role}” 无效，应为 {Roles.Choices}");
        if (!AdministrativeCode.IsWellFormed(regionCode)) yield return new UserProblem(UserField.Region, $"地区代码 “{regionCode}” 应为 6 位行政区划代码");
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
        Roles.CountyOfficial or Roles.CountyLead => level == RegionLevel.County,
        Roles.Supervisor => level is RegionLevel.City or RegionLevel.Province,
        Roles.Admin => level == RegionLevel.Province,
        _ => false,
    };
}
