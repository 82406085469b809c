using System.Security.Cryptography;
using EduDuty.Core.Messaging;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Reporting.Pdf;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Reports.Publication;

/// <summary>What a file or a hash turned out to be.</summary>
public enum VerificationVerdict
{
    /// <summary>The file public now (公示版本).</summary>
    Published,

    /// <summary>Published once, later replaced by another edition of the same report.</summary>
    Replaced,

    /// <summary>Published once, withdrawn by an admin (with the date and the reason).</summary>
    Withdrawn,

    /// <summary>A genuine edition the portal keeps (submitted or approved) that was never published.</summary>
    Stored,

    /// <summary>No edition has this hash.</summary>
    NoMatch,
}

/// <summary>The edition a hash belongs to and its publication, as much as verification tells the public.</summary>
public sealed record VerifiedEdition(
    string County, string CountyCode, int Year, string Label, string ShortLabel, DateTime CreatedAtUtc,
    DateTime? PublishedAtUtc, DateTime? EndedAtUtc, string? WithdrawnReason)
{
    public string ReportName => $"{County}{Year}年度自评报告";

    public string PublicPath => $"/public/{CountyCode}/{Year}/report";
}

/// <summary>
/// A PDF's signature as verification reports it: who signed and when, whether the signature is valid and covers the whole
/// file, and whether the certificate is the portal's.
/// </summary>
public sealed record SignatureReport(string? Signer, DateTime? SignedAtUtc, bool Valid, bool CoversWholeFile, bool PortalCertificate, string? CertificateSha256);

/// <summary>
/// The answer of a verification: which edition the file or hash is (none), whether it is the file published now, and for a
/// signed PDF its signature. <see cref="Sentence"/> and <see cref="Advice"/> are what the page and the command line say.
/// </summary>
/// <param name="File">PDF or Word: which of the edition's files matched; null for no match.</param>
/// <param name="Signature">A PDF's signature; null when none was checked (a hash, a Word file) or the PDF has none (<see cref="UnsignedPdf"/>).</param>
public sealed record Verification(VerificationVerdict Verdict, string Sha256, string? File, VerifiedEdition? Edition, SignatureReport? Signature)
{
    /// <summary>The file was a PDF without a signature (submitted editions are not signed).</summary>
    public bool UnsignedPdf { get; init; }

    /// <summary>A genuine edition of the portal (published, replaced, withdrawn or only stored).</summary>
    public bool Genuine => Verdict != VerificationVerdict.NoMatch;

    public string Sentence => (Verdict, Edition) switch
    {
        (VerificationVerdict.Published, { } e) => $"这是{e.ReportName}的公示版本（{e.ShortLabel}，{Day(e.PublishedAtUtc)}公示）。",
        (VerificationVerdict.Replaced, { } e) => $"这是{e.ReportName}曾经公示的版本（{e.ShortLabel}，{Day(e.PublishedAtUtc)}公示），{Day(e.EndedAtUtc)}起已由新的版本取代。",
        (VerificationVerdict.Withdrawn, { } e) => $"这是{e.ReportName}曾经公示的版本（{e.ShortLabel}，{Day(e.PublishedAtUtc)}公示），已于{Day(e.EndedAtUtc)}撤回，撤回理由：{Ended(e.WithdrawnReason)}",
        (VerificationVerdict.Stored, { } e) => $"这是{e.ReportName}的真实版本（{e.ShortLabel}，{Day(e.CreatedAtUtc)}保存于本平台），但不是公示的版本。",
        _ => "与任何已公示的版本都不一致。",
    };

    public string Advice => Verdict switch
    {
        VerificationVerdict.Published => $"这个 {File}与平台保存并公示的文件逐字节相同，未被改动。",
        VerificationVerdict.Replaced => $"这个 {File}未被改动，但已不是现行的公示版本。请到该县的公示页面查看和下载现在公示的版本。",
        VerificationVerdict.Withdrawn => $"这个 {File}未被改动，但其公示已被撤回，不再代表该县公示的报告。请到该县的公示页面查看撤回说明。",
        VerificationVerdict.Stored => $"这个 {File}与平台保存的这一版逐字节相同，但该县公示的是其他版本或尚未公示。请以公示页面上的版本为准。",
        _ => "本平台保存的任何一版自评报告都没有这个 SHA-256：文件可能被改动过（哪怕只改动一个字节，或经过另存为、重新打印、转换格式，SHA-256 都会不同），" +
             "也可能来自其他来源。请从该县的公示页面重新下载原件再核验，或联系发布报告的县教育督导部门核实。",
    };

    // A reason as the end of a sentence: its own full stop, or one added.
    private static string Ended(string? reason) => reason is { Length: > 0 } r && "。！？.!?".Contains(r[^1]) ? r : reason + "。";

    private static string Day(DateTime? utc) => utc is { } at ? ChinaTime.DayOf(at) : string.Empty;
}

/// <summary>
/// Verification (/public/verify and <c>eduduty verify</c>, decision 0033): a file's SHA-256, or a pasted one, looked up in
/// every edition's PDF and Word hashes. What it proves: the file is byte for byte an edition the portal froze (and whether
/// that edition is the one published); not who wrote its content, nor anything about a file that does not match.
/// Reads nothing but the hashes and the editions' publications; changes nothing.
/// </summary>
public sealed class VerifyReport(EduDutyDbContext db, SigningCertificate certificate)
{
    /// <summary>The largest file read: a report is well under 5 MB; anything larger is refused before more is read.</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    public const string MaxFileText = "20 MB";

    /// <summary>The page's form: a file or a pasted hash, exactly one of them.</summary>
    public async Task<Outcome<Verification>> HandleAsync(Stream? file, string? pastedHash, CancellationToken cancellationToken)
    {
        var hasHash = !string.IsNullOrWhiteSpace(pastedHash);
        if (file is null && !hasHash) return Outcome.Invalid(Messages.VerifyNothingGiven);
        if (file is not null && hasHash) return Outcome.Invalid(Messages.VerifyBothGiven);
        return file is not null ? await FileAsync(file, cancellationToken) : await HashAsync(pastedHash!, cancellationToken);
    }

    /// <summary>A file: read up to <see cref="MaxFileBytes"/> (one byte more and it is refused), hashed, looked up.</summary>
    public async Task<Outcome<Verification>> FileAsync(Stream file, CancellationToken cancellationToken)
    {
        var bytes = await ReadBoundedAsync(file, cancellationToken);
        if (bytes is null) return Outcome.Invalid(Messages.VerifyFileTooLarge(MaxFileText));
        if (bytes.Length == 0) return Outcome.Invalid(Messages.VerifyFileEmpty);
        var (verification, thumbprint) = await LookUpAsync(Convert.ToHexStringLower(SHA256.HashData(bytes)), cancellationToken);
        if (!IsPdf(bytes)) return Outcome.Done(verification);
        var signature = SignatureReport(bytes, thumbprint);
        return Outcome.Done(verification with { Signature = signature, UnsignedPdf = signature is null });
    }

    /// <summary>A pasted SHA-256: 64 hexadecimal characters; blanks and line breaks around and inside are ignored, case too.</summary>
    public async Task<Outcome<Verification>> HashAsync(string pasted, CancellationToken cancellationToken)
    {
        var hash = new string(pasted.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit)) return Outcome.Invalid(Messages.VerifyHashMalformed(hash.Length));
        return Outcome.Done((await LookUpAsync(hash, cancellationToken)).Verification);
    }

    /// <summary>
    /// The signature of a signed PDF, read from its bytes (<see cref="PdfSignatureReader"/>, bounded, no certificate trusted):
    /// signer, signing time, whether it is valid and covers the whole file, and whether the certificate is the portal's — the
    /// one it signs with now, or the one the matching edition was signed with (a certificate replaced since). The last
    /// signature of the file is reported (the one covering the most). Null when the PDF has none.
    /// </summary>
    public SignatureReport? SignatureReport(byte[] pdf, string? editionThumbprint)
    {
        var scan = PdfSignatureReader.Read(pdf);
        if (scan.Status != PdfSignatureScanStatus.Signed) return null;
        var last = scan.Signatures[^1];
        var portal = last.CertificateSha256 is { } used
                     && (string.Equals(used, editionThumbprint, StringComparison.OrdinalIgnoreCase)
                         || string.Equals(used, certificate.Info?.Sha256, StringComparison.OrdinalIgnoreCase));
        return new SignatureReport(last.SignerCommonName ?? last.SignerSubject, last.SigningTime?.UtcDateTime, last.CryptographicallyValid,
            last.CoversWholeFile, portal, last.CertificateSha256);
    }

    // The best edition with this hash: the one published now, else one published before (replaced or withdrawn), else one
    // only stored; newest first. A submitted and the approved edition of one submission share their Word file (and their PDF
    // when the portal does not sign), so a hash may name several.
    private async Task<(Verification Verification, string? Thumbprint)> LookUpAsync(string hash, CancellationToken cancellationToken)
    {
        var editions = await (from e in db.ReportEditions.AsNoTracking()
                              where e.PdfHash == hash || e.DocxHash == hash
                              join ev in db.Evaluations on e.EvaluationId equals ev.Id
                              select new { e.Id, e.Number, e.Kind, e.CreatedAtUtc, IsPdf = e.PdfHash == hash, e.SignerThumbprint, County = ev.County.Name, CountyCode = ev.County.Code, ev.Year })
            .ToListAsync(cancellationToken);
        if (editions.Count == 0) return (new Verification(VerificationVerdict.NoMatch, hash, null, null, null), null);

        var ids = editions.Select(e => e.Id).ToList();
        var publications = await db.ReportPublications.AsNoTracking().Where(p => ids.Contains(p.EditionId))
            .Select(p => new { p.Id, p.EditionId, p.PublishedAtUtc, p.EndedAtUtc, p.WithdrawnReason }).ToListAsync(cancellationToken);
        var best = editions.Select(e =>
            {
                var latest = publications.Where(p => p.EditionId == e.Id).MaxBy(p => p.Id);
                var verdict = latest switch
                {
                    null => VerificationVerdict.Stored,
                    { EndedAtUtc: null } => VerificationVerdict.Published,
                    { WithdrawnReason: not null } => VerificationVerdict.Withdrawn,
                    _ => VerificationVerdict.Replaced,
                };
                var edition = new VerifiedEdition(e.County, e.CountyCode, e.Year, Editions.Labels.Of(e.Kind, e.Number), PublicationRecords.ShortLabel(e.Kind, e.Number),
                    e.CreatedAtUtc, latest?.PublishedAtUtc, latest?.EndedAtUtc, latest?.WithdrawnReason);
                return new Verification(verdict, hash, e.IsPdf ? "PDF 文件" : "Word 文件", edition, null);
            })
            .Zip(editions, (v, e) => (v, e.Id, e.SignerThumbprint))
            .OrderBy(x => Rank(x.v.Verdict)).ThenByDescending(x => x.Id)
            .First();
        return (best.v, best.SignerThumbprint);
    }

    private static int Rank(VerificationVerdict verdict) => verdict switch
    {
        VerificationVerdict.Published => 0,
        VerificationVerdict.Withdrawn or VerificationVerdict.Replaced => 1,
        _ => 2,
    };

    private static bool IsPdf(byte[] bytes) => bytes.AsSpan().StartsWith("%PDF-"u8);

    // The whole file when it is at most the limit; null as soon as one byte more arrives (nothing more is read).
    private static async Task<byte[]?> ReadBoundedAsync(Stream file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
