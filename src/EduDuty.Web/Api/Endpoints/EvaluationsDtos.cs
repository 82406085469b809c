using System.ComponentModel;
using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Core.Review;
using EduDuty.Core.Rules;

namespace EduDuty.Web.Api.Endpoints;

[Description("截止日期：kind 为 none（未设）、onTime、late（草稿已过期，只读）、locked（已提交或通过）。")]
public sealed record DeadlineDto(string Kind, DateOnly? Due, bool Extended, int DaysLeft)
{
    public static DeadlineDto Of(DeadlineState d) => new(MachineNames.Of(d.Kind), d.Due, d.Extended, d.DaysLeft);
}

[Description("评价列表中的一项：完整度与未达标数来自保存的汇总；summarised 为 false 时尚无汇总（未填或待重算），数字不代表“全部达标”。")]
public sealed record EvaluationItemDto(
    int Id, string County, string CountyCode, int Year, string Scheme, string State, DateTime UpdatedAt, DateTime? SubmittedAt,
    DeadlineDto Deadline, int RequiredFilled, int Required, int OptionalFilled, int Optional, int FailingCount, int WarningCount, bool Summarised)
{
    public static EvaluationItemDto Of(EvaluationRow r) => new(r.Id, r.County, r.CountyCode, r.Year, r.SchemeTitle, MachineNames.Of(r.Status),
        r.UpdatedAtUtc, r.SubmittedAtUtc, DeadlineDto.Of(r.Deadline), r.RequiredFilled, r.Required, r.OptionalFilled, r.Optional,
        r.FailingCount, r.WarningCount, r.Summarised);
}

[Description("一页评价：items 为本页，total 为符合条件的总数，page 从 1 开始，pageSize 最大 200。")]
public sealed record EvaluationPageDto(IReadOnlyList<EvaluationItemDto> Items, int Total, int Page, int PageSize, int PageCount)
{
    public static EvaluationPageDto Of(Paged<EvaluationRow> page) =>
        new(page.Items.Select(EvaluationItemDto.Of).ToList(), page.Total, page.Page, page.PageSize, page.PageCount);
}

[Description("完整度：必填与选填的已填数；missing 为未填的必填数据（名称（代码））。")]
public sealed record CompletenessDto(int Required, int RequiredFilled, int Optional, int OptionalFilled, IReadOnlyList<string> Missing);

[Description("结果概要：未达标、达标、无法判断（未填或无法计算，不算达标）的判定指标数，未达标代码与数据提示数；warningsToken 标识当前的数据提示，提交时作为 warningsSeen 带回以确认已核对这些提示。")]
public sealed record SummaryDto(int Failing, int Passing, int Unknown, IReadOnlyList<string> FailingCodes, int Warnings, string WarningsToken);

[Description("得分（方案计分时）：自评总分与其中申请的加分；督导核定后 verifiedTotal 为核定总分，否则为 null。分数为字符串，保留方案的精度。")]
public sealed record ScoreDto(string SelfTotal, string SelfBonus, string? VerifiedTotal, string Grade);

[Description("当前用户对评价可做的一步：allowed 为 false 时 reason 说明原因与下一步。")]
public sealed record TransitionDto(string Name, bool Allowed, string? Reason, string? Code);

[Description("一份评价：状态、截止日期、完整度、结果概要、得分，以及当前用户可做的审核步骤。")]
public sealed record EvaluationDto(
    int Id, string County, int Year, int SchemeId, string Scheme, string State, DateTime UpdatedAt, DeadlineDto Deadline,
    CompletenessDto Completeness, SummaryDto Summary, ScoreDto? Score, string Note, IReadOnlyList<TransitionDto> Transitions, bool CanEditFigures)
{
    public static EvaluationDto Of(EvaluationCardView view)
    {
        var ws = view.Workspace;
        var c = ws.Completeness;
        var judged = ws.Result.Results.Where(r => r.Field.IsJudged).ToList();
        var summary = new SummaryDto(
            judged.Count(r => r.Status == JudgmentStatus.Fail), judged.Count(r => r.Status == JudgmentStatus.Pass),
            judged.Count(r => !r.Status.HasValue()), ws.Result.Failing.Select(r => r.Field.Code).ToList(), ws.Result.OpenWarnings.Count,
            ws.Result.PlausibilityWarningsToken);
        ScoreDto? score = null;
        if (view.Score is { } s)
        {
            var precision = s.Self.Rules.Precision;
            score = new ScoreDto(Core.Rules.DisplayFormat.Compact(s.Self.Total, precision), Core.Rules.DisplayFormat.Compact(s.Self.Bonus, precision),
                s.Verified is { } v ? Core.Rules.DisplayFormat.Compact(v.Total, precision) : null, (s.Verified ?? s.Self).Grade.Name);
        }

        return new EvaluationDto(ws.Id, ws.County, ws.Year, ws.SchemeId, ws.Scheme.Name, MachineNames.Of(ws.Status), ws.UpdatedAtUtc, DeadlineDto.Of(ws.Deadline),
            new CompletenessDto(c.Required, c.RequiredFilled, c.Optional, c.OptionalFilled, ws.MissingRequired), summary, score,
            ws.ReviewPanel.Note, TransitionsOf(ws), ws.CanEdit);
    }

    public static IReadOnlyList<TransitionDto> TransitionsOf(Workspace ws) =>
        ws.ReviewPanel.Actions.Select(a => new TransitionDto(MachineNames.Of(a.Action), a.Allowed, a.Reason, a.Refusal?.Code)).ToList();
}

[Description("提交：confirm 须为 true（相当于页面上的“确定提交”）；有数据提示时 despiteWarnings 为 true 并带上 warningsSeen；正文超长时 despiteLength 为 true；有部门数据尚未采纳时 despiteDepartments 为 true 并写明 departmentsReason（最多 500 字）。")]
public sealed record SubmitRequest(bool Confirm, bool DespiteWarnings = false, string? WarningsSeen = null, bool DespiteLength = false, bool DespiteDepartments = false, string? DepartmentsReason = null);

[Description("退回理由：target 为指标代码或领域键，text 为理由。")]
public sealed record ReturnReasonDto(string Target, string Text);

[Description("退回：confirm 须为 true；reasons 至少一条针对指标或领域的理由。")]
public sealed record ReturnRequest(bool Confirm, IReadOnlyList<ReturnReasonDto>? Reasons);

[Description("审核通过：confirm 须为 true；opinion 为审核意见（必填）；仍有未解决意见时 despiteOpenThreads 为 true；requirements 为整改意见，每行一条。")]
public sealed record ApproveRequest(bool Confirm, string? Opinion, bool DespiteOpenThreads = false, string? Requirements = null);

[Description("重新开启（管理员）：confirm 须为 true；reason 为理由（必填）。")]
public sealed record ReopenRequest(bool Confirm, string? Reason);
