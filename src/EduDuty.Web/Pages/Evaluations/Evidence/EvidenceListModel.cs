using EduDuty.Application.Evaluations;
using EduDuty.Core.Schemes;
using EduDuty.Data.Entities;

namespace EduDuty.Web.Pages.Evaluations.Evidence;

/// <summary>
/// One list of pieces on the evidence page: the pieces, the area they are in (null for the whole evaluation), the earlier
/// versions of replaced pieces (decision 0041) and where an upload or a replacement goes back to (an area row), if anywhere.
/// </summary>
public sealed record EvidenceListModel(
    Workspace Workspace, IReadOnlyList<EvidenceFile> Files, SchemeArea? Area, ILookup<int, EvidenceFileVersion> Versions, string? ReturnUrl,
    TypedEvidence? Typed = null);

/// <summary>
/// What was typed into one piece's form that was refused (修改 or 评定): the list shows it there instead of the stored values,
/// with the form open, so nothing typed is lost (issue 27).
/// </summary>
public sealed record TypedEvidence(int File, bool Judging, string? Title, string? DocumentNumber, string? DocumentDate, string? Verdict, string? Reason);
