using System.Text;

namespace EduDuty.Core.Evidence;

/// <summary>
/// The name an uploaded file is shown and downloaded under. Kept for display only (content is stored by its hash): path
/// parts ("../", "C:\…\") and control characters are dropped, and an empty result becomes "未命名文件".
/// </summary>
public static class EvidenceFileName
{
    public const int MaxLength = 200;

    public static string Clean(string? name)
    {
        var last = (name ?? string.Empty).Replace('\\', '/');
        last = last[(last.LastIndexOf('/') + 1)..];
        var text = new StringBuilder(last.Length);
        foreach (var rune in last.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || rune.Value is 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069)) continue;
            text.Append(rune.ToString());
        }

        var clean = text.ToString().Trim().Trim('.').Trim();
        if (clean.Length > MaxLength)
        {
            var extension = Path.GetExtension(clean) is { Length: <= 16 } e ? e : string.Empty;
            clean = clean[..(MaxLength - extension.Length)] + extension;
        }

        return clean.Length == 0 ? "未命名文件" : clean;
    }

    /// <summary>The title an attachment takes when the county gives none: the file name without its extension.</summary>
    public static string DefaultTitle(string cleanName) =>
        Path.GetFileNameWithoutExtension(cleanName) is { Length: > 0 } stem ? stem : cleanName;
}
