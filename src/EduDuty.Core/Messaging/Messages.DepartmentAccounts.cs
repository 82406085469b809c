namespace EduDuty.Core.Messaging;

/// <summary>
/// Issue 30, part A: the county lead's management of its departments and their accounts, the assignment of fields to
/// departments and the departments' internal deadline.
/// </summary>
public static partial class Messages
{
    // ── Who may ──

    public static readonly Message OnlyLeadManagesDepartments =
        Forbidden("only-lead-manages-departments", "只有县级负责人可以管理本县的部门和部门账号。如需新建部门或账号，请联系本县负责人。");

    public static readonly Message LeadCreatesDepartmentUsersOnly =
        Forbidden("lead-creates-department-users-only", "县级负责人只能为本县的部门创建部门填报人员账号；其他角色的账号请联系管理员创建。");

    public static readonly Message OnlyLeadAssigns =
        Forbidden("only-lead-assigns", "只有县级负责人可以调整部门分工和内部截止日期。如需调整，请联系本县负责人。");

    // ── Not found ──

    public static readonly Message DepartmentNotFound =
        NotNow("department-not-found", "没有找到这个部门，它可能不属于本县。请刷新部门列表后重试。");

    // ── Not now ──

    public static Message DepartmentHasActiveUsers(string name, int count) =>
        NotNow("department-has-active-users", $"{name}还有 {count} 个启用的账号。请先停用这些账号，再停用部门。", ("name", name), ("count", count));

    public static Message DepartmentInactive(string name) =>
        NotNow("department-inactive", $"{name}已停用，不能再为它创建账号或分配数据项。如需使用，请先在“部门管理”中启用它。", ("name", name));

    public static readonly Message AssignmentChangedMeanwhile =
        NotNow("assignment-changed-meanwhile", "在您打开本页之后，另一位负责人已修改了部门分工。本次没有保存；请刷新页面，查看最新分工后再修改。");

    /// <summary>The stored internal deadline is later than the county's deadline (the year's deadline was moved earlier since).</summary>
    public static Message DepartmentDeadlineNowAfterDeadline(DateOnly internalDeadline, DateOnly deadline) =>
        NotNow("department-deadline-now-after-deadline",
            $"内部截止日期（{Text.ChinaTime.Date(internalDeadline)}）晚于本县现在的截止日期（{Text.ChinaTime.Date(deadline)}）。请改为这一天或更早的日期并保存，部门才能按时报送。",
            ("internalDeadline", internalDeadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("deadline", deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    public static Message DepartmentDeadlineAfterDeadline(DateOnly deadline) =>
        NotNow("department-deadline-after-deadline",
            $"内部截止日期不能晚于本县的截止日期（{Text.ChinaTime.Date(deadline)}）。请选择这一天或更早的日期。", ("deadline", deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    public static readonly Message DepartmentDeadlineInPast =
        NotNow("department-deadline-in-past", "内部截止日期不能早于今天。请选择今天或以后的日期；不需要内部截止日期时请留空。");
}
