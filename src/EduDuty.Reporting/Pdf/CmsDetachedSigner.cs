using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf.Signatures;

namespace EduDuty.Reporting.Pdf;

/// <summary>
/// PDFsharp's signer interface with a CMS detached signature made by .NET: SHA-256, the signer's certificate embedded, and
/// as <em>signed</em> attributes the signing time (from the caller, not the system clock) and ESS signing-certificate-v2
/// (RFC 5035, which binds the certificate into what is signed). PDFsharp's own <c>PdfSharpDefaultSigner</c> puts the
/// signing time among the unsigned attributes, from the system clock, so anyone could change it without breaking the
/// signature; that is why this class exists.
/// </summary>
internal sealed class CmsDetachedSigner(X509Certificate2 certificate, DateTimeOffset signingTime) : IDigitalSigner
{
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";

    // Room for what varies between the size probe and the real signature (none for RSA; ECDSA's DER integers vary by a few bytes).
    private const int Margin = 64;

    private int _size;

    public string CertificateName => certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    public Task<int> GetSignatureSizeAsync()
    {
        if (_size == 0) _size = Sign([0]).Length + Margin;
        return Task.FromResult(_size);
    }

    /// <param name="stream">PDFsharp's view of the byte range: everything but the placeholder of the signature.</param>
    public Task<byte[]> GetSignatureAsync(Stream stream)
    {
        // PDFsharp's RangedStream reads the whole range in one call only when asked for its full length at position 0.
        var content = new byte[stream.Length];
        stream.Position = 0;
        var read = stream.Read(content, 0, content.Length);
        if (read != content.Length) throw new InvalidOperationException($"Read {read} of the {content.Length} bytes to sign.");
        return Task.FromResult(Sign(content));
    }

    private byte[] Sign(byte[] content)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(signingTime.UtcDateTime));
        signer.SignedAttributes.Add(new AsnEncodedData(SigningCertificateV2Oid, SigningCertificateV2(certificate)));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING }
    // with the hash algorithm left at its default, SHA-256 (RFC 5035).
    private static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(certificate.GetCertHash(HashAlgorithmName.SHA256));
        }

        return writer.Encode();
    }
}
