using EduDuty.Core.Reports;
using EduDuty.Core.Rules;
using EduDuty.Core.Text;
using EduDuty.Reporting.Layout;
using EduDuty.Web.Infrastructure;
using EduDuty.Web.Pages.Evaluations.Workspace;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Evaluations.Report;

public sealed class IndexModel(
    WorkspaceLoader loader, ReportTextsStore store, ReportPdfService pdf, IValidator<ReportForm> validator, TimeProvider clock, CurrentUser user, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    public ReportForm Form { get; set; } = new();

    public Workspace.Workspace Workspace { get; private set; } = null!;

    public ReportDocument Report { get; private set; } = null!;

    /// <summary>Failing indicators no county item names: they get automatic items.</summary>
    public IReadOnlyList<FieldResult> Uncovered { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Conflict { get; private set; }

    public IReadOnlyList<string> FontProblems => pdf.Fonts.Problems;

    [TempData]
    public string? Saved { get; set; }

    private Data.Entities.ReportSettings? _settings;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Form = ReportTextsStore.FormFor(Workspace, _settings);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!Workspace.CanEdit) return Refused();

        var validation = await validator.ValidateAsync(Form, cancellationToken);
        if (!validation.IsValid) return Invalid(validation.Errors.Select(e => e.ErrorMessage).Distinct().ToList());

        var result = await store.SaveAsync(Workspace, Form, cancellationToken);
        switch (result.Status)
        {
            case ReportSaveStatus.Forbidden:
                return Refused();
            case ReportSaveStatus.Invalid:
                return Invalid(result.Errors);
            case ReportSaveStatus.Conflict:
                Conflict = true;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                Saved = "报告设置已保存。";
                return RedirectToPage(new { id });
        }
    }

    public async Task<IActionResult> OnGetPdfAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        try
        {
            var bytes = await pdf.RenderAsync(Report, cancellationToken);
            return File(bytes, "application/pdf", $"{Workspace.County}{Workspace.Year}年度履行教育职责自评报告.pdf");
        }
        catch (ReportFontsMissingException)
        {
            Form = ReportTextsStore.FormFor(Workspace, _settings);
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    // County users are told about the lock; other roles may not change county texts at all.
    private IActionResult Refused()
    {
        logger.LogWarning("Refused report change of evaluation {Id} ({Status}) by {User}", Workspace.Id, Workspace.Status, user.Id);
        if (!user.IsCountyUser) return StatusCode(StatusCodes.Status403Forbidden);
        Errors = ["评价已提交或已通过，内容已锁定，本次没有保存。如需修改，请联系督导人员退回。"];
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private IActionResult Invalid(IReadOnlyList<string> errors)
    {
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    // Loads the evaluation and builds the report from what is stored; false when the evaluation is not the user's to see.
    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var workspace = await loader.LoadAsync(id, cancellationToken);
        if (workspace is null) return false;
        Workspace = workspace;
        _settings = await store.LoadAsync(id, cancellationToken);
        var texts = ReportTextsStore.Compose(workspace, _settings);
        var today = DateOnly.FromDateTime(ChinaTime.FromUtc(clock.GetUtcNow().UtcDateTime));
        Report = ReportBuilder.Build(workspace.Result, texts, workspace.County, today);
        var named = (texts.Problems ?? []).SelectMany(p => p.Codes).ToHashSet(StringComparer.Ordinal);
        Uncovered = workspace.Result.Failing.Where(r => !named.Contains(r.Field.Code)).ToList();
        return true;
    }
}
