using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace EduDuty.Reporting.Tests;

/// <summary>
/// Issue 28, item 1 (decision 0044): the report is saved once, its font subsets trimmed and deflated as they are embedded.
/// What the reader gets is what the two-pass renderer of the base commit (74c0b61) gave: the same pages, the same page
/// contents, the same font programs (trimmed), the same ToUnicode maps and glyph widths — only the random subset tags, the
/// document ID, the dates and the compressed bytes differ.
/// </summary>
public sealed class PdfOnePassTests
{
    /// <summary>
    /// The golden report's fingerprint as the base commit 74c0b61 rendered it (saved, opened again, fonts trimmed, saved again),
    /// with Debian's fonts-arphic-uming/ukai and fonts-wqy-zenhei: the SHA-256 of each kind of decoded stream and of the
    /// /W arrays, each sorted. A change of layout changes it on purpose; then record the new one here, with the reason.
    /// </summary>
    private const string BaseCommitFingerprint =
        "pages 22; contents 22 cfcd47dc9f47e4b2; fonts 3 140e924795a179d0; tounicode 3 f0e39a49e1ae92e8; widths 3 64d0226221b9c7b2";

    [Fact]
    public void The_golden_reports_pages_contents_fonts_and_text_maps_are_the_base_commits()
    {
        var fingerprint = Fingerprint(RenderedReports.Golden.Pdf);

        Assert.True(fingerprint == BaseCommitFingerprint, $"expected {BaseCommitFingerprint}\nactual   {fingerprint}");
    }

    [Fact]
    public void Every_font_is_a_subset_deflated_once_with_the_metrics_of_absent_glyphs_zeroed()
    {
        using var document = PdfReader.Open(new MemoryStream(RenderedReports.Golden.Pdf), PdfDocumentOpenMode.Import);
        var programs = document.Internals.GetAllObjects().OfType<PdfDictionary>().Where(d => d.Elements.ContainsKey("/Length1")).ToList();

        Assert.Equal(3, programs.Count); // 仿宋/宋 body and title, 黑体 headings, 楷体
        foreach (var program in programs)
        {
            // One filter, once: the stream inflates straight to the TrueType font (0x00010000), as long as /Length1 says.
            Assert.Equal("/FlateDecode", program.Elements["/Filter"]?.ToString());
            var font = program.Stream.UnfilteredValue;
            Assert.Equal(program.Elements.GetInteger("/Length1"), font.Length);
            Assert.Equal(0x00010000u, BinaryPrimitives.ReadUInt32BigEndian(font));

            var (glyphs, withOutline, absentWithMetrics) = Glyphs(font);
            Assert.InRange(withOutline, 20, glyphs / 4); // a subset: a few hundred of the face's tens of thousands of glyphs
            Assert.Equal(0, absentWithMetrics);
        }
    }

    /// <summary>Glyphs in the font, glyphs with an outline, and glyphs without one whose hmtx entry is not zero.</summary>
    internal static (int Glyphs, int WithOutline, int AbsentWithMetrics) Glyphs(byte[] font)
    {
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4)); i++)
        {
            var record = font.AsSpan(12 + (16 * i));
            tables[Encoding.ASCII.GetString(record[..4])] = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
        }

        int glyphs = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["maxp"] + 4));
        var longOffsets = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(tables["head"] + 50)) == 1;
        int metrics = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["hhea"] + 34));
        uint Offset(int g) => longOffsets
            ? BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(tables["loca"] + (4 * g)))
            : BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["loca"] + (2 * g)));
        var hmtx = tables["hmtx"];
        var withOutline = 0;
        var absentWithMetrics = 0;
        for (var g = 1; g < glyphs; g++)
        {
            if (Offset(g) != Offset(g + 1))
            {
                withOutline++;
                continue;
            }

            var entry = g < metrics ? font.AsSpan(hmtx + (4 * g), 4) : font.AsSpan(hmtx + (4 * metrics) + (2 * (g - metrics)), 2);
            if (entry.IndexOfAnyExcept((byte)0) >= 0) absentWithMetrics++;
        }

        return (glyphs, withOutline, absentWithMetrics);
    }

    /// <summary>
    /// Pages; the decoded page contents, font programs and ToUnicode maps; the /W arrays — each kind hashed over its sorted
    /// member hashes (objects are numbered differently by one and two saves). The XMP packet (dates, document ID) is left out.
    /// </summary>
    internal static string Fingerprint(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var kinds = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string kind, byte[] bytes)
        {
            if (!kinds.TryGetValue(kind, out var list)) kinds[kind] = list = [];
            list.Add(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        foreach (var dictionary in document.Internals.GetAllObjects().OfType<PdfDictionary>())
        {
            if (dictionary.Elements.GetName("/Type") == "/Metadata") continue;
            if (dictionary.Elements["/W"] is { } widths) Add("widths", Encoding.ASCII.GetBytes(widths.ToString()!));
            if (dictionary.Stream is not { } stream) continue;
            var bytes = stream.UnfilteredValue;
            var kind = dictionary.Elements.ContainsKey("/Length1") ? "fonts"
                : bytes.AsSpan().StartsWith("/CIDInit"u8) ? "tounicode"
                : "contents";
            Add(kind, bytes);
        }

        return $"pages {document.PageCount}; " + string.Join("; ", kinds.Select(k =>
            $"{k.Key} {k.Value.Count} {Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(",", k.Value.Order(StringComparer.Ordinal)))))[..16]}"));
    }
}
