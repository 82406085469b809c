namespace EduDuty.Application.Exports;

/// <summary>
/// Names of the entries of one archive, each once: a second "名单.pdf" in a folder becomes "名单 (2).pdf", as file managers
/// name copies. Used by every ZIP the portal writes.
/// </summary>
public sealed class UniqueNames
{
    private readonly HashSet<string> _taken = new(StringComparer.OrdinalIgnoreCase);

    public string Claim(string path)
    {
        var candidate = path;
        var folder = Path.GetDirectoryName(path) is { Length: > 0 } f ? f.Replace('\\', '/') + "/" : string.Empty;
        for (var n = 2; !_taken.Add(candidate); n++)
            candidate = $"{folder}{Path.GetFileNameWithoutExtension(path)} ({n}){Path.GetExtension(path)}";
        return candidate;
    }
}
