namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Marks the one anonymous page that takes a file (/public/verify): <see cref="UploadGate"/> lets a request to it carry the
/// verification's file limit (20 MB) plus 64 KB for the form, instead of the 64 KB every other anonymous body may have.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PublicUploadLimitAttribute : Attribute
{
    public const long RequestLimit = Application.Reports.Publication.VerifyReport.MaxFileBytes + UploadGate.AnonymousBodyLimit;
}
