using EduDuty.Core.Messaging;
using Microsoft.AspNetCore.Diagnostics;

namespace EduDuty.Web.Api;

/// <summary>
/// Wraps every <c>/api</c> request (decision 0049) so that no answer there is the portal's HTML: the status code pages are
/// turned off for it; an answer that leaves the pipeline as an error with no body (404 no such route, 405, 413 from the upload
/// gate, 415 and 400 from binding, 429 from the rate limiter) gets the problem+json of its status; an unhandled exception is
/// logged and answered 500 problem+json (the exception handler's error page never sees it).
/// </summary>
internal sealed class ApiGate(RequestDelegate next, ILogger<ApiGate> logger, ApiSettings settings)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Unhandled error in {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiProblems.WriteAsync(context, StatusCodes.Status500InternalServerError, Messages.ApiServerError);
            return;
        }

        var response = context.Response;
        if (response.HasStarted || response.StatusCode < 400 || response.ContentLength is > 0 || !string.IsNullOrEmpty(response.ContentType)) return;
        var message = response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => context.Items[Infrastructure.BadRequestMiddleware.JsonErrorKey] switch
            {
                System.Text.Json.JsonException { Message: ApiPipeline.NulInString } json => Messages.ApiJsonNulCharacter(json.Path!),
                System.Text.Json.JsonException json => Messages.ApiJsonValueUnreadable(json.Path!),
                _ => Messages.ApiBadRequest,
            },
            StatusCodes.Status401Unauthorized => Messages.ApiTokenMissing,
            StatusCodes.Status403Forbidden => Messages.ApiForbidden,
            StatusCodes.Status404NotFound => Messages.ApiNotFound,
            StatusCodes.Status405MethodNotAllowed => Messages.ApiMethodNotAllowed,
            StatusCodes.Status413PayloadTooLarge => Messages.ApiBodyTooLarge(settings.BodyLimitFor(context.GetEndpoint())),
            StatusCodes.Status415UnsupportedMediaType => Messages.ApiUnsupportedMediaType,
            StatusCodes.Status429TooManyRequests => Messages.ApiRateLimited(settings.PerMinute, RetryAfter(response)),
            _ => Messages.ApiServerError,
        };
        await ApiProblems.WriteAsync(context, response.StatusCode, message);
    }

    private static int RetryAfter(HttpResponse response) =>
        int.TryParse(response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : 60;
}
