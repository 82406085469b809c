using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Application.Reports;
using EduDuty.Application.Reports.Editions;
using EduDuty.Data.Entities;
using EduDuty.Core.Reports;
using EduDuty.Reporting.Layout;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Evaluations.Report;

public sealed class IndexModel(WorkspaceLoader loader, ReportPage reports, ReportPdf pdf, CurrentUser user)
    : EvaluationPageModel(loader, user)
{
    [BindProperty]
    public ReportForm Form { get; set; } = new();

    public ReportDocument Report { get; private set; } = null!;

    /// <summary>The 存在问题 items the report adds for failing indicators no county item names, exactly as section 三 prints them.</summary>
    public IReadOnlyList<AutomaticProblem> AutomaticProblems { get; private set; } = [];

    /// <summary>Last year's rectification tasks the report tells in 上年度问题整改情况; null: the county has none, no such section.</summary>
    public IReadOnlyList<Core.Rectification.RectificationItem>? Rectification { get; private set; }

    /// <summary>Figures typed into the county's texts where the data for them is missing, each with the placeholder that binds it.</summary>
    public IReadOnlyList<FlaggedFigure> TypedFigures { get; private set; } = [];

    /// <summary>The body's characters against the scheme's limit, as stored (the page's script adds what is typed).</summary>
    public ReportLength Length { get; private set; } = null!;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The frozen editions, newest first; the one a download serves now (null: a draft).</summary>
    public IReadOnlyList<EditionInfo> Editions { get; private set; } = [];

    public EditionInfo? CurrentEdition { get; private set; }

    /// <summary>The errors are the form's to correct (an invalid save), not a refusal or a conflict.</summary>
    public bool Invalid { get; private set; }

    public bool Conflict { get; private set; }

    public IReadOnlyList<string> FontProblems => pdf.Fonts.Problems;

    [TempData]
    public string? Saved { get; set; }

    /// <summary>A "上移/下移" button that submitted the form ("Problems:2:up").</summary>
    [BindProperty]
    [Display(Name = "调整顺序")]
    public string? Move { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await reports.PageAsync(id, Actor, cancellationToken) is not var (workspace, view)) return NotFound();
        Use(workspace);
        Show(view);
        Form = view.Form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, [FromServices] SaveReportSettings save, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is null) return NotFound();

        Form.Move(Move);
        var outcome = await save.HandleAsync(Workspace, Form, Actor, cancellationToken);
        if (outcome.IsDone)
        {
            Saved = Move is null ? "报告设置已保存。" : "顺序已调整，报告设置已保存。";
            return RedirectToPage(new { id });
        }

        var refusal = this.Answer(outcome);
        Conflict = outcome.Kind == OutcomeKind.Conflict;
        Invalid = outcome.Kind == OutcomeKind.Invalid;
        Errors = outcome.Kind switch
        {
            OutcomeKind.Invalid => outcome.Problems.Select(p => p.Text).ToList(),
            OutcomeKind.Refused => [refusal + "本次没有保存。"],
            _ => [],
        };
        return Page();
    }

    /// <summary>"改为占位符": the typed figure at <paramref name="offset"/> of an area's text becomes its placeholder.</summary>
    public async Task<IActionResult> OnPostBindAsync(int id, [Display(Name = "领域")] string area, int offset, [Display(Name = "输入的数值")] string typed, [FromServices] BindTypedFigure bind, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } view) return NotFound();
        var outcome = await bind.HandleAsync(Workspace, area, offset, typed, Actor, cancellationToken);
        if (outcome.IsDone)
        {
            Saved = outcome.Note;
            return RedirectToPage(new { id });
        }

        Form = view.Form;
        Errors = [this.Answer(outcome)!];
        return Page();
    }

    /// <param name="edition">An earlier edition's number (历次版本); null: the current report.</param>
    /// <param name="approved">With <paramref name="edition"/>: the approved edition of that submission rather than the submitted one.</param>
    public Task<IActionResult> OnGetPdfAsync(int id, int? edition, bool approved, [FromServices] ReportDownloads downloads, CancellationToken cancellationToken) =>
        DownloadAsync(id, ReportFormat.Pdf, edition, approved, downloads, cancellationToken);

    /// <summary>The same report as a Word/WPS document, for the red header and the seal; it needs no fonts on the server.</summary>
    public Task<IActionResult> OnGetDocxAsync(int id, int? edition, bool approved, [FromServices] ReportDownloads downloads, CancellationToken cancellationToken) =>
        DownloadAsync(id, ReportFormat.Docx, edition, approved, downloads, cancellationToken);

    // The stored edition or the draft rendered now; or the page with the reason it was refused (busy, out of time: 503; no such edition: 404).
    private async Task<IActionResult> DownloadAsync(int id, ReportFormat format, int? edition, bool approved, ReportDownloads downloads, CancellationToken cancellationToken)
    {
        // Only the evaluation first: a stored edition is served without building the report, a draft is built once (by the download).
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        Outcome<ReportDownload> outcome;
        try
        {
            var kind = approved ? EditionKind.Approved : EditionKind.Submitted;
            outcome = await downloads.HandleAsync(Workspace, format, edition, edition is null ? null : kind, cancellationToken);
            if (outcome.IsDone) return File(outcome.Value!.Bytes, outcome.Value.MediaType, outcome.Value.FileName);
        }
        catch (ReportFontsMissingException)
        {
            return await PageWithAsync(id, null, StatusCodes.Status503ServiceUnavailable, cancellationToken);
        }

        var reason = this.Answer(outcome);
        return await PageWithAsync(id, reason, Response.StatusCode, cancellationToken);
    }

    // The report page again (the download was refused), under the refusal's status.
    private async Task<IActionResult> PageWithAsync(int id, string? reason, int status, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is not { } view) return NotFound();
        Form = view.Form;
        if (reason is not null) Errors = [reason];
        Response.StatusCode = status;
        return Page();
    }

    // Loads the evaluation and builds the report from what is stored; null when the evaluation is not the user's to see.
    private async Task<ReportView?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return null;
        var view = await reports.LoadAsync(Workspace, cancellationToken);
        Show(view);
        return view;
    }

    private void Show(ReportView view)
    {
        Report = view.Document;
        AutomaticProblems = view.AutomaticProblems;
        Rectification = view.Rectification;
        TypedFigures = view.TypedFigures;
        Editions = view.Editions;
        CurrentEdition = view.Current;
        Length = view.Length;
    }
}
