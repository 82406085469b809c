using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Oversight.Rollup;
using EduDuty.Application.Reports;
using EduDuty.Reporting.Layout;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Oversight;

/// <summary>综合报告: a region's roll-up report for a year — its texts edited beside the preview, downloaded as PDF or Word.</summary>
public sealed class RollupModel(RollupReports reports, SaveRollupTexts save, ReportPdf pdf, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)]
    [Display(Name = "年度与方案")]
    public string? Choice { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "地区")]
    public string? Region { get; set; }

    /// <summary>The page of the county lists shown (<see cref="RollupPreview.PageSize"/> counties a page).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public RollupForm Form { get; set; } = new();

    /// <summary>The report as the page shows it: one page of the county lists; null when the page asked for is not there.</summary>
    public RollupPreview? Preview { get; private set; }

    public RollupView View { get; private set; } = null!;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Said when the page of the county lists shown is not the one the address asked for (<see cref="Pager.Notice"/>).</summary>
    public string? PageNotice { get; private set; }

    public IReadOnlyList<string> FontProblems => pdf.Fonts.Problems;

    [TempData]
    public string? Saved { get; set; }

    public string CurrentChoice => View.Selection is { } s ? $"{s.Year}:{s.SchemeId}" : string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Page();
        Form = View.Form;
        var preview = View.Preview(PageNumber);
        if (preview.IsDone)
        {
            Preview = preview.Value;
            PageNotice = Pager.Notice(Request, Preview!.Page, Preview.PageCount);
        }
        else Errors = [this.Answer(preview)!];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Page();
        var outcome = await save.HandleAsync(user.Actor, View, Form, cancellationToken);
        if (outcome.IsDone)
        {
            Saved = "综合报告的文字已保存。";
            return Redirect(SelfUrl());
        }

        Preview = View.Preview(1).Value;
        var refusal = this.Answer(outcome);
        Errors = outcome.Kind == OutcomeKind.Invalid
            ? outcome.Problems.Select(p => p.Text.EndsWith('。') ? p.Text : p.Text + "。").Append("本次没有保存，请修改后再保存。").ToList()
            : [refusal!];
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Page();
        try
        {
            return Download(await pdf.RenderAsync(View.Document!, cancellationToken), "application/pdf", "pdf");
        }
        catch (ReportFontsMissingException)
        {
            Form = View.Form;
            Preview = View.Preview(1).Value;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }

    public async Task<IActionResult> OnGetDocxAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken)) return Page();
        return Download(await pdf.RenderDocxAsync(View.Document!, cancellationToken), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
    }

    // The file, or the page with the reason the rendering was refused (busy, out of time: 503).
    private IActionResult Download(Outcome<byte[]> rendered, string mediaType, string extension)
    {
        if (rendered.IsDone) return File(rendered.Value!, mediaType, View.FileName(extension));
        Form = View.Form;
        Preview = View.Preview(1).Value;
        Errors = [this.Answer(rendered)!];
        return Page();
    }

    /// <summary>This page at another page of its county lists, at the lists.</summary>
    public string PageUrl(int page) => $"{SelfUrl()}&p={page}#rollup-conclusions";

    /// <summary>This page for the current year and region, with a handler ("Pdf", "Docx") or none.</summary>
    public string SelfUrl(string? handler = null) =>
        $"/Oversight/Rollup?Choice={Uri.EscapeDataString(CurrentChoice)}&Region={Uri.EscapeDataString(Region ?? string.Empty)}{(handler is null ? "" : $"&handler={handler}")}";

    // False (with a 404 and the reason on the page) when there is nothing the actor may see for the choice.
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var (year, scheme) = ExportModel.ParseChoice(Choice);
        View = await reports.LoadAsync(user.Actor, year, scheme, Region, cancellationToken);
        if (View.Selection is not null) return true;
        if (View.Options.Years.Count > 0) Response.StatusCode = StatusCodes.Status404NotFound;
        return false;
    }
}
