using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evidence;
using EduDuty.Core.Evidence;
using EduDuty.Core.Text;
using EduDuty.Data.Entities;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EduDuty.Web.Pages.Evaluations.Evidence;

/// <summary>佐证材料: the evaluation's evidence by area, attaching, renaming, removing, downloading and viewing.</summary>
[EvidenceUploadLimit]
public sealed class IndexModel(WorkspaceLoader loader, EvidenceOverview overview, EvidenceOptions options, CurrentUser user)
    : EvaluationPageModel(loader, user)
{
    public EvidenceView View { get; private set; } = null!;

    public EvidenceOptions Options => options;

    /// <summary>What the upload backs: an indicator's code, an area's key or blank (the whole); ?field=A07.07 from an area page's row.</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "指标")]
    public string? Field { get; set; }

    [BindProperty]
    [Display(Name = "材料标题")]
    public string? Title { get; set; }

    [BindProperty]
    [Display(Name = "文号")]
    public string? DocumentNumber { get; set; }

    [BindProperty]
    [Display(Name = "成文日期")]
    public string? DocumentDate { get; set; }

    /// <summary>
    /// Where to go back after an upload or a replacement: the area page's row the user came from (its panel, decision 0041),
    /// a local address only. Done answers redirect there with the note in the row's panel; refusals stay here with a link back.
    /// </summary>
    /// <summary>What was typed into a piece's refused 修改 or 评定 form, shown back in it (null otherwise).</summary>
    public TypedEvidence? Typed { get; private set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "返回地址")]
    public string? ReturnUrl { get; set; }

    /// <summary>The return address when it is one of the portal's own (never another site's).</summary>
    public string? LocalReturnUrl => ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : null;

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [TempData]
    public string? Saved { get; set; }

    /// <summary>The note an area row's evidence panel shows after an upload or a replacement, and the row it is for.</summary>
    public const string PanelSavedKey = "EvidencePanelSaved", PanelFieldKey = "EvidencePanelField";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Attaches every file of the form; each is checked and stored (or refused) on its own.</summary>
    public async Task<IActionResult> OnPostUploadAsync(int id, List<IFormFile> files, [FromServices] AttachEvidence attach, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        // Who may upload now is asked before the form is read, so a role or a lock is answered as such, not as a form to correct.
        if (!Workspace.CanEdit) return NotDone<Unit>(Outcome.Refused(Workspace.Edit.Refusal!));
        var (target, date, problems) = EvidenceUploadForm.Check(Workspace, Field, DocumentDate, files.Count, EvidenceUploadLimitAttribute.MaxFiles);
        if (problems.Count > 0) return NotDone<Unit>(Outcome.Invalid(problems));

        var attached = new List<string>();
        var refused = new List<string>();
        Outcome<EvidenceFile>? firstRefused = null;
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var details = new EvidenceDetails(files.Count == 1 ? Title : null, DocumentNumber, date);
            var outcome = await attach.HandleAsync(Workspace, target!, new EvidenceUpload(file.FileName, stream), details, Actor, cancellationToken);
            if (outcome.IsDone)
            {
                attached.Add(outcome.Value!.Title);
                continue;
            }

            firstRefused ??= outcome;
            refused.Add(EvidenceResponse.RefusalLine(file.FileName, outcome));
        }

        if (firstRefused is not null)
        {
            // The status is the first refused file's (a file to correct, a full quota, a lock that came meanwhile); each is named.
            this.Answer(firstRefused);
            await LoadAsync(id, cancellationToken);
            var done = attached.Count > 0 ? $"已上传 {attached.Count} 个文件；" : "";
            Errors = [.. refused, $"{done}以上 {refused.Count} 个文件没有保存，请处理后重新上传。"];
            return Page();
        }

        var note = $"已上传 {attached.Count} 个文件：{string.Join("、", attached)}。";
        if (LocalReturnUrl is { } back) return BackToRow(back, target!.FormValue, note);
        Saved = note;
        return RedirectToPage(new { id, field = target!.FormValue });
    }

    /// <summary>
    /// 替换: a new version of one piece (decision 0041); the file comes as <c>replacement</c> (or <c>replacement-{file}</c>, so that
    /// several pieces' fields can share a page). Who may is who may upload.
    /// </summary>
    public async Task<IActionResult> OnPostReplaceAsync(int id, int file, int version, [FromServices] ReplaceEvidence replace, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        if (!Workspace.CanEdit) return NotDone<Unit>(Outcome.Refused(Workspace.Edit.Refusal!));
        var form = Request.HasFormContentType ? await Request.ReadFormAsync(cancellationToken) : null;
        var chosen = form?.Files.Where(f => (f.Name == "replacement" || f.Name == $"replacement-{file}") && (f.Length > 0 || !string.IsNullOrEmpty(f.FileName))).FirstOrDefault();
        Outcome<Unit> outcome;
        if (chosen is null)
        {
            outcome = await replace.HandleAsync(Workspace, file, version, null, Actor, cancellationToken);
        }
        else
        {
            await using var stream = chosen.OpenReadStream();
            outcome = await replace.HandleAsync(Workspace, file, version, new EvidenceUpload(chosen.FileName, stream), Actor, cancellationToken);
        }

        if (outcome.IsDone && LocalReturnUrl is { } back) return BackToRow(back, Field, outcome.Note!);
        return await ChangedAsync(id, outcome, cancellationToken);
    }

    /// <summary>An earlier version of a replaced piece, as an attachment.</summary>
    public async Task<IActionResult> OnGetVersionAsync(int id, int version, [FromServices] EvidenceDownload download, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        if (await download.OpenVersionAsync(Workspace, version, cancellationToken) is not var (file, content)) return NotFound();
        return File(content, EvidenceResponse.Prepare(Response, file.FileName, file.Kind, inline: false));
    }

    // Back to the area row the upload came from, its panel open with the note (the row's anchor is in the address).
    private IActionResult BackToRow(string back, string? field, string note)
    {
        TempData[PanelSavedKey] = note;
        TempData[PanelFieldKey] = field ?? "";
        return LocalRedirect(back);
    }

    public async Task<IActionResult> OnPostRenameAsync(int id, int file, int version, [FromServices] ChangeEvidence change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Typed = new TypedEvidence(file, Judging: false, Title, DocumentNumber, DocumentDate, null, null);
        if (!Workspace.CanEdit) return NotDone<Unit>(Outcome.Refused(Workspace.Edit.Refusal!));
        var date = ChinaTime.ParseIsoDate(DocumentDate);
        if (!string.IsNullOrWhiteSpace(DocumentDate) && date is null) return NotDone<Unit>(Outcome.Invalid(nameof(DocumentDate), DateProblem));
        return await ChangedAsync(id, await change.RenameAsync(Workspace, file, version, new EvidenceDetails(Title, DocumentNumber, date), Actor, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int file, int version, [FromServices] ChangeEvidence change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        return await ChangedAsync(id, await change.RemoveAsync(Workspace, file, version, Actor, cancellationToken), cancellationToken);
    }

    /// <summary>A supervisor's 充分 / 不充分 (with the reason) on one piece.</summary>
    public async Task<IActionResult> OnPostJudgeAsync(int id, int file, int version, EvidenceVerdict? verdict, [Display(Name = "评定理由"), DataType(DataType.MultilineText)] string? reason, [FromServices] JudgeEvidence judge, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken)) return NotFound();
        Typed = new TypedEvidence(file, Judging: true, null, null, null, verdict?.ToString(), reason);
        // Refused when the page loaded already (not a supervisor, not in review), or by the claim a moment later (approved or
        // returned meanwhile): either way the reason is shown and the verdict was not saved.
        return await ChangedAsync(id, await judge.HandleAsync(Workspace, file, version, verdict, reason, Actor, cancellationToken), cancellationToken);
    }

    /// <summary>The file as an attachment under its own name; nothing in it can run in the portal's origin.</summary>
    public Task<IActionResult> OnGetDownloadAsync(int id, int file, [FromServices] EvidenceDownload download, CancellationToken cancellationToken) =>
        SendAsync(id, file, inline: false, download, cancellationToken);

    /// <summary>An image or a PDF shown in the browser; any other kind downloads.</summary>
    public Task<IActionResult> OnGetViewAsync(int id, int file, [FromServices] EvidenceDownload download, CancellationToken cancellationToken) =>
        SendAsync(id, file, inline: true, download, cancellationToken);

    /// <summary>Every piece in one ZIP, a folder per area, streamed as it is written.</summary>
    public async Task<IActionResult> OnGetZipAsync(int id, [FromServices] EvidenceZip zip, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        if (!await zip.AnyAsync(Workspace, cancellationToken)) return NotFound();
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName($"{Workspace.County}{Workspace.Year}年度佐证材料.zip");
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = disposition.ToString();
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        Response.Headers.CacheControl = "private, no-store";
        await zip.WriteAsync(Workspace, Response.Body, cancellationToken);
        return new EmptyResult();
    }

    private async Task<IActionResult> SendAsync(int id, int fileId, bool inline, EvidenceDownload download, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return NotFound();
        if (await download.OpenAsync(Workspace, fileId, cancellationToken) is not var (file, content)) return NotFound();

        return File(content, EvidenceResponse.Prepare(Response, file.FileName, file.Kind, inline));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadWorkspaceAsync(id, cancellationToken)) return false;
        View = await overview.LoadAsync(Workspace, cancellationToken);
        return true;
    }

    private const string DateProblem = EvidenceUploadForm.DateProblem;

    // A change of one piece: done goes back to the list with its note; anything else shows why, on the page, under its status.
    private async Task<IActionResult> ChangedAsync(int id, Outcome<Unit> outcome, CancellationToken cancellationToken)
    {
        if (outcome.IsDone)
        {
            Saved = outcome.Note;
            return RedirectToPage(new { id });
        }

        // Reloaded: what the page shows is what is stored now (the piece another user changed, the state that moved).
        await LoadAsync(id, cancellationToken);
        return NotDone(outcome);
    }

    // The answer's status (OutcomeResponses) and its text: each problem of an invalid form; the reason of a refusal or a
    // conflict, saying that nothing was saved when the reason itself does not.
    private IActionResult NotDone<T>(Outcome<T> outcome)
    {
        var text = this.Answer(outcome);
        Errors = outcome.Kind == OutcomeKind.Invalid ? outcome.Problems.Select(p => p.Text).ToList()
            : text is null ? []
            : [text.Contains("没有保存", StringComparison.Ordinal) ? text : text + "本次没有保存。"];
        return Page();
    }
}
