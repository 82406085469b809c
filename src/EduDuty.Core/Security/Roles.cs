namespace EduDuty.Core.Security;

/// <summary>The five roles of EduDuty. Every user also has a region that bounds what the role reaches.</summary>
public static class Roles
{
    /// <summary>县级填报人员: fills in the county's figures and texts.</summary>
    public const string CountyOfficial = nameof(CountyOfficial);

    /// <summary>县级负责人: does what an official does and submits the evaluation.</summary>
    public const string CountyLead = nameof(CountyLead);

    /// <summary>
    /// 部门填报人员 (issue 30): an official of one of the county's other offices (财政局, 人社局 …) who fills in only the fields
    /// assigned to that department and sends them to the county. Its region is its county; it also has a department.
    /// </summary>
    public const string DepartmentOfficial = nameof(DepartmentOfficial);

    /// <summary>督导人员 of a city or province: reviews the counties under its region.</summary>
    public const string Supervisor = nameof(Supervisor);

    /// <summary>省级管理员: runs the evaluation year.</summary>
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [CountyOfficial, CountyLead, DepartmentOfficial, Supervisor, Admin];

    /// <summary>The roles that work across the counties of their region: the oversight pages and every-county exports.</summary>
    public static readonly IReadOnlyList<string> Oversight = [Supervisor, Admin];

    /// <summary>
    /// A role as an admin writes it in a file or a form: its code (any case) or its Chinese name (县级填报人员…); null when
    /// it is neither.
    /// </summary>
    public static string? Parse(string? text)
    {
        var typed = (text ?? string.Empty).Trim();
        return All.FirstOrDefault(r => string.Equals(r, typed, StringComparison.OrdinalIgnoreCase) || DisplayName(r) == typed);
    }

    /// <summary>"县级填报人员（CountyOfficial）、…": how messages list the roles one may write.</summary>
    public static string Choices => string.Join("、", All.Select(r => $"{DisplayName(r)}（{r}）"));

    public static string DisplayName(string role) => role switch
    {
        CountyOfficial => "县级填报人员",
        CountyLead => "县级负责人",
        DepartmentOfficial => "部门填报人员",
        Supervisor => "督导人员",
        Admin => "管理员",
        _ => role,
    };
}
