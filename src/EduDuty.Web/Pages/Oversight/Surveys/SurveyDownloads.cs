using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace EduDuty.Web.Pages.Oversight.Surveys;

/// <summary>
/// The two Excel exports of a round (issue 31, part E) as the results pages serve them (<c>?handler=Results</c>,
/// <c>?handler=Answers</c>): a refusal is a 403 with the reason as text, an unknown round or county a 404; the answer sheets are
/// written to the response while they are read.
/// </summary>
internal static class SurveyDownloads
{
    public static async Task<IActionResult> ResultsAsync(PageModel page, SurveyResultsExport export, SurveyViewer viewer, int roundId, int? countyId, CancellationToken cancellationToken)
    {
        var file = await export.HandleAsync(roundId, countyId, viewer, cancellationToken);
        if (!file.IsDone) return Refused(page, file.Kind, file.Refusal);
        return page.File(file.Value!.Content, SurveyExportFile.MediaType, file.Value.FileName);
    }

    public static async Task<IActionResult> AnswersAsync(PageModel page, SurveyAnswersExport export, SurveyViewer viewer, int roundId, int? countyId, CancellationToken cancellationToken)
    {
        var selection = await export.PrepareAsync(roundId, countyId, viewer, cancellationToken);
        if (!selection.IsDone) return Refused(page, selection.Kind, selection.Refusal);
        var response = page.Response;
        response.ContentType = SurveyExportFile.MediaType;
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileNameStar = selection.Value!.FileName }.ToString();
        response.Headers[HeaderNames.CacheControl] = "no-store";
        try
        {
            await export.WriteAsync(selection.Value, response.Body, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            page.HttpContext.Abort();
        }

        return new EmptyResult();
    }

    private static ContentResult Refused(PageModel page, OutcomeKind kind, string? reason) => new()
    {
        StatusCode = kind == OutcomeKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden,
        ContentType = "text/plain; charset=utf-8",
        Content = reason ?? "无法导出。请返回“满意度调查”页面重新选择。",
    };
}
