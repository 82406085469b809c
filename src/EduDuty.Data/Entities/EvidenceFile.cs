using EduDuty.Core.Evidence;

namespace EduDuty.Data.Entities;

/// <summary>
/// A document the county attached (佐证材料): to an indicator (<see cref="FieldCode"/>), to an area (<see cref="AreaKey"/>
/// only), or to the evaluation as a whole (neither). Its bytes live once per content in <see cref="EvidenceBlob"/>.
/// </summary>
public class EvidenceFile
{
    public int Id { get; set; }

    public int EvaluationId { get; set; }

    public string? AreaKey { get; set; }

    public string? FieldCode { get; set; }

    public required string Title { get; set; }

    /// <summary>The document's number (文号), e.g. 闻教发〔2021〕13号.</summary>
    public string? DocumentNumber { get; set; }

    public DateOnly? DocumentDate { get; set; }

    /// <summary>The uploaded file's name, cleaned (<see cref="EvidenceFileName"/>); for display and download only.</summary>
    public required string FileName { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex: the key of its <see cref="EvidenceBlob"/>.</summary>
    public required string ContentHash { get; set; }

    public long Length { get; set; }

    public EvidenceKind Kind { get; set; }

    public required string UploadedByUserId { get; set; }

    public required string UploadedByName { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    /// <summary>A supervisor's judgment of the piece (充分 / 不充分), null until one is given.</summary>
    public EvidenceVerdict? Verdict { get; set; }

    /// <summary>Why the piece is not enough (required with 不充分).</summary>
    public string? VerdictReason { get; set; }

    public string? VerdictByName { get; set; }

    public DateTime? VerdictAtUtc { get; set; }

    /// <summary>Concurrency token: raised by every change (rename, verdict).</summary>
    public int Version { get; set; }
}

/// <summary>
/// An earlier version of a piece of evidence, kept when the county replaced it (替换, decision 0041): the file as it was
/// and the supervisor's verdict on it, if any. The piece itself (<see cref="EvidenceFile"/>) holds the newest version; its
/// versions are removed with it. Its bytes stay in <see cref="EvidenceBlob"/> while a version names them.
/// </summary>
public class EvidenceFileVersion
{
    public int Id { get; set; }

    public int EvidenceFileId { get; set; }

    /// <summary>1 for the first upload, 2 for the first replacement's predecessor… in the order they were replaced.</summary>
    public int Number { get; set; }

    public required string Title { get; set; }

    public required string FileName { get; set; }

    public required string ContentHash { get; set; }

    public long Length { get; set; }

    public EvidenceKind Kind { get; set; }

    public required string UploadedByName { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    public EvidenceVerdict? Verdict { get; set; }

    public string? VerdictReason { get; set; }

    public string? VerdictByName { get; set; }

    public DateTime? VerdictAtUtc { get; set; }

    public required string ReplacedByName { get; set; }

    public DateTime ReplacedAtUtc { get; set; }
}

/// <summary>The content of one or more evidence files with the same bytes, addressed by its SHA-256.</summary>
public class EvidenceBlob
{
    public required string Hash { get; set; }

    public long Length { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>
/// One piece of a blob's bytes, in order: written and read a piece at a time, so that a 50 MB file never sits whole in
/// memory, on SQLite and PostgreSQL alike (decision 0016).
/// </summary>
public class EvidenceChunk
{
    public required string Hash { get; set; }

    public int Index { get; set; }

    public required byte[] Data { get; set; }
}
