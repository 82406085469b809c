namespace EduDuty.Web.Infrastructure;

/// <summary>
/// A request the server refuses while reading it (a body over the size limit, a malformed form) becomes its own status
/// (413, 400) with the Chinese error page, never a 500: the status code pages above this render it.
/// </summary>
internal sealed class BadRequestMiddleware(RequestDelegate next, ILogger<BadRequestMiddleware> logger)
{
    /// <summary>Where the refusal keeps the JSON error of a body that could not be read (for the API's problem: <c>ApiGate</c>).</summary>
    public const string JsonErrorKey = "eduduty:bad-json";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            logger.LogWarning("Refused request {Method} {Path}: {Status} {Reason}", context.Request.Method, context.Request.Path, ex.StatusCode, ex.Message);
            context.Response.Clear();
            context.Response.StatusCode = ex.StatusCode;
            if (ex.InnerException is System.Text.Json.JsonException { Path.Length: > 0 } json) context.Items[JsonErrorKey] = json;
        }
        catch (InvalidDataException ex) when (!context.Response.HasStarted)
        {
            // Form reading refuses a body with too many values or too long a value this way.
            logger.LogWarning("Refused request {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, ex.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
