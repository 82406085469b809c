using System.Collections.Concurrent;
using PdfSharp.Drawing;

namespace EduDuty.Reporting.Layout;

/// <summary>
/// Advance widths per face, kept for the life of the process (decision 0044). PDFsharp 6.2.4 finds a character's glyph by a
/// linear search through the font's cmap segments on every measurement — thousands of segments in a CJK face, about a tenth
/// of a report's CPU. Each character of a face is looked up once here (through PDFsharp, so the widths are its own), as an
/// integer in font design units; a width is then computed exactly as PDFsharp's <c>FontHelper.MeasureString</c> computes it:
/// the sum of the design widths × size ÷ units per em, plus 2 % of the size per character when the face's bold is simulated.
/// The same doubles, so the same line breaks.
/// </summary>
internal static class GlyphWidths
{
    /// <summary>PDFsharp's simulated bold widens every character by this share of the size (<c>Const.BoldEmphasis</c>).</summary>
    private const double BoldEmphasis = 0.02;

    private static readonly ConcurrentDictionary<(string Family, bool Bold), ConcurrentDictionary<char, int>> Faces = new();

    /// <summary>How many faces have widths cached (tests).</summary>
    internal static int FaceCount => Faces.Count;

    /// <summary>The width of <paramref name="text"/> in <paramref name="font"/>, equal to <c>graphics.MeasureString(text, font).Width</c>.</summary>
    public static double Measure(XGraphics graphics, string text, XFont font)
    {
        if (text.Length == 0) return 0;
        var bold = IsBold(font);
        var face = Faces.GetOrAdd((font.Name2, bold), _ => new ConcurrentDictionary<char, int>());
        var units = font.Metrics.UnitsPerEm;
        var sum = 0;
        foreach (var c in text)
        {
            // A surrogate pair is one code point to PDFsharp: measured by PDFsharp itself.
            if (char.IsSurrogate(c)) return graphics.MeasureString(text, font).Width;
            if (!face.TryGetValue(c, out var width))
            {
                width = DesignWidth(graphics, c, font, bold, units);
                face.TryAdd(c, width);
            }

            sum += width;
        }

        // The order of the operations is PDFsharp's, so that the result is the same double.
        var result = sum * font.Size / units;
        if (bold) result += text.Length * font.Size * BoldEmphasis;
        return result;
    }

    /// <summary>The width of one character, equal to <c>graphics.MeasureString(c.ToString(), font).Width</c>.</summary>
    public static double Measure(XGraphics graphics, char c, XFont font)
    {
        if (char.IsSurrogate(c)) return graphics.MeasureString(c.ToString(), font).Width;
        var bold = IsBold(font);
        var units = font.Metrics.UnitsPerEm;
        var face = Faces.GetOrAdd((font.Name2, bold), _ => new ConcurrentDictionary<char, int>());
        if (!face.TryGetValue(c, out var width))
        {
            width = DesignWidth(graphics, c, font, bold, units);
            face.TryAdd(c, width);
        }

        var result = width * font.Size / units;
        if (bold) result += 1 * font.Size * BoldEmphasis;
        return result;
    }

    // Our resolver simulates every bold it is asked for (FileFontResolver): a bold XFont is a simulated bold.
    private static bool IsBold(XFont font) => (font.Style & XFontStyleEx.Bold) != 0;

    private static int DesignWidth(XGraphics graphics, char c, XFont font, bool bold, int units)
    {
        var measured = graphics.MeasureString(c.ToString(), font).Width;
        if (bold) measured -= font.Size * BoldEmphasis;
        return (int)Math.Round(measured * units / font.Size);
    }
}
