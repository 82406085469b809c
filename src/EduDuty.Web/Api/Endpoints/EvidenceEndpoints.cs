using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evidence;
using EduDuty.Core.Evidence;
using EduDuty.Core.Messaging;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>
/// An evaluation's evidence (issue 29, decision 0050): the list, an upload as the page takes it (multipart through the upload
/// gate — a county user only and the size limit, both before the body is read —, the page's form checks
/// (<see cref="EvidenceUploadForm"/>) and <see cref="AttachEvidence"/>), a download of the bytes as stored, and a supervisor's
/// verdict through <see cref="JudgeEvidence"/>.
/// </summary>
public static class EvidenceEndpoints
{
    public static RouteGroupBuilder MapEvidence(this RouteGroupBuilder api)
    {
        var evidence = api.MapGroup("/evaluations/{id:int}/evidence").WithTags("佐证材料");

        evidence.MapGet("", ListAsync)
            .WithName("listEvidence").WithSummary("列出一份评价的佐证材料")
            .Produces<EvidenceListDto>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);

        evidence.MapPost("", UploadAsync)
            .WithName("uploadEvidence").WithSummary("上传佐证材料（multipart：files 为文件，可多个；Field、Title、DocumentNumber、DocumentDate 与页面相同）")
            .WithMetadata(new EvidenceUploadLimitAttribute())
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<IReadOnlyList<EvidenceDto>>()
            .ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .RequireAuthorization(ApiPolicies.FiguresWrite);

        evidence.MapGet("/{file:int}/content", DownloadAsync)
            .WithName("downloadEvidence").WithSummary("下载一份佐证材料（按保存的原样）")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "application/octet-stream").ProducesProblems(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);

        evidence.MapPut("/{file:int}/verdict", JudgeAsync)
            .WithName("judgeEvidence").WithSummary("评定佐证材料充分或不充分（督导，评价审核中）")
            .Produces<EvidenceDto>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(ApiPolicies.Review);
        return api;
    }

    private static IResult NotFound(HttpContext http) => ApiProblems.Of<Unit>(Outcome.NotFound(Messages.EvaluationNotFound), http);

    private static async Task<IResult> ListAsync(HttpContext http, int id, WorkspaceLoader loader, EvidenceOverview overview, CurrentUser user, CancellationToken cancellationToken)
    {
        if (await loader.LoadAsync(id, user.Actor, cancellationToken) is not { } workspace) return NotFound(http);
        var view = await overview.LoadAsync(workspace, cancellationToken);
        var files = view.Whole.Concat(view.Areas.SelectMany(a => a.Files)).OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id).Select(EvidenceDto.Of).ToList();
        return TypedResults.Ok(new EvidenceListDto(workspace.Id, view.UsedBytes, files));
    }

    // As the page's upload: who may upload now before the form is read; then the form's checks; then each file through
    // AttachEvidence. Unlike the page, a refused file stops the request at once and answers its problem (the files before it
    // are stored and listed in the log; a client sends one file a request to keep it simple).
    private static async Task<IResult> UploadAsync(HttpContext http, int id, WorkspaceLoader loader, AttachEvidence attach, CurrentUser user, CancellationToken cancellationToken)
    {
        var actor = user.Actor;
        if (await loader.LoadAsync(id, actor, cancellationToken) is not { } workspace) return NotFound(http);
        if (!workspace.CanEdit) return ApiProblems.Of<Unit>(Outcome.Refused(workspace.Edit.Refusal!), http);
        if (!http.Request.HasFormContentType)
            return ApiProblems.Of<Unit>(Outcome.Invalid("files", Messages.UploadNotMultipart), http);

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var files = form.Files.GetFiles("files");
        var (target, date, problems) = EvidenceUploadForm.Check(workspace, form["Field"], form["DocumentDate"], files.Count, EvidenceUploadLimitAttribute.MaxFiles);
        if (problems.Count > 0) return ApiProblems.Of<Unit>(Outcome.Invalid(problems), http);

        var attached = new List<EvidenceDto>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var details = new EvidenceDetails(files.Count == 1 ? form["Title"].ToString() : null, form["DocumentNumber"], date);
            var outcome = await attach.HandleAsync(workspace, target!, new EvidenceUpload(file.FileName, stream), details, actor, cancellationToken);
            if (!outcome.IsDone) return ApiProblems.Of(ApiOutcomes.AtField(outcome, "files"), http);
            attached.Add(EvidenceDto.Of(outcome.Value!));
        }

        return TypedResults.Ok<IReadOnlyList<EvidenceDto>>(attached);
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, int id, int file, WorkspaceLoader loader, EvidenceDownload download, CurrentUser user, CancellationToken cancellationToken)
    {
        if (await loader.LoadAsync(id, user.Actor, cancellationToken) is not { } workspace) return NotFound(http);
        if (await download.OpenAsync(workspace, file, cancellationToken) is not var (piece, content))
            return ApiProblems.Of<Unit>(Outcome.NotFound(Messages.EvidenceGone), http);
        var type = EvidenceResponse.Prepare(http.Response, piece.FileName, piece.Kind, inline: false);
        http.Response.Headers["X-Content-SHA256"] = piece.ContentHash;
        return TypedResults.Stream(content, type);
    }

    private static async Task<IResult> JudgeAsync(
        HttpContext http, int id, int file, [FromBody] VerdictRequest body, WorkspaceLoader loader, JudgeEvidence judge, EvidenceOverview overview, CurrentUser user,
        CancellationToken cancellationToken)
    {
        var actor = user.Actor;
        if (await loader.LoadAsync(id, actor, cancellationToken) is not { } workspace) return NotFound(http);
        EvidenceVerdict? verdict = body.Verdict switch
        {
            "sufficient" => EvidenceVerdict.Sufficient,
            "insufficient" => EvidenceVerdict.Insufficient,
            _ => null,
        };
        var outcome = await judge.HandleAsync(workspace, file, body.Version, verdict, body.Reason, actor, cancellationToken);
        if (!outcome.IsDone) return ApiProblems.Of(outcome, http);
        var view = await overview.LoadAsync(workspace, cancellationToken);
        var judged = view.Whole.Concat(view.Areas.SelectMany(a => a.Files)).Single(f => f.Id == file);
        return TypedResults.Ok(EvidenceDto.Of(judged));
    }
}
