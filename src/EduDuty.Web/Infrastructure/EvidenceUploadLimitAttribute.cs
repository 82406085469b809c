using EduDuty.Application.Evidence;
using Microsoft.AspNetCore.Http.Features;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Marks a page that takes evidence uploads: <see cref="Apply"/>, run after routing and before anything reads the form,
/// lets its POSTs through Kestrel's and the form reader's size limits (30 MB and 128 MB by default) up to what the
/// configured per-file limit allows for <see cref="MaxFiles"/> files. Uploaded files are buffered on disk by the form
/// reader, not in memory.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EvidenceUploadLimitAttribute : Attribute
{
    public const int MaxFiles = 20;

    public static void Apply(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.GetEndpoint()?.Metadata.GetMetadata<EvidenceUploadLimitAttribute>() is null) return;
        var options = context.RequestServices.GetRequiredService<EvidenceOptions>();
        var limit = (options.MaxFileBytes * MaxFiles) + (1 << 20);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body) body.MaxRequestBodySize = limit;
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 100 }));
    }
}
