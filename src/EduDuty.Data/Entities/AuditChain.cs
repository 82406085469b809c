using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EduDuty.Data.Entities;

/// <summary>
/// The head of a hash chain over audit entries: how far it has come and the hash of its last link. Every new audit entry
/// is linked to the one before it in its chain (SHA-256 over the previous hash and the entry's canonical content), so that
/// changing, removing or inserting an entry afterwards breaks the chain at that place (<c>eduduty audit verify</c>).
/// Each evaluation has its own chain (<see cref="Of"/>), so saves to different evaluations never wait for one another;
/// administration keeps one chain; all heads are anchored periodically in <see cref="AuditAnchor"/>s (decision 0045).
/// </summary>
public class AuditChain
{
    /// <summary>The one province-wide chain of evaluation entries written before decision 0045: closed, verified as it stands.</summary>
    public const string Evaluations = "audit";

    public const string Administration = "admin";

    /// <summary>The chain of the anchors themselves (<see cref="AuditAnchor"/>).</summary>
    public const string Anchors = "anchor";

    /// <summary>What an evaluation's own chain is called: <c>eval/12</c> (16 characters hold ids up to 11 digits).</summary>
    public const string EvaluationPrefix = "eval/";

    public static string Of(int evaluationId) => EvaluationPrefix + evaluationId.ToString(CultureInfo.InvariantCulture);

    public required string Name { get; set; }

    public long LastIndex { get; set; }

    public string? LastHash { get; set; }

    /// <summary>The <see cref="LastIndex"/> the latest anchor took in: a head beyond it has moved since and goes into the next anchor.</summary>
    public long AnchoredIndex { get; set; }

    /// <summary>The hash of a link: SHA-256 (hex) of the previous link's hash, a line break, and the canonical content.</summary>
    public static string Link(string? previousHash, string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((previousHash ?? string.Empty) + "\n" + canonical)));

    /// <summary>The canonical form of an entry's content: a JSON array, every value as text, times in UTC to the microsecond.</summary>
    public static string Canonical(params object?[] values) => JsonSerializer.Serialize(values.Select(v => v switch
    {
        null => null,
        DateTime t => Microseconds(t).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    }));

    /// <summary>PostgreSQL keeps microseconds: an entry's time is cut to them before it is hashed and stored.</summary>
    public static DateTime Microseconds(DateTime utc) => new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}

/// <summary>An audit row that takes part in a hash chain.</summary>
public interface IChainedEntry
{
    /// <summary>Which chain: an evaluation's own (<see cref="AuditChain.Of"/>), the closed <see cref="AuditChain.Evaluations"/>, or <see cref="AuditChain.Administration"/>.</summary>
    string ChainName { get; }

    /// <summary>Its position in the chain, 1, 2, 3…; null for entries written before the chain existed.</summary>
    long? ChainIndex { get; set; }

    string? Hash { get; set; }

    /// <summary>Cuts the time to what the database keeps, so that the hash computed now is the hash recomputed later.</summary>
    void NormalizeTime();

    string Canonical();
}
