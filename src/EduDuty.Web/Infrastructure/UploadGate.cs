using EduDuty.Application.Evidence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Decides on a request's body before anything reads it (issue 24): placed after authentication and before the form is
/// read (by <see cref="NulCharacterGuard"/>, antiforgery or model binding).
/// <list type="bullet">
/// <item>Not signed in: the body may be <see cref="AnonymousBodyLimit"/> at most (a sign-in form is well under 1 KB); a
/// declared length over it is answered 413 at once, and a page that needs a user answers with the sign-in redirect
/// (authorization) without reading it either.</item>
/// <item>Not signed in, a POST to the public verification page (<see cref="PublicUploadLimitAttribute"/>): one report file,
/// at most <see cref="PublicUploadLimitAttribute.RequestLimit"/>, refused the same way when declared or grown larger.</item>
/// <item>A multipart POST to an evidence upload page (<see cref="EvidenceUploadLimitAttribute"/>): only a county user may
/// send one — or a department user to its own pages under /Departments (anyone else is forbidden before the body), and at most the page's request limit; a declared length over it is
/// answered 413 at once, a chunked body that grows past it is cut there by the server.</item>
/// <item>A POST to a page handler with a bound of its own (<see cref="HandlerBodyLimitAttribute"/>, the area page's autosave):
/// at most that many bytes and values, refused the same way.</item>
/// <item>A request to the API with a token (issue 29): <c>Api:MaxBodyBytes</c>, or the endpoint's own RequestSizeLimit.</item>
/// </list>
/// </summary>
internal sealed class UploadGate(RequestDelegate next, ILogger<UploadGate> logger)
{
    public const long AnonymousBodyLimit = 64 * 1024;

    /// <summary>
    /// Who may send evidence: a county user; a department user (issue 30) only to its own pages under <c>/Departments</c>,
    /// where the rule of which indicators is decided by the upload itself (decision 0054).
    /// </summary>
    private static bool MayUpload(CurrentUser user, PathString path) =>
        user.IsCountyUser || (user.IsDepartmentUser && path.StartsWithSegments("/Departments", StringComparison.OrdinalIgnoreCase));

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || !MayHaveBody(context))
        {
            await next(context);
            return;
        }

        long? limit = null;
        if (context.User.Identity?.IsAuthenticated != true)
        {
            limit = AnonymousBodyLimit;
            // The public verification page takes one report file from anyone (PublicUploadLimitAttribute): its own bound.
            if (HttpMethods.IsPost(request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<PublicUploadLimitAttribute>() is not null)
            {
                limit = PublicUploadLimitAttribute.RequestLimit;
                context.Features.Set<IFormFeature>(new FormFeature(request, new Microsoft.AspNetCore.Http.Features.FormOptions
                {
                    MultipartBodyLengthLimit = limit.Value, ValueCountLimit = 20,
                }));
            }
            // The public problem-report form (issue 31, decision 0060): a few short fields, a smaller bound.
            else if (HttpMethods.IsPost(request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<PublicFormLimitAttribute>() is { } form)
            {
                limit = form.Bytes;
                context.Features.Set<IFormFeature>(new FormFeature(request, new Microsoft.AspNetCore.Http.Features.FormOptions
                {
                    ValueCountLimit = 20, ValueLengthLimit = (int)form.Bytes,
                }));
            }
        }
        else if (HttpMethods.IsPost(request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<EvidenceUploadLimitAttribute>() is not null)
        {
            // An evidence upload, from a page or the API's upload endpoints (issue 29, decision 0050): the same gate.
            limit = EvidenceUploadLimitAttribute.RequestLimit(context.RequestServices.GetRequiredService<EvidenceOptions>());
            context.Features.Set<IFormFeature>(new FormFeature(request, new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                MultipartBodyLengthLimit = limit.Value, ValueCountLimit = 100,
            }));
            if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
                && !MayUpload(context.RequestServices.GetRequiredService<CurrentUser>(), request.Path))
            {
                // 403 as the pages answer a role's refusal (OutcomeResponses), with the error page's "无权访问" and what to do.
                logger.LogWarning("Refused upload {Method} {Path} before its body: user {User} is not a county user", request.Method, request.Path, context.User.Identity.Name);
                Refuse(context, StatusCodes.Status403Forbidden);
                // The API's answer says why in problem+json (issue 29): the role, as the pages' refusal of a county write does.
                if (Api.ApiPipeline.IsApi(request.Path))
                {
                    var roles = string.Join("、", context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(r => Core.Security.Roles.DisplayName(r.Value)));
                    await Api.ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, Core.Messaging.Messages.ReadOnlyRole(roles));
                }

                return;
            }
        }
        else if (Api.ApiPipeline.IsApi(request.Path))
        {
            // The API (issue 29): Api:MaxBodyBytes, or the endpoint's own bound (RequestSizeLimit metadata: an evidence upload);
            // a multipart form is read within it. A token's caller is known here, so nothing was read before this decision.
            limit = context.RequestServices.GetRequiredService<Api.ApiSettings>().BodyLimitFor(context.GetEndpoint());
            if (request.HasFormContentType)
            {
                context.Features.Set<IFormFeature>(new FormFeature(request, new Microsoft.AspNetCore.Http.Features.FormOptions
                {
                    MultipartBodyLengthLimit = limit.Value, ValueCountLimit = 100,
                }));
            }
        }
        else if (context.GetEndpoint()?.Metadata.GetMetadata<HandlerBodyLimitAttribute>() is { } bounded && bounded.Applies(request))
        {
            // One handler with a small body of its own (the area page's autosave): its bound, and few values.
            limit = bounded.Bytes;
            context.Features.Set<IFormFeature>(new FormFeature(request, new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                ValueCountLimit = bounded.MaxValues, ValueLengthLimit = (int)bounded.Bytes,
            }));
        }

        if (limit is { } max)
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body) body.MaxRequestBodySize = max;
            if (request.ContentLength > max)
            {
                logger.LogWarning("Refused request {Method} {Path} before its body: {Length} bytes declared, {Limit} allowed", request.Method, request.Path, request.ContentLength, max);
                Refuse(context, StatusCodes.Status413PayloadTooLarge);
                // The API names the limit that applied (an evidence upload's is not Api:MaxBodyBytes).
                if (Api.ApiPipeline.IsApi(request.Path)) await Api.ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, Core.Messaging.Messages.ApiBodyTooLarge(max));
                return;
            }
        }

        await next(context);
    }

    // The status code pages render the answer; an HTTP/1.x connection is closed after it rather than drained of the unread body.
    private static void Refuse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        if (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol)) context.Response.Headers.Connection = "close";
    }

    private static bool MayHaveBody(HttpContext context) =>
        context.Request.ContentLength is > 0
        || (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false
            && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method));
}
