using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// No text the portal accepts may hold U+0000: PostgreSQL cannot store it in a text column, and no official types it. Kestrel
/// already refuses it in the path; this refuses it in the query string and in form fields (not in uploaded files, which are
/// bytes) with 400 and the Chinese error page, before any handler binds it. It reads the form first, so a body that cannot be
/// read as one is answered here too: 400 with <see cref="Core.Messaging.Messages.BodyUnreadable"/>.
/// </summary>
internal sealed class NulCharacterGuard(RequestDelegate next, ILogger<NulCharacterGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            // Rendering the error page for a request already refused: its body may be the very thing that was refused.
            await next(context);
            return;
        }

        IFormCollection? form = null;
        if (request.HasFormContentType)
        {
            // The first read of the form, so the one place where a body that cannot be read as a form (multipart never
            // terminated, the wrong boundary, a part header over the limit) becomes 400 with its message instead of an
            // exception in whatever read it next (antiforgery, binding). Later readers get this form from the request.
            try
            {
                form = await request.ReadFormAsync(context.RequestAborted);
            }
            // A body over the size limit (BadHttpRequestException, an IOException too) keeps its own status: 413. A charset
            // .NET names but will not decode (UTF-7: NotSupportedException) is a body that cannot be read as a form too.
            catch (Exception ex) when (ex is (IOException or InvalidDataException or NotSupportedException) and not BadHttpRequestException
                                       && !context.Response.HasStarted)
            {
                logger.LogWarning("Refused request {Method} {Path}: body not readable as a form ({Reason})", request.Method, request.Path, ex.Message);
                context.Items[TextInputFilter.RefusalKey] = Core.Messaging.Messages.BodyUnreadable;
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        var refused = HasNul(request.Query) || (form is not null && HasNul(form));
        if (refused)
        {
            logger.LogWarning("Refused request {Method} {Path}: NUL character in a value", request.Method, request.Path);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await next(context);
    }

    private static bool HasNul(IEnumerable<KeyValuePair<string, StringValues>> values)
    {
        foreach (var (key, value) in values)
        {
            if (key.Contains('\0'))
            {
                return true;
            }

            foreach (var item in value)
            {
                if (item is not null && item.Contains('\0'))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
