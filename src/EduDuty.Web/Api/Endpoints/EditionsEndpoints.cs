using EduDuty.Application;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Reports.Editions;
using EduDuty.Core.Messaging;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Layout;
using EduDuty.Web.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>
/// Report editions (issue 29, decision 0050): the list with the stored files' hashes, and a report file as the page serves it
/// (<see cref="ReportDownloads"/>): a submitted or approved evaluation's stored edition byte for byte (header
/// <c>X-Content-SHA256</c>), an earlier one by number, or a draft rendered now through the render gate (header
/// <c>X-Report-Draft: true</c>; busy or out of time 503).
/// </summary>
public static class EditionsEndpoints
{
    public static RouteGroupBuilder MapEditions(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/evaluations/{id:int}").WithTags("报告");

        reports.MapGet("/editions", ListAsync)
            .WithName("listEditions").WithSummary("列出报告的历次定稿（提交版、审核通过版）及文件哈希")
            .Produces<IReadOnlyList<EditionDto>>().ProducesProblems(StatusCodes.Status404NotFound)
            .RequireAuthorization(ApiPolicies.Read);

        reports.MapGet("/report/{format}", DownloadAsync)
            .WithName("downloadReport").WithSummary("下载报告（pdf 或 docx）：已提交或通过的为保存的定稿原样，草稿当场生成；edition 为历次版本号，approved 选该次的审核通过版")
            .Produces(StatusCodes.Status200OK, typeof(Stream), ReportDownloads.PdfType, ReportDownloads.DocxType)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(ApiPolicies.Read);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, int id, WorkspaceLoader loader, EditionQueries editions, CurrentUser user, CancellationToken cancellationToken)
    {
        if (await loader.LoadAsync(id, user.Actor, cancellationToken) is not { } workspace)
            return ApiProblems.Of<Unit>(Outcome.NotFound(Messages.EvaluationNotFound), http);
        var list = await editions.ListAsync(workspace.Id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<EditionDto>>(list.Select(EditionDto.Of).ToList());
    }

    private static async Task<IResult> DownloadAsync(
        HttpContext http, int id, string format, int? edition, bool? approved, WorkspaceLoader loader, ReportDownloads downloads, CurrentUser user,
        CancellationToken cancellationToken)
    {
        ReportFormat? chosen = format switch { "pdf" => ReportFormat.Pdf, "docx" => ReportFormat.Docx, _ => null };
        if (chosen is null) return ApiProblems.Of<Unit>(Outcome.Invalid("format", Messages.ReportFormatUnknown(format)), http);
        if (await loader.LoadAsync(id, user.Actor, cancellationToken) is not { } workspace)
            return ApiProblems.Of<Unit>(Outcome.NotFound(Messages.EvaluationNotFound), http);

        Outcome<ReportDownload> outcome;
        try
        {
            var kind = approved == true ? EditionKind.Approved : EditionKind.Submitted;
            outcome = await downloads.HandleAsync(workspace, chosen.Value, edition, edition is null ? null : kind, cancellationToken);
        }
        catch (ReportFontsMissingException)
        {
            return ApiProblems.Of<Unit>(Outcome.Refused(Messages.ReportFontsMissing), http);
        }

        if (!outcome.IsDone) return ApiProblems.Of(outcome, http);
        var file = outcome.Value!;
        if (file.Edition is { } stored) http.Response.Headers["X-Content-SHA256"] = stored.Sha256;
        else http.Response.Headers["X-Report-Draft"] = "true";
        http.Response.Headers[HeaderNames.CacheControl] = "private, no-store";
        return TypedResults.File(file.Bytes, file.MediaType, file.FileName);
    }
}
