using System.Buffers.Binary;
using System.IO.Compression;
using PdfSharp.Pdf;

namespace EduDuty.Reporting.Pdf;

/// <summary>
/// PDFsharp 6.2.4 subsets a TrueType font's glyph outlines but keeps its full horizontal metrics (hmtx: one entry for each of
/// the original 27,000–45,000 glyphs), about 90 KB of a report. Viewers take widths from the PDF's /W array, so the metrics
/// of glyphs the subset does not contain are zeroed here, after which they compress to almost nothing. The fonts are
/// rewritten in the saved file, because PDFsharp builds the subsets while saving.
/// </summary>
internal static class FontProgramTrimming
{
    /// <summary>Trims the fonts of a saved document opened again with <see cref="PdfDocumentOpenMode.Modify"/>.</summary>
    public static void Apply(PdfDocument document)
    {
        foreach (var dictionary in document.Internals.GetAllObjects().OfType<PdfDictionary>())
        {
            if (dictionary.Stream is not { } stream || !dictionary.Elements.ContainsKey("/Length1")) continue;
            var font = stream.UnfilteredValue;
            if (!ZeroUnusedMetrics(font)) continue;

            using var buffer = new MemoryStream();
            using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(font);
            }

            stream.Value = buffer.ToArray();
            dictionary.Elements.SetName("/Filter", "/FlateDecode");
            dictionary.Elements.Remove("/DecodeParms");
        }
    }

    // hmtx entries of glyphs whose outline is empty (loca[i] == loca[i+1]) are set to zero. Returns false for anything
    // that is not a plain glyf-outline font, which is then left exactly as it was.
    private static bool ZeroUnusedMetrics(byte[] font)
    {
        if (font.Length < 12) return false;
        var tables = new Dictionary<string, (int Offset, int Length)>(StringComparer.Ordinal);
        int count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + (16 * i));
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            tables[tag] = ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }

        if (!tables.TryGetValue("head", out var head) || !tables.TryGetValue("maxp", out var maxp) || !tables.TryGetValue("hhea", out var hhea)
            || !tables.TryGetValue("loca", out var loca) || !tables.TryGetValue("hmtx", out var hmtx))
        {
            return false;
        }

        var glyphs = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(maxp.Offset + 4));
        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(head.Offset + 50)) == 1;
        var metrics = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(hhea.Offset + 34));
        if (loca.Length < (glyphs + 1) * (longOffsets ? 4 : 2) || hmtx.Length < (metrics * 4) + ((glyphs - metrics) * 2)) return false;

        uint Offset(int glyph) => longOffsets
            ? BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca.Offset + (4 * glyph)))
            : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(loca.Offset + (2 * glyph)));

        for (var glyph = 1; glyph < glyphs; glyph++) // glyph 0 (.notdef) keeps its metrics
        {
            if (Offset(glyph) != Offset(glyph + 1)) continue;
            if (glyph < metrics) font.AsSpan(hmtx.Offset + (4 * glyph), 4).Clear();
            else font.AsSpan(hmtx.Offset + (4 * metrics) + (2 * (glyph - metrics)), 2).Clear();
        }

        return true;
    }
}
