using System.Globalization;
using System.Text;

namespace EduDuty.Core.Evidence;

/// <summary>
/// The name an uploaded file is shown and downloaded under. Kept for display only (content is stored by its hash): path
/// parts ("../", "C:\…\"), control, format and bidirectional characters (U+202E would show "exe.pdf" for "fdp.exe") are
/// dropped, characters Windows refuses in a name become "_", a reserved device name (CON, NUL, COM1 …) gets a "_" in front,
/// and an empty result becomes "未命名文件". Chinese and every other letter stay as they are.
/// </summary>
public static class EvidenceFileName
{
    public const int MaxLength = 200;

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    public static string Clean(string? name)
    {
        var last = (name ?? string.Empty).Replace('\\', '/');
        last = last[(last.LastIndexOf('/') + 1)..];
        var text = new StringBuilder(last.Length);
        foreach (var rune in last.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || IsInvisible(rune)) continue;
            text.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        // Windows drops trailing dots and blanks; a leading dot hides a file.
        var clean = text.ToString().Trim().Trim('.', ' ');
        if (clean.Length > MaxLength)
        {
            var extension = Path.GetExtension(clean) is { Length: <= 16 } e ? e : string.Empty;
            clean = clean[..(MaxLength - extension.Length)] + extension;
        }

        // Windows opens a device, not a file, for CON or "nul.pdf"; whatever follows the first dot does not matter.
        var stem = clean.Split('.')[0].TrimEnd();
        if (ReservedNames.Contains(stem)) clean = "_" + clean;
        return clean.Length == 0 ? "未命名文件" : clean;
    }

    /// <summary>
    /// The name a download carries: the stored name, cleaned again, with the extension of what the content is when the name's
    /// does not fit (a PDF stored before issue 24 as 整改通知.exe downloads as 整改通知.pdf).
    /// </summary>
    public static string ForDownload(string storedName, EvidenceKind kind)
    {
        var clean = Clean(storedName);
        var extensions = kind.Extensions();
        if (extensions.Contains(Path.GetExtension(clean), StringComparer.OrdinalIgnoreCase)) return clean;
        var stem = Path.GetFileNameWithoutExtension(clean);
        return (stem.Length == 0 ? "未命名文件" : stem) + extensions[0];
    }

    /// <summary>The title an attachment takes when the county gives none: the file name without its extension.</summary>
    public static string DefaultTitle(string cleanName) =>
        Path.GetFileNameWithoutExtension(cleanName) is { Length: > 0 } stem ? stem : cleanName;

    // Format characters (zero-width, bidi embeddings and isolates, the BOM), line and paragraph separators.
    private static bool IsInvisible(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || rune.Value is 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
