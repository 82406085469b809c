namespace EduDuty.Data.Entities;

/// <summary>
/// One version of a scheme as stored: the scheme file itself plus the facts needed to list it.
/// The definition is kept whole so that an evaluation is always judged by the version it was opened with.
/// </summary>
public class SchemeRecord
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public int Version { get; set; }

    public int Year { get; set; }

    public required string Title { get; set; }

    public required string DocumentNumber { get; set; }

    /// <summary>The scheme file (JSON) exactly as loaded.</summary>
    public required string Definition { get; set; }

    /// <summary>SHA-256 of <see cref="Definition"/>, hex; lets seeding tell a changed file from a known one.</summary>
    public required string ContentHash { get; set; }

    public DateTime ImportedAtUtc { get; set; }

    /// <summary>The year this version is the one its region opens evaluations with; at most one version per year and region.</summary>
    public int? ActiveForYear { get; set; }

    /// <summary>
    /// The region (a province) the scheme belongs to: only its admins (or admins above it) change or activate it, and only its
    /// counties are evaluated by it. Null for a scheme stored before schemes had owners: only the command line may change it.
    /// </summary>
    public int? OwnerRegionId { get; set; }

    public Region? OwnerRegion { get; set; }

    /// <summary>
    /// The scheme's official document (the PDF an admin uploaded, issue 27): its content's hash, a key of the evidence blobs
    /// (stored once per content like every evidence file, decision 0043); null when none has been uploaded.
    /// </summary>
    public string? DocumentHash { get; set; }

    /// <summary>The official document's file name, cleaned as an evidence file's is.</summary>
    public string? DocumentFileName { get; set; }

    public long? DocumentLength { get; set; }

    public DateTime? DocumentUploadedAtUtc { get; set; }

    /// <summary>How <see cref="ContentHash"/> is made: SHA-256 of the UTF-8 text, lower-case hex.</summary>
    public static string HashOf(string definition) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(definition)));
}
