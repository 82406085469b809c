using EduDuty.Core.Surveys;

namespace EduDuty.Data.Entities;

/// <summary>
/// One version of a survey file as stored (issue 31, docs/survey-format.md): kept whole, so a round always shows and counts
/// by the questionnaire it was opened with. A version a round uses is never changed; an upload of the same code makes the next.
/// </summary>
public class SurveyDefinitionRecord
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public int Version { get; set; }

    public required string Title { get; set; }

    /// <summary>The year it is meant for (a shipped survey's, or the file's), or null for any year.</summary>
    public int? Year { get; set; }

    /// <summary>The scheme (by code) whose fields it fills, or null when it fills none.</summary>
    public string? SchemeCode { get; set; }

    /// <summary>Shipped as an example (示例): shown so, and a round opened with it says so.</summary>
    public bool IsExample { get; set; }

    /// <summary>The survey file (JSON) exactly as uploaded.</summary>
    public required string Definition { get; set; }

    /// <summary>SHA-256 of <see cref="Definition"/> (<see cref="SchemeRecord.HashOf"/>).</summary>
    public required string ContentHash { get; set; }

    /// <summary>The region whose admins uploaded it (null: shipped, or the command line's): admins of that region or above change it.</summary>
    public int? OwnerRegionId { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    public string? UploadedByName { get; set; }
}

/// <summary>
/// A survey opened for a year, a region (a province, a city or a county) and a period (issue 31): every county under the region
/// gets its public links (<see cref="SurveyLink"/>). Open from <see cref="OpensOn"/> to <see cref="ClosesOn"/> (China dates,
/// both included) unless closed early; its results fill the mapped scheme fields once it is closed (<see cref="FilledAtUtc"/>).
/// </summary>
public class SurveyRound
{
    public int Id { get; set; }

    public int DefinitionId { get; set; }

    public SurveyDefinitionRecord Definition { get; set; } = null!;

    public int Year { get; set; }

    public int RegionId { get; set; }

    public Region Region { get; set; } = null!;

    public DateOnly OpensOn { get; set; }

    public DateOnly ClosesOn { get; set; }

    /// <summary>Closed before <see cref="ClosesOn"/> by an admin (结束调查); no answer is taken after it.</summary>
    public DateTime? ClosedEarlyAtUtc { get; set; }

    /// <summary>When its results were written into the mapped scheme fields (once, after it closed); null before.</summary>
    public DateTime? FilledAtUtc { get; set; }

    /// <summary>
    /// The scheme fields its results fill, as the definition names them at opening (comma-separated codes, empty when none):
    /// read with every save of a county's figures, so it is kept here rather than parsed from the definition each time.
    /// </summary>
    public string FieldCodes { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    public string? CreatedByName { get; set; }

    /// <summary>Concurrency token: raised by every change (closing, filling, dates).</summary>
    public int Version { get; set; }
}

/// <summary>
/// A county's public door in a round: one per group's questionnaire and one for problem reports (<see cref="SurveyChannel"/>),
/// reached by a random <see cref="Token"/> (the link and the QR code). <see cref="Year"/> is the round's, copied so that one
/// unique index keeps a county in at most one round per year.
/// </summary>
public class SurveyLink
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    public SurveyRound Round { get; set; } = null!;

    public int Year { get; set; }

    public int CountyId { get; set; }

    public Region County { get; set; } = null!;

    public SurveyChannel Channel { get; set; }

    /// <summary>22 URL-safe characters from 16 random bytes: unguessable, so links cannot be walked.</summary>
    public required string Token { get; set; }

    public const int TokenLength = DoorTokens.Length;
}

/// <summary>
/// One answer sheet (issue 31): anonymous. The device and the address are kept only as hashes (the address salted per day),
/// the choices packed (<see cref="PackedAnswer"/>); a suspect sheet (<see cref="SuspectReasons"/>) is kept but not counted.
/// </summary>
public class SurveyAnswer
{
    public long Id { get; set; }

    public int RoundId { get; set; }

    public int LinkId { get; set; }

    public int CountyId { get; set; }

    public SurveyGroup Group { get; set; }

    /// <summary>SHA-256 (hex) of the device cookie's random id and the link: one sheet per device and group.</summary>
    public required string DeviceKey { get; set; }

    /// <summary>SHA-256 (hex) of the client address with the day's salt: counts per address and day, never the address.</summary>
    public required string AddressKey { get; set; }

    public DateTime SubmittedAtUtc { get; set; }

    /// <summary>Seconds from opening the questionnaire to sending it (null: no valid start stamp).</summary>
    public int? Seconds { get; set; }

    public SuspectReasons Suspect { get; set; }

    /// <summary>The choices, packed (<see cref="PackedAnswer"/>).</summary>
    public required string Choices { get; set; }

    public const int KeyLength = 64;
}

/// <summary>An open question's answer text (at most the question's <see cref="SurveyQuestion.MaxLength"/>).</summary>
public class SurveyOpenAnswer
{
    public long AnswerId { get; set; }

    public int Question { get; set; }

    public required string Text { get; set; }

    public const int MaxLength = SurveyLoader.MaxOpenLength;
}

/// <summary>
/// A running count of one (round, county, group, question, option) (<see cref="TallyKeys"/>), split over a few
/// <see cref="Shard"/>s so that answers arriving together rarely wait for one row. Written in the answer's transaction; the
/// results are sums of these rows.
/// </summary>
public class SurveyTally
{
    public int RoundId { get; set; }

    public int CountyId { get; set; }

    public SurveyGroup Group { get; set; }

    public short Question { get; set; }

    public short Option { get; set; }

    public short Shard { get; set; }

    public long Count { get; set; }

    public const int Shards = 8;
}

/// <summary>
/// A problem report (问题线索, issue 31) sent through a county's public form in a round: for the supervisors of the regions
/// above the county only. The reporter's contact details are optional and purged after <c>Survey:ContactRetentionDays</c>.
/// </summary>
public class ProblemReport
{
    public long Id { get; set; }

    public int RoundId { get; set; }

    public int CountyId { get; set; }

    public Region County { get; set; } = null!;

    /// <summary>The reference the reporter is given (问题线索编号), random so that reports cannot be counted from outside.</summary>
    public required string Reference { get; set; }

    public required string Category { get; set; }

    public required string Text { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPhone { get; set; }

    /// <summary>When the contact details were purged (null while kept or when none was given).</summary>
    public DateTime? ContactPurgedAtUtc { get; set; }

    /// <summary>SHA-256 (hex) of the client address with the day's salt (as <see cref="SurveyAnswer.AddressKey"/>).</summary>
    public required string AddressKey { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public ProblemStatus Status { get; set; }

    public DateTime? UpdatedAtUtc { get; set; }

    public string? UpdatedByName { get; set; }

    /// <summary>Concurrency token: raised by every change of state or note.</summary>
    public int Version { get; set; }

    public const int ReferenceLength = 12;
}

/// <summary>A supervisor's step on a problem report: a note, with the state it moved from and to (the same when only a note).</summary>
public class ProblemReportNote
{
    public long Id { get; set; }

    public long ReportId { get; set; }

    public DateTime AtUtc { get; set; }

    public string? ByUserId { get; set; }

    public required string ByName { get; set; }

    public ProblemStatus FromStatus { get; set; }

    public ProblemStatus ToStatus { get; set; }

    public string? Text { get; set; }
}

/// <summary>
/// The salt of one China day for the address hashes of answers and problem reports (issue 31): random, made at the day's first
/// use, and deleted once the day is over — after that nobody, the portal included, can tell whether an address sent anything.
/// </summary>
public class SurveySalt
{
    public DateOnly Day { get; set; }

    public required byte[] Salt { get; set; }
}
