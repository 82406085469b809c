using EduDuty.Reporting.Pdf;

namespace EduDuty.Application.Reports.Editions;

/// <summary>A PDF as an edition keeps it: signed (with the certificate's subject and SHA-256 fingerprint) or not.</summary>
public sealed record SignedPdf(byte[] Pdf, string? Subject, string? Thumbprint);

/// <summary>
/// Signs approved editions' PDFs with the portal's certificate (decision 0031): an invisible PAdES-style signature over the
/// whole file with the approval's time as the signed signing time. Without a certificate (Production with none configured,
/// or one that could not be read: logged at start) the edition is stored unsigned and says so.
/// </summary>
public sealed class EditionSigning(SigningCertificate certificate)
{
    /// <summary>Where the signature says it was made.</summary>
    public const string Location = "EduDuty 教育履职评价平台";

    public Task<SignedPdf> SignAsync(byte[] pdf, DateTime at, CancellationToken cancellationToken)
    {
        if (certificate.Current is not { } current || certificate.Info is not { } info) return Task.FromResult(new SignedPdf(pdf, null, null));
        // CPU work of 25–60 ms off the request's thread, like the renderings.
        return Task.Run(() => new SignedPdf(
            PdfSignature.Sign(pdf, current, new SignatureRequest(SignatureRequest.ApprovedReason, Location, new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)))),
            info.Subject, info.Sha256), cancellationToken);
    }
}
