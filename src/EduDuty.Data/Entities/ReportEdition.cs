namespace EduDuty.Data.Entities;

/// <summary>Which step froze an edition.</summary>
public enum EditionKind
{
    /// <summary>Frozen when the county submitted (已提交 第N版).</summary>
    Submitted = 0,

    /// <summary>Frozen when a supervisor approved submission N (审核通过版): the same content plus the opinion, the PDF signed.</summary>
    Approved = 1,
}

/// <summary>
/// One frozen edition of a county's report (decision 0030): what was submitted or approved, as it was then — the figures,
/// texts, report settings, evidence list and scheme in <see cref="Snapshot"/>, the report's text in <see cref="Reading"/>, and
/// the rendered PDF and Word files with their SHA-256. Never updated or deleted: returning and reopening keep every edition,
/// and every download of a submitted or approved evaluation serves these bytes.
/// </summary>
public class ReportEdition
{
    public long Id { get; set; }

    public int EvaluationId { get; set; }

    /// <summary>The submission this edition belongs to, 1 for the first: an approved edition carries the number of the submission it approves.</summary>
    public int Number { get; set; }

    public EditionKind Kind { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public required string CreatedByUserId { get; set; }

    public required string CreatedByName { get; set; }

    public required string SchemeCode { get; set; }

    public int SchemeVersion { get; set; }

    /// <summary>SHA-256 of the scheme file the evaluation was judged by.</summary>
    public required string SchemeHash { get; set; }

    /// <summary>The portal's version that froze the edition.</summary>
    public required string SoftwareVersion { get; set; }

    /// <summary>Everything the report was made of, as canonical JSON (<c>EditionSnapshot</c>).</summary>
    public required string Snapshot { get; set; }

    /// <summary>SHA-256 of <see cref="Snapshot"/>'s UTF-8 bytes, hex.</summary>
    public required string SnapshotHash { get; set; }

    /// <summary>The report's text as reading blocks (JSON): what the public page shows as HTML.</summary>
    public required string Reading { get; set; }

    public required byte[] Pdf { get; set; }

    /// <summary>SHA-256 of <see cref="Pdf"/>, lower-case hex: the hash the report page, the public page and verification show.</summary>
    public required string PdfHash { get; set; }

    public required byte[] Docx { get; set; }

    public required string DocxHash { get; set; }

    /// <summary>The signing certificate's subject when the PDF is signed; null: not signed.</summary>
    public string? SignerSubject { get; set; }

    /// <summary>SHA-256 of the signing certificate, hex: what a verifier compares with the portal's published fingerprint.</summary>
    public string? SignerThumbprint { get; set; }

    /// <summary>The supervisor's opinion (审核意见) for an approved edition.</summary>
    public string? Opinion { get; set; }
}

/// <summary>
/// A county's report made public (公示): one edition, from when, by whom; withdrawn by an admin with a reason (the public page
/// then says so). Publishing another edition of the same evaluation ends the earlier publication.
/// </summary>
public class ReportPublication
{
    public int Id { get; set; }

    public int EvaluationId { get; set; }

    public long EditionId { get; set; }

    public ReportEdition Edition { get; set; } = null!;

    public DateTime PublishedAtUtc { get; set; }

    public required string PublishedByUserId { get; set; }

    public required string PublishedByName { get; set; }

    /// <summary>When it stopped being the public copy (withdrawn, or replaced by a later publication); null while it is.</summary>
    public DateTime? EndedAtUtc { get; set; }

    /// <summary>Why it was withdrawn; null while public or when replaced by a later publication.</summary>
    public string? WithdrawnReason { get; set; }

    public string? WithdrawnByName { get; set; }

    /// <summary>Concurrency token: a withdrawal and a new publication at once cannot both win.</summary>
    public int Version { get; set; }
}
