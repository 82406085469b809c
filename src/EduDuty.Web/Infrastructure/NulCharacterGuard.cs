using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// No text the portal accepts may hold U+0000: PostgreSQL cannot store it in a text column, and no official types it. Kestrel
/// already refuses it in the path; this refuses it in the query string and in form fields (not in uploaded files, which are
/// bytes) with 400 and the Chinese error page, before any handler binds it.
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

        var refused = HasNul(request.Query)
            || (request.HasFormContentType && HasNul(await request.ReadFormAsync(context.RequestAborted)));
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
