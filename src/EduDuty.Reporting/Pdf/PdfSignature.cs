using System.Security.Cryptography.X509Certificates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using PdfSharp.Pdf.Signatures;

namespace EduDuty.Reporting.Pdf;

/// <summary>
/// What a report's signature says besides who signed it: why (<see cref="Reason"/>, e.g. <see cref="ApprovedReason"/>), where
/// (<see cref="Location"/>, the portal), and when (<see cref="SigningTime"/>, from the caller's clock — it goes into the CMS
/// signed attributes, so tests pass a fixed instant).
/// </summary>
public sealed record SignatureRequest(string Reason, string Location, DateTimeOffset SigningTime, string? ContactInfo = null)
{
    /// <summary>The reason of the approved edition's signature.</summary>
    public const string ApprovedReason = "审核通过版";

    /// <summary>The reason of a submitted edition's signature.</summary>
    public const string SubmittedReason = "已提交版";
}

/// <summary>
/// Signs a finished report PDF with PDFsharp 6.2.4's own signature support (decision 0031): the document is opened again in
/// <see cref="PdfDocumentOpenMode.Modify"/> (which keeps the structure tree, the fonts, the outline and the
/// metadata) and saved whole with an invisible signature field on the last page and a CMS
/// (PKCS #7) detached signature, SHA-256, over the byte range that covers the whole file except the signature itself —
/// ISO 32000-1's adbe.pkcs7.detached, i.e. PAdES part 2 ("PAdES-Basic"). The CMS carries the signing time and the ESS
/// signing-certificate-v2 attribute as signed attributes (<see cref="CmsDetachedSigner"/>).
/// </summary>
public static class PdfSignature
{
    /// <summary>The name the signature dictionary gives the signing application.</summary>
    public const string AppName = "EduDuty";

    /// <summary>Signs <paramref name="pdf"/> (one of our reports) and returns the signed file.</summary>
    /// <exception cref="ArgumentException">the certificate has no private key, or is not an RSA or ECDSA certificate.</exception>
    public static byte[] Sign(byte[] pdf, X509Certificate2 certificate, SignatureRequest what)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(what);
        if (!certificate.HasPrivateKey) throw new ArgumentException("The signing certificate has no private key.", nameof(certificate));

        using var input = new MemoryStream(pdf, writable: false);
        var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
        // The page contents are deflated by the renderer already (ContentStreamCompression): keep them exactly as they are.
        document.Options.CompressContentStreams = false;
        // Opening for modification set the modification date to the server's "now": it is the signing time, in China time.
        ChinaTimeMetadata.Modified(document, what.SigningTime);
        DigitalSignatureHandler.ForDocument(document, new CmsDetachedSigner(certificate, what.SigningTime), new DigitalSignatureOptions
        {
            Reason = what.Reason,
            Location = what.Location,
            ContactInfo = what.ContactInfo ?? string.Empty,
            AppName = AppName,
            // An invisible signature: an empty rectangle gets no appearance stream, so the pages look and read exactly as
            // before (PDFsharp's default appearance would draw English text in a font we do not ship).
            Rectangle = new XRect(0, 0, 0, 0),
            PageIndex = document.PageCount - 1,
        });
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
