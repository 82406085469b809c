using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EduDuty.Core.Reports;

namespace EduDuty.Application.Reports.Editions;

/// <summary>
/// Everything an edition's report was made of (decision 0030): stored as canonical JSON beside the rendered files, so that
/// what was submitted or approved can be read and compared later without the live tables.
/// </summary>
public sealed record EditionSnapshot(
    string County,
    int Year,
    EditionScheme Scheme,
    string Software,
    IReadOnlyList<EditionFigure> Figures,
    IReadOnlyList<EditionText> Texts,
    IReadOnlyList<EditionEvidence> Evidence,
    string? Opinion = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EditionSnapshot FromJson(string json) => JsonSerializer.Deserialize<EditionSnapshot>(json, Json)!;

    /// <summary>Lower-case hex SHA-256: the one way an edition's hashes are written.</summary>
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static string Sha256(string text) => Sha256(Encoding.UTF8.GetBytes(text));

    internal static string ReadingJson(IReadOnlyList<ReadingBlock> blocks) => JsonSerializer.Serialize(blocks, Json);

    public static IReadOnlyList<ReadingBlock> Reading(string json) => JsonSerializer.Deserialize<List<ReadingBlock>>(json, Json)!;
}

/// <summary>The scheme the evaluation was judged by: code, version and the SHA-256 of its file.</summary>
public sealed record EditionScheme(string Code, int Version, string Hash);

/// <summary>One entered figure as stored: its value written as the form shows it, its version, who entered it.</summary>
public sealed record EditionFigure(string Code, string? Value, int Version, string? By);

/// <summary>One text of the report: an area's 工作情况 (key: the area) or a report setting (key: 报告.xxx).</summary>
public sealed record EditionText(string Key, string Text);

/// <summary>One evidence file: where it is attached, its title, file name, size and SHA-256.</summary>
public sealed record EditionEvidence(string Target, string Title, string FileName, long Length, string Sha256);
