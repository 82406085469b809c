using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace EduDuty.Reporting.Pdf;

/// <summary>What reading a file for signatures found.</summary>
public enum PdfSignatureScanStatus
{
    /// <summary>The file does not start with a PDF header.</summary>
    NotPdf,

    /// <summary>Over <see cref="PdfSignatureReader.MaxBytes"/>: not read.</summary>
    TooLarge,

    /// <summary>A PDF without a signature dictionary (none with a readable /ByteRange).</summary>
    NoSignature,

    /// <summary>At least one signature; each says whether it holds.</summary>
    Signed,
}

/// <summary>Why a signature found does not hold (<see cref="PdfSignatureProblem.None"/> when it does).</summary>
public enum PdfSignatureProblem
{
    None,

    /// <summary>The /ByteRange does not start at 0, runs past the file or leaves no room for the signature between its parts.</summary>
    ByteRangeInvalid,

    /// <summary>Between the byte range's two parts there is no hexadecimal string, or it is not a CMS signature.</summary>
    SignatureUnreadable,

    /// <summary>The CMS names no signer certificate that it carries.</summary>
    NoCertificate,

    /// <summary>The digest over the byte range or the signature over the signed attributes does not match: the signed bytes were changed.</summary>
    SignatureMismatch,
}

/// <summary>One signature of a PDF, as read from its bytes alone (no certificate is trusted here: compare <see cref="CertificateSha256"/>).</summary>
/// <param name="SignerSubject">The signer certificate's subject (RFC 2253 form), when the CMS carries it.</param>
/// <param name="SignerCommonName">The subject's common name (CN).</param>
/// <param name="CertificateSha256">SHA-256 of the signer certificate's DER, lowercase hex: what a verifier compares with the portal's published fingerprint.</param>
/// <param name="SigningTime">The CMS signing-time attribute (signed, or else unsigned), UTC.</param>
/// <param name="CryptographicallyValid">The signature over the signed attributes checks with the certificate's key and the message digest equals the digest recomputed over the byte range.</param>
/// <param name="CoversWholeFile">The byte range starts at 0 and ends at the file's end: nothing was appended after signing (incremental updates included).</param>
/// <param name="SignedBytes">How many bytes the byte range covers.</param>
public sealed record PdfSignatureInfo(
    string? SignerSubject,
    string? SignerCommonName,
    string? CertificateSha256,
    DateTimeOffset? SigningTime,
    bool CryptographicallyValid,
    bool CoversWholeFile,
    long SignedBytes,
    PdfSignatureProblem Problem)
{
    /// <summary>Valid and covering the whole file: the file is exactly what was signed.</summary>
    public bool Holds => CryptographicallyValid && CoversWholeFile;
}

/// <param name="Signatures">In the order of the file; empty unless <see cref="Status"/> is <see cref="PdfSignatureScanStatus.Signed"/>.</param>
public sealed record PdfSignatureScan(PdfSignatureScanStatus Status, IReadOnlyList<PdfSignatureInfo> Signatures)
{
    public static PdfSignatureScan Of(PdfSignatureScanStatus status) => new(status, []);
}

/// <summary>
/// Reads the signatures of any PDF, e.g. an upload to the public verification page: for every signature dictionary's
/// <c>/ByteRange [a b c d]</c> the signature is the hexadecimal string between the two parts (bytes b to c), decoded as CMS
/// and checked over the bytes of the two parts (<see cref="SignedCms.CheckSignature(bool)"/>, signature only: no trust in
/// any certificate). It does not parse the PDF's objects — it needs none, and cannot be led into their loops — and it is
/// bounded: files over <see cref="MaxBytes"/> are not read, at most <see cref="MaxSignatures"/> signatures are checked, a
/// signature string over <see cref="MaxSignatureHexBytes"/> is not decoded. Never throws on the content of the file.
/// Limitation: a signature dictionary inside a compressed object stream is not seen (signers write them uncompressed,
/// because the byte range is counted in the file's own bytes).
/// </summary>
public static class PdfSignatureReader
{
    /// <summary>Larger files are answered <see cref="PdfSignatureScanStatus.TooLarge"/> (the portal refuses larger uploads anyway).</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    public const int MaxSignatures = 4;

    /// <summary>The hexadecimal signature string between the byte range's parts: 256 KB holds a CMS with a long chain.</summary>
    public const int MaxSignatureHexBytes = 256 * 1024;

    private static readonly byte[] ByteRangeKey = "/ByteRange"u8.ToArray();

    public static PdfSignatureScan Read(ReadOnlySpan<byte> pdf)
    {
        if (pdf.Length > MaxBytes) return PdfSignatureScan.Of(PdfSignatureScanStatus.TooLarge);
        if (!LooksLikePdf(pdf)) return PdfSignatureScan.Of(PdfSignatureScanStatus.NotPdf);

        var found = new List<PdfSignatureInfo>();
        var seen = new HashSet<(long, long, long, long)>();
        var from = 0;
        // Each turn moves past one occurrence of /ByteRange, so the loop ends within pdf.Length / 10 turns at the most.
        while (found.Count < MaxSignatures && from < pdf.Length)
        {
            var at = pdf[from..].IndexOf(ByteRangeKey);
            if (at < 0) break;
            at += from;
            from = at + ByteRangeKey.Length;
            if (ParseRange(pdf, from) is not { } range || !seen.Add(range)) continue;
            found.Add(Check(pdf, range));
        }

        return found.Count == 0 ? PdfSignatureScan.Of(PdfSignatureScanStatus.NoSignature) : new PdfSignatureScan(PdfSignatureScanStatus.Signed, found);
    }

    // "%PDF-" within the first 1024 bytes, as readers accept it.
    private static bool LooksLikePdf(ReadOnlySpan<byte> pdf) => pdf[..Math.Min(pdf.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    // "[a b c d]" after optional white space; each a non-negative integer of at most 12 digits. Anything else: null.
    private static (long A, long B, long C, long D)? ParseRange(ReadOnlySpan<byte> pdf, int at)
    {
        at = SkipSpace(pdf, at);
        if (at >= pdf.Length || pdf[at] != '[') return null;
        at++;
        Span<long> numbers = stackalloc long[4];
        for (var i = 0; i < 4; i++)
        {
            at = SkipSpace(pdf, at);
            var start = at;
            long value = 0;
            while (at < pdf.Length && at - start < 12 && pdf[at] is >= (byte)'0' and <= (byte)'9') value = (value * 10) + (pdf[at++] - '0');
            if (at == start) return null;
            numbers[i] = value;
        }

        at = SkipSpace(pdf, at);
        return at < pdf.Length && pdf[at] == ']' ? (numbers[0], numbers[1], numbers[2], numbers[3]) : null;
    }

    private static int SkipSpace(ReadOnlySpan<byte> pdf, int at)
    {
        while (at < pdf.Length && pdf[at] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or (byte)'\f' or 0) at++;
        return at;
    }

    private static PdfSignatureInfo Check(ReadOnlySpan<byte> pdf, (long A, long B, long C, long D) range)
    {
        var (a, b, c, d) = range;
        var signed = b + d;
        if (a != 0 || b <= 0 || c <= b + 1 || c + d > pdf.Length || c - b > MaxSignatureHexBytes)
        {
            return Unreadable(PdfSignatureProblem.ByteRangeInvalid, Math.Max(0, signed));
        }

        var whole = c + d == pdf.Length;
        var gap = pdf[(int)b..(int)c];
        if (Decode(gap) is not { } der) return Unreadable(PdfSignatureProblem.SignatureUnreadable, signed, whole);

        var content = new byte[signed];
        pdf[..(int)b].CopyTo(content);
        pdf.Slice((int)c, (int)d).CopyTo(content.AsSpan((int)b));

        SignedCms cms;
        try
        {
            cms = new SignedCms(new ContentInfo(content), detached: true);
            cms.Decode(der);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Unreadable(PdfSignatureProblem.SignatureUnreadable, signed, whole);
        }

        try
        {
            return Examine(cms, signed, whole);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not only CryptographicException: a crafted certificate, name or attribute may surface as AsnContentException,
            // ArgumentException or NotSupportedException from the platform's readers (attacker's review); none is the file's fault to throw.
            // Decode reads the outer structure only: a damaged certificate or attribute inside it is met only when read.
            return Unreadable(PdfSignatureProblem.SignatureUnreadable, signed, whole);
        }
    }

    private static PdfSignatureInfo Examine(SignedCms cms, long signed, bool whole)
    {
        if (cms.SignerInfos.Count == 0) return Unreadable(PdfSignatureProblem.SignatureUnreadable, signed, whole);
        var signer = cms.SignerInfos[0];
        var certificate = signer.Certificate;
        if (certificate is null) return Unreadable(PdfSignatureProblem.NoCertificate, signed, whole) with { SigningTime = SigningTimeOf(signer) };

        bool valid;
        try
        {
            signer.CheckSignature(verifySignatureOnly: true);
            valid = true;
        }
        catch (CryptographicException)
        {
            valid = false;
        }

        return new PdfSignatureInfo(
            certificate.Subject,
            certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) is { Length: > 0 } name ? name : null,
            Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256)),
            SigningTimeOf(signer),
            valid,
            whole,
            signed,
            valid ? PdfSignatureProblem.None : PdfSignatureProblem.SignatureMismatch);
    }

    private static PdfSignatureInfo Unreadable(PdfSignatureProblem problem, long signed, bool whole = false) =>
        new(null, null, null, null, CryptographicallyValid: false, whole, signed, problem);

    // "<hex…>", padded with zeros after the DER: the first DER element, or null when it is not one.
    private static byte[]? Decode(ReadOnlySpan<byte> gap)
    {
        if (gap.Length < 4 || gap[0] != '<' || gap[^1] != '>') return null;
        var hex = gap[1..^1];
        if (hex.Length % 2 != 0) return null;
        var bytes = new byte[hex.Length / 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = HexValue(hex[2 * i]);
            var low = HexValue(hex[(2 * i) + 1]);
            if (high < 0 || low < 0) return null;
            bytes[i] = (byte)((high << 4) | low);
        }

        try
        {
            AsnDecoder.ReadEncodedValue(bytes, AsnEncodingRules.BER, out _, out _, out var consumed);
            return bytes[..consumed];
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static DateTimeOffset? SigningTimeOf(SignerInfo signer) =>
        SigningTimeIn(signer.SignedAttributes) ?? SigningTimeIn(signer.UnsignedAttributes);

    private static DateTimeOffset? SigningTimeIn(CryptographicAttributeObjectCollection attributes)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Oid.Value != "1.2.840.113549.1.9.5") continue;
            foreach (var value in attribute.Values)
            {
                try
                {
                    var time = new Pkcs9SigningTime(value.RawData).SigningTime;
                    return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
                }
                catch (CryptographicException)
                {
                    // an unreadable time is no time
                }
            }
        }

        return null;
    }

    /// <summary>For logs and tests: the signature in one line.</summary>
    public static string Describe(PdfSignatureInfo signature)
    {
        var text = new StringBuilder();
        text.Append(signature.SignerCommonName ?? "?").Append(' ').Append(signature.CertificateSha256 ?? "-");
        text.Append(signature.CryptographicallyValid ? " valid" : " invalid").Append(signature.CoversWholeFile ? " whole" : " partial");
        if (signature.Problem != PdfSignatureProblem.None) text.Append(' ').Append(signature.Problem);
        return text.ToString();
    }
}
