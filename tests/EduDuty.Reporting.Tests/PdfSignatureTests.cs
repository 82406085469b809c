using System.Security.Cryptography;
using System.Text;
using EduDuty.Reporting.Pdf;
using EduDuty.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// The golden report signed with PDFsharp's signature support and our CMS signer, judged by poppler's pdfsig (an independent
/// verifier) and by <see cref="PdfSignatureReader"/>: valid and covering the whole file; one changed byte breaks it; bytes
/// appended leave it valid but no longer the whole file; the text, the structure and the metadata are what they were.
/// </summary>
public sealed class PdfSignatureTests
{
    private static readonly DateTimeOffset SigningTime = TestClock.Start;

    private static readonly SignatureRequest Approved = new(SignatureRequest.ApprovedReason, "EduDuty 教育履职评价平台", SigningTime);

    private static readonly Lazy<byte[]> Signed = new(() => PdfSignature.Sign(RenderedReports.Golden.Pdf, TestCertificates.Rsa3072, Approved));

    private static string CertificateSha256 => Convert.ToHexStringLower(TestCertificates.Rsa3072.GetCertHash(HashAlgorithmName.SHA256));

    [Fact]
    public void Pdfsig_finds_one_valid_signature_over_the_total_document()
    {
        var (code, output) = Tools.RunOn(Signed.Value, "pdf", "pdfsig");

        Assert.True(code == 0, output);
        Assert.Contains("Signature #1:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature #2:", output, StringComparison.Ordinal);
        Assert.Contains("Signature Validation: Signature is Valid.", output, StringComparison.Ordinal);
        Assert.Contains("Total document signed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Not total document signed", output, StringComparison.Ordinal);
        Assert.Contains("Signer Certificate Common Name: EduDuty 测试签名", output, StringComparison.Ordinal);
        Assert.Contains("Signature Type: adbe.pkcs7.detached", output, StringComparison.Ordinal);
        Assert.Contains("Signing Hash Algorithm: SHA-256", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Our_reader_agrees_with_pdfsig_on_the_genuine_file_and_reads_signer_fingerprint_and_signed_time()
    {
        var scan = PdfSignatureReader.Read(Signed.Value);

        Assert.Equal(PdfSignatureScanStatus.Signed, scan.Status);
        var signature = Assert.Single(scan.Signatures);
        Assert.True(signature.CryptographicallyValid, PdfSignatureReader.Describe(signature));
        Assert.True(signature.CoversWholeFile);
        Assert.True(signature.Holds);
        Assert.Equal(PdfSignatureProblem.None, signature.Problem);
        Assert.Equal("EduDuty 测试签名", signature.SignerCommonName);
        Assert.Contains("O=EduDuty 测试", signature.SignerSubject, StringComparison.Ordinal);
        Assert.Equal(CertificateSha256, signature.CertificateSha256);
        Assert.Equal(SigningTime, signature.SigningTime);
        // Everything but the signature's hex string, which the signer reserved (signature size + margin, two hex digits a byte, <>).
        Assert.InRange(Signed.Value.Length - signature.SignedBytes, 200, 20_000);
    }

    [Fact]
    public void One_changed_byte_in_the_signed_part_is_found_by_pdfsig_and_by_our_reader()
    {
        var changed = (byte[])Signed.Value.Clone();
        // The document information's creator: inside the first part of the byte range, and a change that keeps the file readable.
        var at = IndexOf(changed, "(EduDuty)"u8) + 1;
        Assert.True(at > 0);
        changed[at] = (byte)'F';

        var (_, output) = Tools.RunOn(changed, "pdf", "pdfsig");
        Assert.DoesNotContain("Signature is Valid.", output, StringComparison.Ordinal);
        Assert.Matches("Signature Validation: (Digest Mismatch|Signature is Invalid)", output);

        var signature = Assert.Single(PdfSignatureReader.Read(changed).Signatures);
        Assert.False(signature.CryptographicallyValid);
        Assert.Equal(PdfSignatureProblem.SignatureMismatch, signature.Problem);
        Assert.Equal(CertificateSha256, signature.CertificateSha256); // still says who claimed to sign
    }

    [Fact]
    public void Bytes_appended_after_signing_leave_the_signature_valid_but_not_over_the_whole_file()
    {
        var appended = Signed.Value.Concat(Encoding.ASCII.GetBytes("\n% appended after signing\n")).ToArray();

        var signature = Assert.Single(PdfSignatureReader.Read(appended).Signatures);
        Assert.True(signature.CryptographicallyValid);
        Assert.False(signature.CoversWholeFile);
        Assert.False(signature.Holds);

        var (_, output) = Tools.RunOn(appended, "pdf", "pdfsig");
        Assert.Contains("Not total document signed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_keeps_the_text_the_tags_the_fonts_and_the_metadata()
    {
        var original = RenderedReports.Golden.Pdf;

        Assert.Equal(Tools.PdfToText(original), Tools.PdfToText(Signed.Value));
        Assert.Equal(RenderedReports.BodyText(original), RenderedReports.BodyText(Signed.Value));

        var (checkCode, check) = Tools.RunOn(Signed.Value, "pdf", "qpdf", "--check");
        Assert.True(checkCode == 0, check);
        Assert.Equal(Tools.RunOn(original, "pdf", "pdffonts").Output, Tools.RunOn(Signed.Value, "pdf", "pdffonts").Output);

        var before = Tools.RunOn(original, "pdf", "pdfinfo").Output.Split('\n');
        var after = Tools.RunOn(Signed.Value, "pdf", "pdfinfo").Output.Split('\n');
        foreach (var field in new[] { "Title:", "Subject:", "Author:", "Creator:", "CreationDate:", "Tagged:", "Pages:", "Page size:" })
        {
            Assert.Equal(before.Single(l => l.StartsWith(field, StringComparison.Ordinal)), after.Single(l => l.StartsWith(field, StringComparison.Ordinal)));
        }

        Assert.Contains(after, l => l.StartsWith("Tagged:", StringComparison.Ordinal) && l.EndsWith("yes", StringComparison.Ordinal));
        // The modification date is the signing time (10:00 on 1 November 2021 in China), whatever the server's time zone.
        Assert.Contains("/ModDate(D:20211101100000+08'00')", Encoding.Latin1.GetString(Signed.Value).Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void The_reason_and_the_location_are_in_the_signature_dictionary_as_text()
    {
        var strings = Utf16Strings(Signed.Value);

        Assert.Contains(SignatureRequest.ApprovedReason, strings, StringComparison.Ordinal);
        Assert.Contains("EduDuty 教育履职评价平台", strings, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsigned_report_and_files_that_are_not_pdf_say_so()
    {
        Assert.Equal(PdfSignatureScanStatus.NoSignature, PdfSignatureReader.Read(RenderedReports.Golden.Pdf).Status);
        Assert.Equal(PdfSignatureScanStatus.NotPdf, PdfSignatureReader.Read("PK\u0003\u0004 a zip"u8).Status);
        Assert.Equal(PdfSignatureScanStatus.NotPdf, PdfSignatureReader.Read([]).Status);
        Assert.Equal(PdfSignatureScanStatus.TooLarge, PdfSignatureReader.Read(new byte[PdfSignatureReader.MaxBytes + 1]).Status);
    }

    [Fact]
    public void A_byte_range_that_runs_past_the_file_or_holds_no_cms_is_reported_not_trusted()
    {
        var pastTheEnd = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <</ByteRange [0 10 20 99999] /Contents <00>>> endobj\n%%EOF");
        var notCms = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj <</ByteRange [0 30 42 14] /Contents <0A0B0C0D0E>>> endobj\n%%EOF\n");

        Assert.Equal(PdfSignatureProblem.ByteRangeInvalid, Assert.Single(PdfSignatureReader.Read(pastTheEnd).Signatures).Problem);
        var garbage = Assert.Single(PdfSignatureReader.Read(notCms).Signatures);
        Assert.False(garbage.CryptographicallyValid);
        Assert.NotEqual(PdfSignatureProblem.None, garbage.Problem);
    }

    [Property(MaxTest = 300)]
    public Property Damaged_signed_files_are_read_without_throwing_and_hold_only_when_no_signed_byte_changed() =>
        Prop.ForAll(Damage.ToArbitrary(), bytes =>
        {
            var scan = PdfSignatureReader.Read(bytes);
            // A damaged file may still hold only when every byte the signature covers is the original's: the change is inside
            // the signature's hexadecimal string (its zero padding after the CMS).
            var (_, b, c, _) = SignedRange;
            var untouched = bytes.Length == Signed.Value.Length
                            && Enumerable.Range(0, bytes.Length).All(i => (i >= b && i < c) || bytes[i] == Signed.Value[i]);
            return scan.Signatures.All(s => !s.Holds || untouched).Label(string.Join("; ", scan.Signatures.Select(PdfSignatureReader.Describe)));
        });

    [Fact]
    public void Every_hexadecimal_digit_of_the_signature_changed_in_turn_is_read_without_throwing()
    {
        // Decode reads only the outer structure of the CMS: a damaged certificate or attribute inside it threw from the
        // reader once (the random damage above found it in CI about once in a few hundred runs). Every digit in turn, up to
        // the zero padding. (Some still hold: a digit of the certificate's own signature or of an unsigned field is not
        // covered by the CMS signature; the certificate's hash then differs, and the portal compares that hash.)
        var (_, b, c, _) = SignedRange;
        var original = Signed.Value;
        var end = c - 1;
        while (end > b + 1 && original[end - 1] == '0') end--;
        var failures = new List<string>();
        for (var i = b + 1; i < end; i++)
        {
            var damaged = (byte[])original.Clone();
            damaged[i] = original[i] == (byte)'f' ? (byte)'0' : (byte)'f';
            try
            {
                var scan = PdfSignatureReader.Read(damaged);
                if (scan.Status != PdfSignatureScanStatus.Signed || scan.Signatures.Count != 1) failures.Add($"{i}: {scan.Status}");
            }
            catch (Exception e)
            {
                failures.Add($"{i}: {e.GetType().Name} {e.Message}");
            }
        }

        Assert.True(end - b > 1000, "the signature's digits were not found");
        Assert.Empty(failures);
    }

    [Property(MaxTest = 300)]
    public Property Random_byte_ranges_over_random_bytes_are_read_without_throwing_and_never_valid() =>
        Prop.ForAll(RandomFile.ToArbitrary(), file => PdfSignatureReader.Read(file).Signatures.All(s => !s.CryptographicallyValid));

    private static Gen<byte[]> RandomFile =>
        from a in Gen.Choose(0, 3)
        from b in Gen.Choose(0, 600)
        from c in Gen.Choose(0, 600)
        from d in Gen.Choose(0, 600)
        from hex in Gen.Elements(true, false)
        from tail in ArbMap.Default.GeneratorFor<byte[]>()
        select (byte[])[.. Encoding.ASCII.GetBytes($"%PDF-1.7\n<</ByteRange [{a} {b} {c} {d}] /Contents <{(hex ? "3082" : "")}"), .. tail, .. "00>>>\n%%EOF"u8];

    // The original's /ByteRange [a b c d], read with a pattern (not with the reader under test).
    private static (int A, int B, int C, int D) SignedRange
    {
        get
        {
            var m = System.Text.RegularExpressions.Regex.Match(Encoding.Latin1.GetString(Signed.Value), @"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]");
            Assert.True(m.Success);
            return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value), int.Parse(m.Groups[4].Value));
        }
    }

    // A flipped byte, a truncation or a cut in the signed file, most of them near the signature.
    private static Gen<byte[]> Damage =>
        from near in Gen.Elements(true, false)
        from offset in Gen.Choose(0, Signed.Value.Length - 1)
        from shift in Gen.Choose(-3000, 3000)
        from kind in Gen.Choose(0, 2)
        from value in Gen.Choose(0, 255)
        let position = near ? Math.Clamp(IndexOf(Signed.Value, "/ByteRange"u8) + shift, 0, Signed.Value.Length - 1) : offset
        select kind switch
        {
            0 => Signed.Value.Select((b, i) => i == position ? (byte)value : b).ToArray(),
            1 => Signed.Value[..position],
            _ => [.. Signed.Value[..position], .. Signed.Value[Math.Min(Signed.Value.Length, position + value)..]],
        };

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);

    // Text strings PDFsharp writes as UTF-16BE with a byte-order mark, in literal (…) or hexadecimal <FEFF…> form, decoded.
    private static string Utf16Strings(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var found = new StringBuilder();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, "<FEFF([0-9A-Fa-f]+)>"))
        {
            found.Append(Encoding.BigEndianUnicode.GetString(Convert.FromHexString(m.Groups[1].Value))).Append('\n');
        }

        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, "\\(\u00FE\u00FF((?:[^\\\\)]|\\\\.)*)\\)"))
        {
            var raw = System.Text.RegularExpressions.Regex.Replace(m.Groups[1].Value, "\\\\(.)", "$1");
            found.Append(Encoding.BigEndianUnicode.GetString(Encoding.Latin1.GetBytes(raw))).Append('\n');
        }

        return found.ToString();
    }
}
