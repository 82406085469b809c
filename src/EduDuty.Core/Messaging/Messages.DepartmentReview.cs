namespace EduDuty.Core.Messaging;

/// <summary>The county's review of its departments' parts (issue 30, part C): accept, return, progress, the lead's submission.</summary>
public static partial class Messages
{
    /// <summary>The longest reason a county official may give when returning one department field (退回理由).</summary>
    public const int DepartmentReturnReasonMax = 500;

    /// <summary>The longest reason the lead gives for submitting with departments not yet accepted.</summary>
    public const int DepartmentsPendingReasonMax = 500;

    public static Message DepartmentReturnNeedsReason(string field) => NotNow("department-return-needs-reason",
        $"退回“{field}”时请写明理由，告诉部门需要怎样修改。", ("field", field));

    public static Message DepartmentReturnReasonInvalid(string field) => ReasonInvalid($"“{field}”的退回理由", DepartmentReturnReasonMax);

    public static readonly Message NothingToReview = NotNow("nothing-to-review",
        "请至少选择一项部门报送的数据，再点“采纳”或“退回”。");

    public static readonly Message NothingSubmittedNow = NotNow("nothing-submitted-now",
        "该部门现在没有待审核的报送（可能已由他人采纳或退回）。请刷新页面查看最新状态。");

    public static Message NotAwaitingReview(string field) => NotNow("not-awaiting-review",
        $"“{field}”不是待审核的部门报送：部门可能已修改后重新报送，或已由他人采纳或退回。请刷新页面，查看最新状态后再审核。", ("field", field));

    // The code is what was posted: only its first 40 characters are quoted back (a forged post may send any length).
    public static Message UnknownReviewField(string code) => NotNow("unknown-review-field",
        $"“{(code.Length > 40 ? code[..40] + "…" : code)}”不是本方案中由部门填报的指标，请刷新页面后重新选择。", ("code", code.Length > 40 ? code[..40] + "…" : code));

    public static Message DepartmentsPending(int count) => NotNow("departments-pending",
        $"还有 {count} 个部门的数据尚未采纳。请先在“部门报送审核”中采纳或退回（部门还没有报送的，请提醒部门报送）；确需现在提交的，请勾选“部门数据尚未全部采纳，仍然提交”并写明理由。",
        ("count", count));

    public static Message DepartmentsPendingNeedsReason(int count) => NotNow("departments-pending-needs-reason",
        $"还有 {count} 个部门的数据尚未采纳，仍然提交时请写明理由（最多 {DepartmentsPendingReasonMax} 个字），理由将记入审核记录。", ("count", count));

    public const string DepartmentsPendingReasonName = "部门数据未全部采纳的提交理由";

    /// <summary>Kept with the submission's transition: which departments were not accepted, and the lead's reason.</summary>
    public static string DepartmentsPendingNote(IReadOnlyList<string> departments, string reason) =>
        $"提交时尚有 {departments.Count} 个部门的数据未采纳（{string.Join("、", departments)}），县级负责人的理由：{reason}";

    // ── Notifications to a department's users ──

    public static string DepartmentReturnedNotice(string evaluation, string county, int count, string reasons) =>
        $"{evaluation}：{county}退回 {count} 项：{reasons}。请修改后重新报送。";

    public static string DepartmentAcceptedNotice(string evaluation, string county, int count) =>
        $"{evaluation}：{county}已采纳 {count} 项，这些数据已锁定。";

    public static string AcceptedFieldChangedNotice(string evaluation, string who, IReadOnlyList<string> fields) =>
        $"{evaluation}：已采纳的 {fields.Count} 项数据由{who}修改：{string.Join("、", fields)}。如有异议，请与教育局联系。";

    // ── To-do ──

    public static string LateDepartmentsTodo(string evaluation, DateOnly due, IReadOnlyList<(string Name, int NotAccepted)> late) =>
        $"{evaluation}：内部截止日期 {Text.ChinaTime.Date(due)} 已过，{string.Join("、", late.Select(l => $"{l.Name}（{l.NotAccepted} 项未采纳）"))}尚未完成。请督促部门报送，或审核已报送的数据。";

    public static string DepartmentsToReviewTodo(string evaluation, int count) =>
        $"{evaluation}：有 {count} 项部门报送的数据待您审核，请采纳或退回。";
}
