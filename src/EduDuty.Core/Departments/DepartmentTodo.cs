using EduDuty.Core.Review;
using EduDuty.Core.Text;

namespace EduDuty.Core.Departments;

/// <summary>One of the department's fields in one evaluation, as its to-do needs it: its label, where it stands, whether it has a value.</summary>
public sealed record DepartmentField(string Code, string Label, DepartmentFieldStatus Status, string? Reason, bool Filled);

/// <summary>
/// What the department's home knows of one evaluation (issue 30): its name ("闻喜县 2021年度评价"), the department's name, its
/// fields, the internal deadline the lead set (none: only the county's), and whether the department may write now.
/// </summary>
public sealed record DepartmentTodoFacts(
    int EvaluationId, string Name, string Department, IReadOnlyList<DepartmentField> Fields, DateOnly? InternalDeadline, Permission Write);

/// <summary>
/// A department user's to-do, derived every time as <see cref="TodoList"/> is: the fields returned with their reasons (first,
/// urgent), the fields still to fill and the internal deadline, or that everything is filled and can be sent (报送). Nothing
/// while the evaluation is locked (submitted, approved, past the county's deadline) or the department has no field in it.
/// </summary>
public static class DepartmentTodo
{
    /// <summary>How many returned fields are named in the item; the rest are counted.</summary>
    private const int NamedReturns = 3;

    public static IReadOnlyList<TodoItem> For(DepartmentTodoFacts facts, DateOnly today)
    {
        if (!facts.Write.Allowed || facts.Fields.Count == 0) return [];
        var items = new List<TodoItem>();
        var due = facts.InternalDeadline is { } d ? Due(d, today) : null;
        var late = facts.InternalDeadline is { } day && (day.DayNumber - today.DayNumber) <= 1;

        var returned = facts.Fields.Where(f => f.Status == DepartmentFieldStatus.Returned).ToList();
        if (returned.Count > 0)
        {
            var named = string.Join("；", returned.Take(NamedReturns).Select(f => $"{f.Label}（{f.Reason ?? "未说明原因"}）"));
            items.Add(new TodoItem(
                $"{facts.Name}：{facts.Department}有 {returned.Count} 项数据被县教育局退回：{named}{(returned.Count > NamedReturns ? " 等" : string.Empty)}。请改正后再次报送{(due is null ? "" : $"（{due}）")}。",
                TodoTarget.Department, facts.EvaluationId, Urgent: true));
        }

        var open = facts.Fields.Where(f => f.Status == DepartmentFieldStatus.Open).ToList();
        var empty = open.Count(f => !f.Filled);
        if (empty > 0)
            items.Add(new TodoItem($"{facts.Name}：{facts.Department}还有 {empty} 项数据待填写（共 {facts.Fields.Count} 项{(due is null ? "" : "，" + due)}）。填写后请报送县教育局。",
                TodoTarget.Department, facts.EvaluationId, Urgent: late));
        else if (open.Count > 0 && returned.All(f => f.Filled))
            items.Add(new TodoItem($"{facts.Name}：{facts.Department}的 {open.Count} 项数据已填写完毕，请核对后报送县教育局{(due is null ? "" : $"（{due}）")}。",
                TodoTarget.Department, facts.EvaluationId, Urgent: late));
        return items;
    }

    private static string Due(DateOnly due, DateOnly today) => (due.DayNumber - today.DayNumber) switch
    {
        < 0 => $"内部截止日期 {ChinaTime.Date(due)} 已过，请尽快完成",
        0 => "今天是内部截止日期",
        var days => $"内部截止日期 {ChinaTime.Date(due)}，还有 {days} 天",
    };
}
