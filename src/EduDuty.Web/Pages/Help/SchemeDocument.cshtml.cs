using EduDuty.Application.Administration;
using EduDuty.Core.Evidence;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EduDuty.Web.Pages.Help;

/// <summary>A scheme's official document, for everyone who may use the scheme; sent like an evidence PDF (never a page of the portal).</summary>
public sealed class SchemeDocumentModel(SchemeDocuments documents, CurrentUser user) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var opened = await documents.OpenAsync(id, user.Actor, cancellationToken);
        // Not the user's scheme, or none uploaded: answered as a page that does not exist (the status pages say what to do).
        if (opened.Value is not { } file) return NotFound();
        var mediaType = EvidenceResponse.Prepare(Response, file.FileName, EvidenceKind.Pdf, inline: false);
        Response.ContentLength = file.Length;
        return File(file.Content, mediaType);
    }
}
