using System.Reflection;
using System.Runtime.CompilerServices;
using PdfSharp.Drawing;

namespace EduDuty.Reporting.Fonts;

/// <summary>
/// PDFsharp 6.2.4 finds the glyph of every character it draws (<c>OpenTypeDescriptor.BmpCodepointToGlyphIndex</c>, once per
/// character of every <c>DrawString</c>) by a linear search through the face's cmap format 4 segments: thousands in a CJK face,
/// about a seventh of a report's CPU (decision 0044). Once per face and process, <see cref="Install"/> replaces the face's
/// parsed format 4 subtable by an equivalent one of a single segment, 0–FFFF, whose glyph array holds the glyph of every BMP
/// character as PDFsharp's own search finds it: the same formula then answers with the same glyph index at the first segment.
/// Only the parsed copy PDFsharp searches is replaced — a Type0 font's subset has no cmap, and the font file is not touched.
/// The replacement is built aside and published with one reference write, so a render on another thread sees the old table
/// or the new one, either giving the same glyphs. A face whose subtable is not well formed (segments out of order, a glyph
/// array index out of range) is left as it is.
/// </summary>
internal static class GlyphIndexTable
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    // The internals of PDFsharp 6.2.4 this reaches; a renamed one fails the type's initialisation at once (and the tests).
    private static readonly PropertyInfo Descriptor = Member(typeof(XFont).GetProperty("OpenTypeDescriptor", Instance), "XFont.OpenTypeDescriptor");
    private static readonly FieldInfo Face = Member(Descriptor.PropertyType.GetField("FontFace", Instance), "OpenTypeDescriptor.FontFace");
    private static readonly FieldInfo Cmap = Member(Face.FieldType.GetField("cmap", Instance), "OpenTypeFontFace.cmap");
    private static readonly FieldInfo Cmap4 = Member(Cmap.FieldType.GetField("cmap4", Instance), "CMapTable.cmap4");
    private static readonly FieldInfo SegCountX2 = Field("segCountX2");
    private static readonly FieldInfo EndCount = Field("endCount");
    private static readonly FieldInfo StartCount = Field("startCount");
    private static readonly FieldInfo IdDelta = Field("idDelta");
    private static readonly FieldInfo IdRangeOffs = Field("idRangeOffs");
    private static readonly FieldInfo GlyphIdArray = Field("glyphIdArray");
    private static readonly FieldInfo GlyphCount = Field("glyphCount");
    private static readonly MethodInfo Clone = typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!;

    // The faces seen (installed or left as they were), for the life of PDFsharp's face cache.
    private static readonly ConditionalWeakTable<object, object> Seen = [];

    /// <summary>Makes the glyph lookup of <paramref name="font"/>'s face a single segment, once per face. Returns whether it is.</summary>
    public static bool Install(XFont font)
    {
        var face = Face.GetValue(Descriptor.GetValue(font));
        if (face is null) return false;
        if (Seen.TryGetValue(face, out var done)) return (bool)done;
        lock (Seen)
        {
            if (Seen.TryGetValue(face, out done)) return (bool)done;
            var installed = false;
            if (Cmap.GetValue(face) is { } cmap && Cmap4.GetValue(cmap) is { } table && Flatten(table) is { } glyphs)
            {
                var flat = Clone.Invoke(table, null)!;
                SegCountX2.SetValue(flat, (ushort)2);
                EndCount.SetValue(flat, new ushort[] { 0xFFFF });
                StartCount.SetValue(flat, new ushort[] { 0 });
                IdDelta.SetValue(flat, new short[] { 0 });
                // idRangeOffset / 2 + (c − start) − (segments − i) = 1 + c − 1 = c: the glyph array is indexed by the character.
                IdRangeOffs.SetValue(flat, new ushort[] { 2 });
                GlyphIdArray.SetValue(flat, glyphs);
                GlyphCount.SetValue(flat, glyphs.Length);
                Cmap4.SetValue(cmap, flat);
                installed = true;
            }

            Seen.Add(face, installed);
            return installed;
        }
    }

    /// <summary>
    /// The glyph of every BMP character by PDFsharp's search (the first segment whose end is not below it), or null when the
    /// subtable is not well formed.
    /// </summary>
    internal static ushort[]? Flatten(object table)
    {
        var segments = (ushort)SegCountX2.GetValue(table)! / 2;
        var end = (ushort[])EndCount.GetValue(table)!;
        var start = (ushort[])StartCount.GetValue(table)!;
        var delta = (short[])IdDelta.GetValue(table)!;
        var range = (ushort[])IdRangeOffs.GetValue(table)!;
        var ids = (ushort[])GlyphIdArray.GetValue(table)!;
        if (end.Length < segments || start.Length < segments || delta.Length < segments || range.Length < segments) return null;
        for (var s = 1; s < segments; s++)
        {
            if (end[s] < end[s - 1]) return null; // a search that is not a walk: left to PDFsharp
        }

        var glyphs = new ushort[0x10000];
        var i = 0;
        for (var c = 0; c <= 0xFFFF; c++)
        {
            while (i < segments && c > end[i]) i++;
            if (i == segments) break; // past the last segment: no glyph (0)
            if (c < start[i]) continue;
            if (range[i] == 0)
            {
                glyphs[c] = (ushort)((c + delta[i]) & 0xFFFF);
                continue;
            }

            var index = (range[i] / 2) + (c - start[i]) - (segments - i);
            if (index < 0 || index >= ids.Length) return null; // PDFsharp would throw for this character: left to it
            var id = ids[index];
            glyphs[c] = id == 0 ? (ushort)0 : (ushort)((id + delta[i]) & 0xFFFF);
        }

        return glyphs;
    }

    private static FieldInfo Field(string name) => Member(Cmap4.FieldType.GetField(name, Instance), "CMap4." + name);

    private static T Member<T>(T? member, string name) where T : MemberInfo =>
        member ?? throw new InvalidOperationException($"PDFsharp has no {name}: GlyphIndexTable needs the version 6.2.4 it was written for.");
}
