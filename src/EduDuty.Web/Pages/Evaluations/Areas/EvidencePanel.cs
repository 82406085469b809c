using EduDuty.Application.Evaluations;
using EduDuty.Application.Evidence;
using EduDuty.Core.Schemes;

namespace EduDuty.Web.Pages.Evaluations.Areas;

/// <summary>
/// The evidence panel on an indicator's row of the area page (decision 0041): its pieces with their verdicts and earlier
/// versions, attach and 替换 in place (evidence-panel.js), or through the evidence page and back to this row without script.
/// </summary>
/// <param name="RowUrl">The area page's address with the row's anchor: where an upload or a replacement comes back to.</param>
public sealed record EvidencePanel(Workspace Workspace, SchemeField Field, FieldEvidence? Evidence, string RowUrl)
{
    public string Id => "evidence-panel-" + Field.Code.Replace('.', '-');

    public string EvidencePage => $"/Evaluations/{Workspace.Id}/Evidence";

    /// <summary>The evidence page for this indicator, coming back to the row (no-script attach and replace).</summary>
    public string EvidencePageBack(string? fragment) =>
        $"{EvidencePage}?field={Uri.EscapeDataString(Field.Code)}&returnUrl={Uri.EscapeDataString(RowUrl)}{(fragment is null ? "" : "#" + fragment)}";

    /// <summary>Where the panel's script posts: the evidence page's handler, told to come back to this row.</summary>
    public string PostUrl(string handler) =>
        $"{EvidencePage}?handler={handler}&field={Uri.EscapeDataString(Field.Code)}&returnUrl={Uri.EscapeDataString(RowUrl)}";
}
