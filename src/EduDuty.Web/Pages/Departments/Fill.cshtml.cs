using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Departments;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Excel;
using EduDuty.Core.Departments;
using EduDuty.Core.Schemes;
using EduDuty.Reporting.Excel;
using EduDuty.Web.Infrastructure;
using EduDuty.Web.Pages.Evaluations.Areas;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Departments;

/// <summary>
/// 本部门填报 (issue 30, decision 0054): a department user's fields of one evaluation, across areas, grouped by area, with the
/// area page's inputs, help, live judgments, autosave and plausibility warnings (its partials and its script), each field's
/// state (待填 / 已报送 / 已采纳 / 已退回：reason), 报送, and the department's workbook. Another county's evaluation is 404.
/// </summary>
[HandlerBodyLimit("Field", EditModel.FieldBodyLimit, EditModel.FieldValueCountLimit)]
[RequestSizeLimit(CountyWorkbookReader.MaxBytes + 64 * 1024)]
public sealed class FillModel(DepartmentDeskLoader desks, CurrentUser user) : PageModel
{
    [BindProperty]
    public AreaForm Form { get; set; } = new();

    /// <summary>The empty fields the user confirmed sending as they are (报送's question: 以下 N 项尚未填写，确认报送？).</summary>
    [BindProperty]
    [Display(Name = "确认报送的未填写指标")]
    public List<string> ConfirmEmpty { get; set; } = [];

    /// <summary>The department's workbook, filled in (本部门填报表).</summary>
    [BindProperty]
    [Display(Name = "本部门填报表")]
    public IFormFile? Upload { get; set; }

    public DepartmentDesk Desk { get; private set; } = null!;

    public DepartmentView View { get; private set; } = null!;

    public CurrentUser Viewer => user;

    public string? Saved { get; private set; }

    public string? Refusal { get; private set; }

    public IReadOnlyList<Conflict> Conflicts { get; private set; } = [];

    /// <summary>What is wrong in an uploaded workbook, each at its sheet and cell: nothing was imported.</summary>
    public IReadOnlyList<FieldProblem> ImportProblems { get; private set; } = [];

    /// <summary>The empty fields 报送 asks about (shown with the confirmation), when it asked.</summary>
    public IReadOnlyList<SchemeField> AskEmpty { get; private set; } = [];

    public bool Unsaved { get; private set; }

    private const string SavedKey = "DepartmentSaved";

    private Actor Actor => user.Actor;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Saved = TempData[SavedKey] as string;
        View = DepartmentView.Build(Desk);
        return Page();
    }

    /// <summary>保存: every changed figure of the page in one write; the rule decides each field (another's or a sent one: nothing saved).</summary>
    public async Task<IActionResult> OnPostAsync(int id, [FromServices] SaveDepartmentFields save, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var outcome = await save.HandleAsync(Desk, Form, Actor, cancellationToken);
        if (outcome.IsDone) return Done(id, outcome.Note);

        Unsaved = true;
        var refusal = this.Answer(outcome);
        IReadOnlyDictionary<string, string>? errors = null;
        switch (outcome.Kind)
        {
            case OutcomeKind.Invalid:
                errors = outcome.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal);
                foreach (var (code, message) in errors) ModelState.AddModelError($"Form.Values[{code}]", message);
                break;
            case OutcomeKind.Conflict when outcome.Conflicts.Count > 0:
                Conflicts = outcome.Conflicts;
                foreach (var conflict in Conflicts.Where(c => Desk.Workspace.Scheme.FindField(c.Target) is not null))
                {
                    Form.Base[conflict.Target] = conflict.TheirValue;
                    Form.Versions[conflict.Target] = conflict.CurrentVersion;
                }

                break;
            default:
                Refusal = refusal;
                break;
        }

        View = DepartmentView.Build(Desk, Form, errors);
        return Page();
    }

    /// <summary>Autosave of one figure when its field is left (area.js), through the same guarded write; the area page's answer.</summary>
    public async Task<IActionResult> OnPostFieldAsync(int id, [FromServices] AutosaveField autosave, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var outcome = await autosave.FigureAsync(Desk.Workspace, Form, Actor, cancellationToken);
        return FieldAnswers.Autosave(this, outcome, Desk.Workspace.Scheme);
    }

    /// <summary>The live judgments of the page's rows with what is typed so far (the department's inputs only are taken).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var (result, errors) = SaveArea.Preview(Desk.Workspace, Desk.Fields, Form);
        return new JsonResult(new
        {
            results = FieldAnswers.Results(result, Desk.Fields.Concat(Desk.Fed)),
            errors,
            plausibility = FieldAnswers.Plausibility(DepartmentView.PlausibilityOf(result, Desk)),
        });
    }

    /// <summary>报送: every field still with the department goes to the county; empty ones only once confirmed.</summary>
    public async Task<IActionResult> OnPostSubmitAsync(int id, [FromServices] SubmitDepartmentPart submit, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        var outcome = await submit.HandleAsync(Desk, ConfirmEmpty, Actor, cancellationToken);
        if (outcome.IsDone) return Done(id, outcome.Note);

        Refusal = this.Answer(outcome);
        if (outcome.Reason?.Code == Core.Messaging.Messages.DepartmentEmptyFieldsCode) AskEmpty = Desk.SendableEmpty;
        View = DepartmentView.Build(Desk);
        return Page();
    }

    /// <summary>本部门填报表: the department's rows only, prefilled with what is saved.</summary>
    public async Task<IActionResult> OnGetWorkbookAsync(int id, [FromServices] CountyWorkbookDownload workbook, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (Desk.Fields.Count == 0) return NotFound();
        var written = await workbook.HandleAsync(Desk.Workspace, Desk.Part, cancellationToken);
        if (written is { IsDone: true, Value: var (content, fileName) }) return File(content, CountyWorkbookDownload.MediaType, fileName);
        Refusal = this.Answer(written);
        View = DepartmentView.Build(Desk);
        return Page();
    }

    /// <summary>The department's workbook uploaded: only its cells are read, and written at once through the guarded write.</summary>
    public async Task<IActionResult> OnPostImportAsync(int id, [FromServices] ImportDepartmentWorkbook import, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Outcome<ImportPlan> outcome;
        if (Upload is null || Upload.Length == 0)
        {
            outcome = Outcome.Invalid("文件", "请选择要上传的本部门填报表（.xlsx）：在本页“下载本部门填报表”后填写");
        }
        else if (Upload.Length > CountyWorkbookReader.MaxBytes)
        {
            outcome = Outcome.Invalid("文件", $"文件过大（上限 {CountyWorkbookReader.MaxBytes / 1024 / 1024} MB），请检查是否选错了文件");
        }
        else
        {
            using var buffer = new MemoryStream((int)Upload.Length);
            await Upload.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            outcome = await import.HandleAsync(Desk, buffer, Actor, cancellationToken);
        }

        if (outcome.IsDone) return Done(id, outcome.Note);
        Refusal = this.Answer(outcome);
        if (outcome.Kind == OutcomeKind.Invalid) ImportProblems = outcome.Problems;
        if (outcome.Kind == OutcomeKind.Conflict) Conflicts = outcome.Conflicts;
        View = DepartmentView.Build(Desk);
        return Page();
    }

    private IActionResult Done(int id, string? note)
    {
        TempData[SavedKey] = note;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (await desks.LoadAsync(id, Actor, cancellationToken) is not { } desk) return false;
        Desk = desk;
        return true;
    }
}
