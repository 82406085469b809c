namespace EduDuty.Application.Reports.Editions;

/// <summary>A PDF as an edition keeps it: signed (with the certificate's subject and SHA-256 fingerprint) or not.</summary>
public sealed record SignedPdf(byte[] Pdf, string? Subject, string? Thumbprint);

/// <summary>Signs approved editions' PDFs with the portal's certificate (decision 0031).</summary>
public sealed class EditionSigning
{
    // Placeholder until the signing certificate lands: the edition records that it is not signed.
    public Task<SignedPdf> SignAsync(byte[] pdf, DateTime at, CancellationToken cancellationToken) => Task.FromResult(new SignedPdf(pdf, null, null));
}
