using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Departments;
using EduDuty.Application.Evidence;
using EduDuty.Core.Schemes;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using EduDuty.Web.Pages.Evaluations.Areas;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Departments;

/// <summary>
/// A department's evidence for one indicator (issue 30, decision 0054): the pieces already attached to it and an upload, for an
/// indicator any of whose inputs is the department's (one of its fields, or an indicator they feed). The rule is Core's
/// (<see cref="Core.Departments.DepartmentWork.MayAttachEvidence"/>), decided again by <see cref="AttachEvidence"/> inside its claim;
/// any other indicator is 404 here. Pieces are changed, replaced and judged on the county's pages, not here.
/// </summary>
[EvidenceUploadLimit]
public sealed class EvidenceModel(DepartmentDeskLoader desks, EvidenceOverview overview, CurrentUser user) : PageModel
{
    /// <summary>The indicator: one of the department's fields or an indicator they feed (?field=A04.01).</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "指标")]
    public string? Field { get; set; }

    [BindProperty]
    [Display(Name = "材料标题")]
    [StringLength(AttachEvidence.MaxTitleLength)]
    public string? Title { get; set; }

    [BindProperty]
    [Display(Name = "文号")]
    [StringLength(AttachEvidence.MaxDocumentNumberLength)]
    public string? DocumentNumber { get; set; }

    [BindProperty]
    [Display(Name = "成文日期")]
    public string? DocumentDate { get; set; }

    public DepartmentDesk Desk { get; private set; } = null!;

    public SchemeField Indicator { get; private set; } = null!;

    public IReadOnlyList<EvidenceFile> Pieces { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Whether the department may upload now (the evaluation open, on time, a field behind it still with the department): what Core allows.</summary>
    public bool CanUpload => Desk.Edit.Allowed && Desk.MayStillBackWithEvidence(Indicator.Code);

    /// <summary>Why not, when <see cref="CanUpload"/> is false.</summary>
    public string? NoUploadReason => !Desk.Edit.Allowed ? Desk.Edit.Reason
        : Core.Messaging.Messages.DepartmentEvidenceLocked($"{Indicator.NameZh}（{Indicator.Code}）").Text;

    public string BackUrl => $"/Departments/{Desk.Workspace.Id}#row-{AreaRow.InputIdOf(Indicator.Code)}";

    private const string SavedKey = "DepartmentSaved";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Attaches every file of the form to the indicator; each is checked and stored (or refused) on its own.</summary>
    public async Task<IActionResult> OnPostUploadAsync(int id, List<IFormFile> files, [FromServices] AttachEvidence attach, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!Desk.Edit.Allowed) return Show<Unit>(Outcome.Refused(Desk.Edit.Refusal!));
        var (target, date, problems) = EvidenceUploadForm.Check(Desk.Workspace, Field, DocumentDate, files.Count, EvidenceUploadLimitAttribute.MaxFiles);
        if (problems.Count > 0) return Show<Unit>(Outcome.Invalid(problems));

        var attached = new List<string>();
        var refused = new List<string>();
        Outcome<EvidenceFile>? first = null;
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var details = new EvidenceDetails(files.Count == 1 ? Title : null, DocumentNumber, date);
            var outcome = await attach.HandleAsync(Desk.Workspace, target!, new EvidenceUpload(file.FileName, stream), details, user.Actor, cancellationToken);
            if (outcome.IsDone) attached.Add(outcome.Value!.Title);
            else
            {
                first ??= outcome;
                refused.Add($"{file.FileName}：{outcome.Refusal ?? string.Join("；", outcome.Problems.Select(p => p.Text))}");
            }
        }

        if (first is not null)
        {
            this.Answer(first);
            await LoadAsync(id, cancellationToken);
            Errors = [.. refused, $"{(attached.Count > 0 ? $"已上传 {attached.Count} 个文件；" : "")}以上 {refused.Count} 个文件没有保存，请处理后重新上传。"];
            return Page();
        }

        TempData[SavedKey] = $"已为“{Indicator.NameZh}”上传 {attached.Count} 份佐证材料：{string.Join("、", attached)}。";
        return Redirect(BackUrl);
    }

    private IActionResult Show<T>(Outcome<T> outcome)
    {
        var refusal = this.Answer(outcome);
        Errors = outcome.Kind == OutcomeKind.Invalid ? outcome.Problems.Select(p => p.Text).ToList() : [refusal ?? "没有保存。"];
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await desks.LoadAsync(id, user.Actor, cancellationToken) is not { } desk) return false;
        Desk = desk;
        if (Field is null || !desk.MayBackWithEvidence(Field) || desk.Workspace.Scheme.FindField(Field) is not { } indicator) return false;
        Indicator = indicator;
        var byField = await overview.ByFieldAsync(desk.Workspace, indicator.AreaKey, cancellationToken);
        Pieces = byField.TryGetValue(indicator.Code, out var pieces) ? pieces.Pieces : [];
        return true;
    }
}
