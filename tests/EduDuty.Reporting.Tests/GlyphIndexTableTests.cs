using System.Buffers.Binary;
using System.Reflection;
using EduDuty.Reporting.Fonts;
using EduDuty.Reporting.Layout;
using PdfSharp.Drawing;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// Issue 28, item 1 (decision 0044): with the glyph lookup of every face made one segment (<see cref="GlyphIndexTable"/>),
/// PDFsharp still finds for every BMP character the glyph the font file's own cmap gives — read here from the file's bytes
/// as the OpenType specification says (format 4: the first segment whose end is not below the character).
/// </summary>
public sealed class GlyphIndexTableTests
{
    private static readonly MethodInfo Lookup = Type.GetType("PdfSharp.Fonts.OpenType.OpenTypeDescriptor, PdfSharp")!
        .GetMethod("BmpCodepointToGlyphIndex", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!;

    private static readonly PropertyInfo Descriptor = typeof(XFont).GetProperty("OpenTypeDescriptor", BindingFlags.Instance | BindingFlags.NonPublic)!;

    [Fact]
    public void Every_bmp_character_of_every_face_has_the_glyph_the_font_files_cmap_gives()
    {
        var fonts = RenderedReports.Renderer().Fonts;
        var type = new Typography(fonts);
        var wrong = new List<string>();
        foreach (var role in Enum.GetValues<FontRole>())
        {
            var font = type.Font(role, Typography.BodySize); // installs the table, as every render does
            Assert.True(GlyphIndexTable.Install(font), $"{role}: the face's lookup was left as a search");
            var file = fonts.Faces[role];
            var expected = CmapFormat4(TrueTypeCollection.ExtractFace(File.ReadAllBytes(file.Path), file.FaceIndex));
            var descriptor = Descriptor.GetValue(font)!;
            var mapped = 0;
            for (var c = 0; c < 0xFFFF; c++)
            {
                var glyph = (ushort)Lookup.Invoke(descriptor, [(char)c])!;
                if (glyph != expected(c)) wrong.Add($"{role} U+{c:X4}: {glyph} ≠ {expected(c)}");
                if (glyph != 0) mapped++;
            }

            Assert.True(mapped > 6000, $"{role}: only {mapped} characters have a glyph"); // CJK faces: tens of thousands
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Take(20)));
    }

    [Fact]
    public void A_subtable_out_of_order_is_left_to_pdfsharp()
    {
        var font = new Typography(RenderedReports.Renderer().Fonts).Body;
        GlyphIndexTable.Install(font);
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        var table = typeof(XFont).Assembly.GetType("PdfSharp.Fonts.OpenType.CMap4")!;
        var face = Descriptor.PropertyType.GetField("FontFace", all)!.GetValue(Descriptor.GetValue(font))!;
        var cmap = face.GetType().GetField("cmap", all)!.GetValue(face)!;
        var flat = cmap.GetType().GetField("cmap4", all)!.GetValue(cmap)!;
        Assert.Equal(table, flat.GetType());
        Assert.Equal((ushort)2, table.GetField("segCountX2")!.GetValue(flat)); // one segment: installed

        // A copy whose segments are not in order is not flattened.
        var copy = typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!.Invoke(flat, null)!;
        table.GetField("segCountX2")!.SetValue(copy, (ushort)4);
        table.GetField("endCount")!.SetValue(copy, new ushort[] { 0xFFFF, 0x00FF });
        table.GetField("startCount")!.SetValue(copy, new ushort[] { 0x0100, 0 });
        table.GetField("idDelta")!.SetValue(copy, new short[] { 0, 0 });
        table.GetField("idRangeOffs")!.SetValue(copy, new ushort[] { 0, 0 });
        Assert.Null(GlyphIndexTable.Flatten(copy));
    }

    /// <summary>The (3,0), (3,1) or (3,10) format 4 subtable PDFsharp reads (the last of them), as a lookup on the file's bytes.</summary>
    private static Func<int, ushort> CmapFormat4(byte[] font)
    {
        ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(at));
        var cmap = -1;
        for (var i = 0; i < U16(4); i++)
        {
            var record = 12 + (16 * i);
            if (System.Text.Encoding.ASCII.GetString(font, record, 4) == "cmap") cmap = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8));
        }

        Assert.True(cmap > 0);
        var subtable = -1;
        for (var i = 0; i < U16(cmap + 2); i++)
        {
            var record = cmap + 4 + (8 * i);
            var offset = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 4));
            if (U16(record) == 3 && U16(record + 2) is 0 or 1 or 10 && U16(offset) == 4) subtable = offset;
        }

        Assert.True(subtable > 0);
        var segments = U16(subtable + 6) / 2;
        var ends = subtable + 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var ranges = deltas + (2 * segments);
        // Every character by the spec's lookup; the segments' ends are in order (a valid font), so one walk finds for each
        // character the first segment whose end is not below it.
        var glyphs = new ushort[0x10000];
        for (int c = 0, s = 0; c <= 0xFFFF; c++)
        {
            if (s > 0) Assert.True(U16(ends + (2 * s)) >= U16(ends + (2 * (s - 1))));
            while (s < segments && U16(ends + (2 * s)) < c) s++;
            if (s == segments) break;
            var start = U16(starts + (2 * s));
            if (c < start) continue;
            var delta = (short)U16(deltas + (2 * s));
            var range = U16(ranges + (2 * s));
            if (range == 0)
            {
                glyphs[c] = (ushort)((c + delta) & 0xFFFF);
                continue;
            }

            // The spec's address arithmetic: from the idRangeOffset entry itself.
            var glyph = U16(ranges + (2 * s) + range + (2 * (c - start)));
            glyphs[c] = glyph == 0 ? (ushort)0 : (ushort)((glyph + delta) & 0xFFFF);
        }

        return c => glyphs[c];
    }
}
