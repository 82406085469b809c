using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace EduDuty.Reporting.Fonts;

/// <summary>
/// PDFsharp's font resolver, installed once per process. A face is named after its file ("eduduty:path#index"), so any
/// number of font configurations can live in one process; font bytes are read and extracted once per face.
/// </summary>
internal sealed class FileFontResolver : IFontResolver
{
    private const string Prefix = "eduduty:";
    private static readonly object Gate = new();
    private static bool _installed;

    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    public static string FamilyName(FontFile file) => Prefix + file;

    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (_installed) return;
            GlobalFontSettings.FontResolver = new FileFontResolver();
            _installed = true;
        }
    }

    // Every face is one file; a bold request (the title, Typography) is simulated on it.
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName.StartsWith(Prefix, StringComparison.Ordinal) ? new FontResolverInfo(familyName, bold, false) : null;

    public byte[]? GetFont(string faceName) => _faces.GetOrAdd(faceName, name =>
    {
        var file = FontFile.Parse(name[Prefix.Length..]);
        return TrueTypeCollection.ExtractFace(File.ReadAllBytes(file.Path), file.FaceIndex);
    });
}
