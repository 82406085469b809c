using EduDuty.Core.Rules;
using EduDuty.Core.Security;
using EduDuty.Core.Text;

namespace EduDuty.Core.Review;

/// <summary>Where a to-do item is done.</summary>
public enum TodoTarget
{
    Overview,
    Area,
    Comments,
    AdminYears,
    Evidence,
    Rectification,

    /// <summary>本部门填报: a department's own page of one evaluation (issue 30).</summary>
    Department,

    /// <summary>The county's review of its departments' parts (部门报送审核).</summary>
    DepartmentReview,
}

/// <summary>One thing waiting for the signed-in user, in words that say what to do, and where it is done.</summary>
public sealed record TodoItem(
    string Text, TodoTarget Target, int? EvaluationId = null, string? AreaKey = null, bool Urgent = false, int? TaskId = null, int? TaskYear = null);

/// <summary>A rectification task (整改任务) of one of the county's approved evaluations, as its to-do needs it.</summary>
public sealed record TodoTask(int Id, int EvaluationId, string Name, int Year, int Number, string Problem, DateOnly? Due, Rectification.RectificationStatus Status);

/// <summary>
/// What the to-do rules need to know about one evaluation: its name as lists show it ("闻喜县 2021年度评价"), its state and
/// deadline, how far it is filled in, the open comment threads waiting for each side, and the reason of the last return or
/// reopening when that is what put it back in the county's hands.
/// </summary>
public sealed record TodoFacts(
    int EvaluationId,
    string Name,
    EvaluationFacts Evaluation,
    Completeness? Completeness, // null where the viewer does not fill it in: lists over counties read stored summaries
    int AwaitingCounty,
    int AwaitingSupervisor,
    ReviewAction? LastStep = null,
    string? LastStepReason = null,
    int InsufficientEvidence = 0)
{
    /// <summary>The county's internal deadline for its departments (内部截止日期), when one is set (issue 30).</summary>
    public DateOnly? DepartmentDeadline { get; init; }

    /// <summary>Today in China, against which <see cref="DepartmentDeadline"/> is judged.</summary>
    public DateOnly Today { get; init; }

    /// <summary>Departments with fields not accepted yet, by name, with how many (<see cref="Departments.DepartmentProgress.Late"/>).</summary>
    public IReadOnlyList<(string Name, int NotAccepted)> PendingDepartments { get; init; } = [];

    /// <summary>Department fields submitted (报送) and waiting for the county to accept or return them.</summary>
    public int AwaitingDepartmentReview { get; init; }
}

/// <summary>
/// The to-do list, derived from the state every time (never stored, so it cannot go stale): what is left for this user to
/// do with each evaluation they can see. County users: required figures still missing per area, days left, the reasons of a
/// return or a reopening, comments waiting for the county; the lead also learns when the evaluation is complete and can be
/// submitted. Supervisors: submissions waiting for review and county replies while the evaluation is in review. Admins:
/// administrative work only (counties past their deadline), never the conversation.
/// </summary>
public static class TodoList
{
    /// <summary>
    /// The statuses in which an evaluation can give a reader with these roles a to-do, so that a list of thousands reads only
    /// those; null when any can (a county user's own). A supervisor reviews what is submitted; an admin hears of drafts past
    /// their deadline (<see cref="DeadlineState"/>: only a draft is late).
    /// </summary>
    public static IReadOnlyCollection<EvaluationStatus>? StatusesWithTodos(Viewer viewer) =>
        viewer.IsCountyUser ? null
        : viewer.Is(Roles.Supervisor) ? [ReviewedStatus]
        : viewer.Is(Roles.Admin) ? [EvaluationStatus.Draft]
        : [];

    private const EvaluationStatus ReviewedStatus = EvaluationStatus.Submitted;

    public static IReadOnlyList<TodoItem> For(Viewer viewer, TodoFacts facts)
    {
        if (viewer.IsCountyUser) return ForCounty(viewer, facts);
        if (viewer.Is(Roles.Supervisor)) return ForSupervisor(facts);
        return [];
    }

    /// <summary>The admin's list: counties whose draft is past its deadline (name and due day), as one item.</summary>
    public static IReadOnlyList<TodoItem> ForAdmin(IReadOnlyList<(string County, int Year, DateOnly Due)> overdue)
    {
        if (overdue.Count == 0) return [];
        var names = string.Join("、", overdue.Take(5).Select(o => $"{o.County}（{o.Year}年度，截止 {ChinaTime.Date(o.Due)}）"));
        return [new TodoItem($"{overdue.Count} 个县已过截止日期仍未提交：{names}{(overdue.Count > 5 ? " 等" : string.Empty)}。请督促提交，或为确有困难的县延期。",
            TodoTarget.AdminYears, Urgent: true)];
    }

    private static List<TodoItem> ForCounty(Viewer viewer, TodoFacts facts)
    {
        var items = new List<TodoItem>();
        var e = facts.Evaluation;
        var id = facts.EvaluationId;
        if (e.Status == EvaluationStatus.Returned && facts.LastStep == ReviewAction.Reopen)
        {
            items.Add(new TodoItem($"{facts.Name}已由管理员重新开启{Reason(facts)}。修改后请由县级负责人重新提交。", TodoTarget.Overview, id, Urgent: true));
        }
        else if (e.Status == EvaluationStatus.Returned)
        {
            items.Add(new TodoItem($"{facts.Name}已被督导退回{Reason(facts)}。请按审核意见修改，再由县级负责人重新提交。", TodoTarget.Overview, id, Urgent: true));
        }

        if (ReviewWorkflow.IsEditable(e.Status))
        {
            if (e.Deadline.BlocksDraft)
            {
                items.Add(new TodoItem($"{facts.Name}{Messaging.Messages.LateDraft(e.Deadline.Due!.Value).Text}",
                    TodoTarget.Overview, id, Urgent: true));
            }
            else if (facts.Completeness is { } completeness)
            {
                foreach (var area in completeness.Areas.Where(a => a.Missing.Count > 0))
                {
                    items.Add(new TodoItem($"{facts.Name} · {area.Area.Heading}：还有 {area.Missing.Count} 项必填数据未填", TodoTarget.Area, id, area.Area.Key));
                }

                if (completeness.Missing.Count == 0)
                {
                    items.Add(viewer.Is(Roles.CountyLead)
                        ? new TodoItem($"{facts.Name}的必填数据已全部填写，请检查后提交。", TodoTarget.Overview, id, Urgent: true)
                        : new TodoItem($"{facts.Name}的必填数据已全部填写，请县级负责人检查后提交。", TodoTarget.Overview, id));
                }

                if (e.Deadline.Kind == DeadlineKind.OnTime)
                {
                    items.Add(new TodoItem($"{facts.Name}{e.Deadline.Describe()}", TodoTarget.Overview, id, Urgent: e.Deadline.DaysLeft <= 7));
                }
            }
        }

        // Departments' parts (issue 30): what waits for the county's review, and the departments past the internal deadline.
        if (ReviewWorkflow.IsEditable(e.Status) && !e.Deadline.BlocksDraft)
        {
            if (facts.AwaitingDepartmentReview > 0)
                items.Add(new TodoItem(Messaging.Messages.DepartmentsToReviewTodo(facts.Name, facts.AwaitingDepartmentReview), TodoTarget.DepartmentReview, id));
            if (Departments.DepartmentProgress.IsLate(facts.DepartmentDeadline, facts.Today) && facts.PendingDepartments.Count > 0)
                items.Add(new TodoItem(Messaging.Messages.LateDepartmentsTodo(facts.Name, facts.DepartmentDeadline!.Value, facts.PendingDepartments), TodoTarget.DepartmentReview, id, Urgent: true));
        }

        if (facts.InsufficientEvidence > 0 && ReviewWorkflow.IsEditable(e.Status) && !e.Deadline.BlocksDraft)
        {
            items.Add(new TodoItem($"{facts.Name}有 {facts.InsufficientEvidence} 份佐证材料被督导评为不充分，请按理由补充或替换。", TodoTarget.Evidence, id, Urgent: true));
        }

        // A thread waits for the county only while the county can still act on it (decision 0041): after approval the report
        // is locked and the thread is history, so it is no longer a to-do.
        if (facts.AwaitingCounty > 0 && CountyCanReply(e.Status))
        {
            items.Add(new TodoItem($"{facts.Name}有 {facts.AwaitingCounty} 条审核意见待您回复", TodoTarget.Comments, id));
        }

        return items;
    }

    /// <summary>
    /// Whether the county is still asked to answer the supervisors' threads: while the evaluation is in the county's hands or
    /// in review; not once it is approved (nothing the county writes can change the approved report).
    /// </summary>
    public static bool CountyCanReply(EvaluationStatus status) => status != EvaluationStatus.Approved;

    /// <summary>How many days ahead a rectification task's due date makes it a to-do.</summary>
    public const int TaskDueWithinDays = 7;

    /// <summary>
    /// A county user's rectification to-dos (decision 0041): each open task (not done, not declared impossible) that is not
    /// started, due within <see cref="TaskDueWithinDays"/> days, or overdue, with its name and due date; the others are left
    /// to the 整改任务 page. Overdue first, then by due date.
    /// </summary>
    public static IReadOnlyList<TodoItem> ForTasks(Viewer viewer, IEnumerable<TodoTask> tasks, DateOnly today)
    {
        if (!viewer.IsCountyUser) return [];
        var items = new List<(int Order, DateOnly Due, TodoItem Item)>();
        foreach (var t in tasks.Where(t => !Rectification.RectificationStatuses.IsClosed(t.Status)))
        {
            var name = $"{t.Name} · 整改任务 {t.Number}“{Short(t.Problem)}”";
            var due = t.Due is { } d ? $"（完成期限 {ChinaTime.Date(d)}）" : "（未定完成期限）";
            TodoItem? item = null;
            var order = 2;
            if (Rectification.RectificationStatuses.IsOverdue(t.Status, t.Due, today))
            {
                (order, item) = (0, new TodoItem($"{name}已逾期{due}，请尽快整改并登记进展；确实无法完成的，请写明原因。", TodoTarget.Rectification, t.EvaluationId, Urgent: true, TaskId: t.Id, TaskYear: t.Year));
            }
            else if (t.Due is { } day && day.DayNumber - today.DayNumber <= TaskDueWithinDays)
            {
                var left = day.DayNumber - today.DayNumber;
                var when = left == 0 ? "今天到期" : $"距完成期限还有 {left} 天";
                (order, item) = (1, new TodoItem($"{name}{when}{due}，请按时完成并登记整改进展。", TodoTarget.Rectification, t.EvaluationId, Urgent: true, TaskId: t.Id, TaskYear: t.Year));
            }
            else if (t.Status == Rectification.RectificationStatus.NotStarted)
            {
                item = new TodoItem($"{name}尚未开始{due}，请开始整改并登记进展。", TodoTarget.Rectification, t.EvaluationId, TaskId: t.Id, TaskYear: t.Year);
            }

            if (item is not null) items.Add((order, t.Due ?? DateOnly.MaxValue, item));
        }

        return items.OrderBy(i => i.Order).ThenBy(i => i.Due).Select(i => i.Item).ToList();
    }

    private static string Short(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 30 ? line : line[..29] + "…";
    }

    private static List<TodoItem> ForSupervisor(TodoFacts facts)
    {
        if (facts.Evaluation.Status != ReviewedStatus) return [];
        var items = new List<TodoItem> { new($"{facts.Name}已提交，待您审核：退回修改，或审核通过。", TodoTarget.Overview, facts.EvaluationId, Urgent: true) };
        if (facts.AwaitingSupervisor > 0)
        {
            items.Add(new TodoItem($"{facts.Name}有 {facts.AwaitingSupervisor} 条县级回复待您查看", TodoTarget.Comments, facts.EvaluationId));
        }

        return items;
    }

    private static string Reason(TodoFacts facts) => string.IsNullOrWhiteSpace(facts.LastStepReason) ? string.Empty : $"（理由：{facts.LastStepReason}）";
}
