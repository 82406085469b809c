using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Evaluations.Review;
using EduDuty.Application.Evidence;
using EduDuty.Application.Evaluations.Scores;
using EduDuty.Application.Excel;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations;

/// <summary>
/// An evaluation's overview and its review steps. The page reads its view with one query (<see cref="OverviewQuery"/>) when it
/// renders; each POST calls one handler (injected into the handler method) and reads the view only when it shows the page again.
/// </summary>
public sealed class DetailsModel(WorkspaceLoader loader, OverviewQuery overview, CurrentUser user)
    : EvaluationPageModel(loader, user)
{
    /// <summary>What the page shows besides the workspace (read by <see cref="OverviewQuery"/>).</summary>
    public EvaluationOverview Overview { get; private set; } = null!;

    public IReadOnlyList<ReviewComment> ReturnReasons => Overview.ReturnReasons;

    /// <summary>Scores under a scheme that scores (self and, once verified, verified); null under SX-2021.</summary>
    public Application.Evaluations.Scores.ScoreView? Score => Overview.Score;

    /// <summary>A bonus item, an indicator, the points and the reason a score form posts.</summary>
    [BindProperty]
    [Display(Name = "加分项或指标")]
    public string? ScoreCode { get; set; }

    [BindProperty]
    [Display(Name = "理由")] [DataType(DataType.MultilineText)]
    public string? ScoreReason { get; set; }

    [BindProperty]
    public decimal? ScorePoints { get; set; }

    /// <summary>The versions of the claims and adjustments the score card showed (<see cref="ScoreChanges.Seen"/>).</summary>
    [BindProperty]
    [Display(Name = "页面显示的核定版本")]
    public string? ScoreSeen { get; set; }

    /// <summary>Last year's rectification tasks, which the county reports on and its reviewers check.</summary>
    public (int Year, IReadOnlyList<Core.Rectification.RectificationItem> Items)? LastYearTasks => Overview.LastYearTasks;

    /// <summary>The latest review step (who, when, why): a reopening's or an approval's reason is shown from here.</summary>
    public EvaluationTransition? LastStep => Overview.LastStep;

    /// <summary>For a resubmission awaiting review: what the county changed since the return.</summary>
    public IReadOnlyList<ReturnChange>? Changes => Overview.Changes;

    /// <summary>Comment threads not resolved yet (approving over them needs a tick).</summary>
    public int OpenThreads => Overview.OpenThreads;

    [BindProperty]
    [Display(Name = "审核意见")] [DataType(DataType.MultilineText)]
    public string? Opinion { get; set; }

    /// <summary>The reviewer's 整改意见 at approval, one per line: each becomes a rectification task of the county.</summary>
    [BindProperty]
    [Display(Name = "整改意见")] [DataType(DataType.MultilineText)]
    public string? Requirements { get; set; }

    /// <summary>The reviewer's tick "仍然审核通过" over open threads.</summary>
    [BindProperty]
    public bool DespiteOpenThreads { get; set; }

    public string? Refusal { get; private set; }

    /// <summary>This response shows a refused post of the named handler: its form shows what was typed (issue 27).</summary>
    public bool RefusedHandler(string handler) =>
        Refusal is not null && string.Equals(Request.Query["handler"], handler, StringComparison.OrdinalIgnoreCase);

    [TempData]
    public string? Saved { get; set; }

    [BindProperty]
    public List<ReturnReasonInput> Reasons { get; set; } = [];

    /// <summary>Evidence judged 不充分, which the return form cites as its first reasons (the supervisor may edit them).</summary>
    public IReadOnlyList<(string Target, string Text)> EvidenceCitations => Overview.EvidenceCitations;

    /// <summary>Indicators cited for their evidence that the return form's list of failing indicators does not offer already.</summary>
    public IReadOnlyList<EduDuty.Core.Schemes.SchemeField> CitedIndicators => EvidenceCitations
        .Select(c => Workspace.Scheme.FindField(c.Target)).OfType<EduDuty.Core.Schemes.SchemeField>()
        .Where(f => Workspace.Result.Failing.All(r => r.Field.Code != f.Code)).DistinctBy(f => f.Code).ToList();

    [BindProperty]
    [Display(Name = "重新打开的理由")] [DataType(DataType.MultilineText)]
    public string? ReopenReason { get; set; }

    /// <summary>The lead's tick "我已核对以上未达标指标，确认提交".</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>The lead's tick "正文超过字数上限，仍然提交", asked when the report's body is over the scheme's limit.</summary>
    [BindProperty]
    public bool DespiteLength { get; set; }

    /// <summary>The lead's tick "以上数据提示已核对，确属实，仍然提交", asked when data warnings are open (issue 26).</summary>
    [BindProperty]
    public bool DespiteWarnings { get; set; }

    /// <summary>Which warnings the page listed beside that tick (<see cref="Core.Rules.EvaluationResult.PlausibilityWarningsToken"/>).</summary>
    [BindProperty]
    [Display(Name = "已核对的数据提示")]
    public string? WarningsSeen { get; set; }

    /// <summary>The lead's tick "部门数据尚未全部采纳，仍然提交", asked when departments' fields are not accepted yet (issue 30).</summary>
    [BindProperty]
    [Display(Name = "部门数据尚未全部采纳，仍然提交")]
    public bool DespiteDepartments { get; set; }

    /// <summary>The lead's reason for submitting with departments not accepted (at most 500 characters), kept with the submission.</summary>
    [BindProperty]
    [Display(Name = "部门数据未全部采纳的提交理由")] [DataType(DataType.MultilineText)]
    public string? DepartmentsReason { get; set; }

    /// <summary>For one who may submit under a scheme with a length limit: the report's body against it.</summary>
    public Core.Reports.ReportLength? ReportLength => Overview.Length;

    [BindProperty]
    [Display(Name = "截止日期")]
    public string? DeadlineDate { get; set; }

    /// <summary>The admin ticked "确认使用这个日期" for a year deadline that looks like a slip.</summary>
    [BindProperty]
    public bool DeadlineConfirmed { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await overview.PageAsync(id, Actor, cancellationToken) is not var (workspace, view)) return NotFound();
        Use(workspace);
        Overview = view;
        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync(int id, [FromServices] ReviewTransitions review, CancellationToken cancellationToken) =>
        StepAsync(id, "评价已提交，等待督导审核。提交后内容已锁定。", () => review.SubmitAsync(Workspace, Actor,
            new SubmitAnswers(Confirmed, DespiteLength, DespiteWarnings, WarningsSeen ?? string.Empty) { DepartmentsConfirmed = DespiteDepartments, DepartmentsReason = DepartmentsReason },
            cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(int id, [FromServices] ReviewTransitions review, CancellationToken cancellationToken) =>
        StepAsync(id, "评价已审核通过。", () => review.ApproveAsync(Workspace, Actor, Opinion, DespiteOpenThreads, Requirements, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(int id, [FromServices] ReviewTransitions review, CancellationToken cancellationToken) =>
        StepAsync(id, "评价已退回县级修改。", () => review.ReturnAsync(Workspace, Actor, Reasons.Select(r => new ReturnReason(r.Target ?? string.Empty, r.Text ?? string.Empty)).ToList(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(int id, [FromServices] ReviewTransitions review, CancellationToken cancellationToken) =>
        StepAsync(id, "评价已重新开启，县级可以修改。", () => review.ReopenAsync(Workspace, Actor, ReopenReason, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostDeadlineAsync(int id, [FromServices] Deadlines deadlines, CancellationToken cancellationToken) =>
        StepAsync(id, "截止日期已设置，适用于本年度所有县。", () => deadlines.SetYearDeadlineAsync(
            Workspace.SchemeId, Workspace.Year, Actor.RegionPath, ChinaTime.ParseIsoDate(DeadlineDate), DeadlineConfirmed, Actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostExtendAsync(int id, [FromServices] Deadlines deadlines, CancellationToken cancellationToken) =>
        StepAsync(id, null, () => deadlines.SetExtensionAsync(Workspace, DeadlineDate, Actor, cancellationToken), cancellationToken);

    /// <summary>The county's figures in the exchange format (docs/figures-format.md).</summary>
    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var (content, fileName) = ExportFigures.Handle(Workspace);
        return File(content, "application/json; charset=utf-8", fileName);
    }

    /// <summary>The county's offline workbook: figures prefilled, only the value cells open (docs/figures-format.md).</summary>
    public async Task<IActionResult> OnGetWorkbookAsync(int id, [FromServices] CountyWorkbookDownload workbook, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var written = await workbook.HandleAsync(Workspace, cancellationToken);
        if (written is { IsDone: true, Value: var (content, fileName) }) return File(content, CountyWorkbookDownload.MediaType, fileName);
        Refusal = this.Answer(written);
        Overview = await overview.HandleAsync(Workspace, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostApplyBonusAsync(int id, [FromServices] ScoreChanges scores, CancellationToken cancellationToken) =>
        ScoreAsync(id, () => scores.ApplyAsync(Workspace, Actor, ScoreCode ?? "", ScoreReason, withdraw: false, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostWithdrawBonusAsync(int id, [FromServices] ScoreChanges scores, CancellationToken cancellationToken) =>
        ScoreAsync(id, () => scores.ApplyAsync(Workspace, Actor, ScoreCode ?? "", null, withdraw: true, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostGrantBonusAsync(int id, [FromServices] ScoreChanges scores, CancellationToken cancellationToken) =>
        ScoreAsync(id, () => scores.DecideAsync(Workspace, Actor, ScoreCode ?? "", grant: true, ScoreReason, ScoreChanges.SeenVersion(ScoreSeen, "bonus", ScoreCode ?? ""), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostRefuseBonusAsync(int id, [FromServices] ScoreChanges scores, CancellationToken cancellationToken) =>
        ScoreAsync(id, () => scores.DecideAsync(Workspace, Actor, ScoreCode ?? "", grant: false, ScoreReason, ScoreChanges.SeenVersion(ScoreSeen, "bonus", ScoreCode ?? ""), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostAdjustPointsAsync(int id, [FromServices] ScoreChanges scores, CancellationToken cancellationToken) =>
        ScoreAsync(id, () => scores.AdjustAsync(Workspace, Actor, ScoreCode ?? "", ScorePoints, ScoreReason, ScoreChanges.SeenVersion(ScoreSeen, "points", ScoreCode ?? "") ?? 0, cancellationToken), cancellationToken);

    // A score change: done goes back to the score card with the change's note; anything else shows the page again with the
    // reason and the outcome's status.
    private async Task<IActionResult> ScoreAsync(int id, Func<Task<Outcome<Unit>>> act, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var outcome = await act();
        if (outcome.IsDone)
        {
            Saved = outcome.Note;
            return Redirect($"/Evaluations/{id}#self-score");
        }

        Refusal = this.Answer(outcome);
        Overview = await overview.HandleAsync(Workspace, cancellationToken);
        return Page();
    }

    // One review step: the handler decides; done redirects (the page is read again by its GET), anything else shows the
    // page again with the reason and the outcome's status.
    private async Task<IActionResult> StepAsync(int id, string? done, Func<Task<Outcome<Unit>>> act, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        var outcome = await act();
        if (outcome.IsDone)
        {
            Saved = outcome.Note ?? done;
            return RedirectToPage(new { id });
        }

        Refusal = this.Answer(outcome);
        Overview = await overview.HandleAsync(Workspace, cancellationToken);
        return Page();
    }
}

public sealed class ReturnReasonInput
{
    /// <summary>Field code or area key.</summary>
    [Display(Name = "退回理由针对的指标或领域")]
    public string? Target { get; set; }

    [Display(Name = "退回理由")] [DataType(DataType.MultilineText)]
    public string? Text { get; set; }
}
