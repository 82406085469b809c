using EduDuty.Application.Evidence;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Marks a page that takes evidence uploads. Its multipart POSTs pass <see cref="UploadGate"/> before anything reads the
/// body: only county users may send them, and one request may carry at most <see cref="RequestLimit"/> (the per-file limit
/// and the form around it), whatever the number of files. Uploaded files are buffered on disk by the form reader, not in
/// memory.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EvidenceUploadLimitAttribute : Attribute
{
    public const int MaxFiles = 20;

    /// <summary>The form's fields, boundaries and part headers beside the files.</summary>
    public const long FormOverheadBytes = 1 << 20;

    /// <summary>The most one upload request may carry: the evidence size limit and the form's overhead (decision 0027).</summary>
    public static long RequestLimit(EvidenceOptions options) => options.MaxFileBytes + FormOverheadBytes;
}
