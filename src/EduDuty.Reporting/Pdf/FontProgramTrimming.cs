using System.Buffers.Binary;
using System.IO.Compression;
using System.Reflection;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace EduDuty.Reporting.Pdf;

/// <summary>
/// PDFsharp 6.2.4 subsets a TrueType font's glyph outlines but keeps its full horizontal metrics (hmtx: one entry for each of
/// the original 27,000–45,000 glyphs), about 90 KB of a report. Viewers take widths from the PDF's /W array, so the metrics
/// of glyphs the subset does not contain are zeroed, after which they compress to almost nothing.
/// <para>
/// PDFsharp builds a font's subset in its font descriptor's save preparation, which <see cref="PdfDocument.Save(Stream, bool)"/>
/// calls once per descriptor (the descriptor remembers it was prepared). <see cref="EmbedTrimmed"/> calls it before the save,
/// with compression off, so the subset arrives as plain bytes: they are trimmed and deflated once, here, and the save that
/// follows writes them as they are (decision 0044). Before, the file was saved, opened again, and every font decompressed,
/// trimmed and compressed a second time.
/// </para>
/// </summary>
internal static class FontProgramTrimming
{
    /// <summary>
    /// The zlib level of the font programs and the page contents, the size/time trade-off of decision 0044: level 2 takes
    /// about a third of level 6's (<see cref="CompressionLevel.Optimal"/>) time on page contents and three quarters on fonts,
    /// for a file about 8 % larger; level 1 is a third larger again.
    /// </summary>
    public const int Level = 2;

    // PdfObject.PrepareForSave is internal in PDFsharp 6.2.4; a test fails at once if a version of PDFsharp renames it.
    private static readonly MethodInfo PrepareForSave =
        typeof(PdfObject).GetMethod("PrepareForSave", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)
        ?? throw new InvalidOperationException("PDFsharp has no PdfObject.PrepareForSave(): FontProgramTrimming needs the version 6.2.4 it was written for.");

    /// <summary>
    /// Builds every font's subset of a document that is laid out and about to be saved, trims it and deflates it once.
    /// Returns how many font programs were embedded.
    /// </summary>
    public static int EmbedTrimmed(PdfDocument document)
    {
        var descriptors = document.Internals.GetAllObjects().OfType<PdfFontDescriptor>().ToList();
        var compress = document.Options.NoCompression;
        document.Options.NoCompression = true; // PDFsharp's own (managed) deflate of the font program is skipped
        try
        {
            foreach (var descriptor in descriptors) PrepareForSave.Invoke(descriptor, null);
        }
        finally
        {
            document.Options.NoCompression = compress;
        }

        var embedded = 0;
        foreach (var descriptor in descriptors)
        {
            if (descriptor.Elements.GetReference("/FontFile2")?.Value is not PdfDictionary { Stream: { } stream } program) continue;
            if (program.Elements.ContainsKey("/Filter")) continue; // compressed already: not ours to change
            var font = stream.Value;
            ZeroUnusedMetrics(font);
            stream.Value = Deflate(font);
            program.Elements.SetName("/Filter", "/FlateDecode");
            embedded++;
        }

        return embedded;
    }

    /// <summary>zlib (RFC 1950) at <see cref="Level"/>, the form a PDF's FlateDecode reads.</summary>
    public static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var buffer = new MemoryStream(data.Length / 2);
        using (var zlib = new ZLibStream(buffer, new ZLibCompressionOptions { CompressionLevel = Level }, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// hmtx entries of glyphs whose outline is empty (loca[i] == loca[i+1]) are set to zero. Returns false for anything
    /// that is not a plain glyf-outline font, which is then left exactly as it was.
    /// </summary>
    internal static bool ZeroUnusedMetrics(byte[] font)
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
