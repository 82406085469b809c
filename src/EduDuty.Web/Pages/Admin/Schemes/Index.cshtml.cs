using System.ComponentModel.DataAnnotations;
using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Application.Evidence;
using EduDuty.Core.Messaging;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Pages.Admin.Schemes;

/// <summary>Scheme versions: upload and check a file, see what it changes, store it, activate a version for a year.</summary>
// The official document is refused by its declared length before its body is read (attacker review, issue 27).
[HandlerBodyLimit("Document", SchemeDocuments.MaxBytes + (1L << 20), 8)]
public sealed class IndexModel(SchemeAdministration schemes, SchemeDocuments documents, CurrentUser user) : AdminPageModel(user)
{
    [BindProperty] public IFormFile? SchemeFile { get; set; }
    [BindProperty] [Display(Name = "方案文件内容")] [DataType(DataType.MultilineText)] public string? Json { get; set; }
    [BindProperty] public int SchemeId { get; set; }
    [BindProperty] public int Year { get; set; }
    [BindProperty] public IFormFile? DocumentFile { get; set; }

    public IReadOnlyList<SchemeListItem> Schemes { get; private set; } = [];
    public SchemeUpload? Upload { get; private set; }
    public IReadOnlyList<SchemeDocumentItem> Documents { get; private set; } = [];

    /// <summary>The refusal shown is the official document's, not a scheme file's.</summary>
    public bool DocumentRefused { get; private set; }
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (SchemeFile is null || SchemeFile.Length is 0 or > 4 * 1024 * 1024) return await InvalidAsync(nameof(SchemeFile), "请选择 4 MB 以内的方案文件（JSON）。", cancellationToken);
        Json = await Uploads.ReadUtf8Async(SchemeFile, cancellationToken);
        if (Json is null) return await InvalidAsync(nameof(SchemeFile), "文件不是 UTF-8 编码的 JSON。", cancellationToken);

        var upload = await schemes.CheckAsync(Json, Actor, cancellationToken);
        if (!upload.IsDone) return await NotDoneAsync(upload, cancellationToken);
        Upload = upload.Value;
        return await RenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var saved = await schemes.SaveAsync(Json, Actor, cancellationToken);
        if (saved.IsDone) Json = null;
        return await ShowAsync(saved, cancellationToken);
    }

    public async Task<IActionResult> OnPostActivateAsync(CancellationToken cancellationToken) =>
        await ShowAsync(await schemes.ActivateAsync(SchemeId, Year, Actor, cancellationToken), cancellationToken);

    /// <summary>The scheme's official document (PDF): inspected like evidence, stored, audited (issue 27).</summary>
    public async Task<IActionResult> OnPostDocumentAsync(CancellationToken cancellationToken)
    {
        DocumentRefused = true;
        if (DocumentFile is null || DocumentFile.Length == 0)
            return await NotDoneAsync<Unit>(Outcome.Invalid(Messages.SchemeDocumentMissing), cancellationToken);
        await using var content = DocumentFile.OpenReadStream();
        var saved = await documents.UploadAsync(SchemeId, new EvidenceUpload(DocumentFile.FileName, content), Actor, cancellationToken);
        return await ShowAsync(saved, cancellationToken);
    }

    protected override async Task<IActionResult> RenderAsync(CancellationToken cancellationToken)
    {
        Schemes = await schemes.ListAsync(Actor, cancellationToken);
        Documents = await documents.ListAsync(Actor, cancellationToken);
        return Page();
    }
}
