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

    private static readonly ConcurrentDictionary<(string Family, bool Bold), Face> Faces = new();

    /// <summary>How many faces have widths cached (tests).</summary>
    internal static int FaceCount => Faces.Count;

    /// <summary>The widths of <paramref name="font"/>'s face (and simulated bold), shared by every size and render.</summary>
    public static Face For(XFont font)
    {
        var bold = IsBold(font);
        return Faces.GetOrAdd((font.Name2, bold), static (_, b) => new Face(b), bold);
    }

    /// <summary>The width of <paramref name="text"/> in <paramref name="font"/>, equal to <c>graphics.MeasureString(text, font).Width</c>.</summary>
    public static double Measure(XGraphics graphics, string text, XFont font) => For(font).Measure(graphics, text, font);

    /// <summary>The width of one character, equal to <c>graphics.MeasureString(c.ToString(), font).Width</c>.</summary>
    public static double Measure(XGraphics graphics, char c, XFont font) => For(font).Measure(graphics, c, font);

    // Our resolver simulates every bold it is asked for (FileFontResolver): a bold XFont is a simulated bold.
    private static bool IsBold(XFont font) => (font.Style & XFontStyleEx.Bold) != 0;

    /// <summary>
    /// One face's design widths by character, each measured through PDFsharp the first time it is asked for. Kept in an array
    /// indexed by the character (width + 1; 0: not measured yet): a lookup is one read, and two threads measuring the same
    /// character store the same number.
    /// </summary>
    internal sealed class Face(bool bold)
    {
        private readonly int[] _widths = new int[0x10000];

        /// <summary>The width of <paramref name="text"/> in <paramref name="font"/> (of this face), as PDFsharp measures it.</summary>
        public double Measure(XGraphics graphics, ReadOnlySpan<char> text, XFont font)
        {
            if (text.Length == 0) return 0;
            var units = font.Metrics.UnitsPerEm;
            var sum = 0;
            foreach (var c in text)
            {
                // A surrogate pair is one code point to PDFsharp: measured by PDFsharp itself.
                if (char.IsSurrogate(c)) return graphics.MeasureString(text.ToString(), font).Width;
                sum += DesignWidth(graphics, c, font, units);
            }

            // The order of the operations is PDFsharp's, so that the result is the same double.
            var result = sum * font.Size / units;
            if (bold) result += text.Length * font.Size * BoldEmphasis;
            return result;
        }

        /// <summary>The width of one character, equal to <c>graphics.MeasureString(c.ToString(), font).Width</c>.</summary>
        public double Measure(XGraphics graphics, char c, XFont font)
        {
            if (char.IsSurrogate(c)) return graphics.MeasureString(c.ToString(), font).Width;
            var units = font.Metrics.UnitsPerEm;
            var result = DesignWidth(graphics, c, font, units) * font.Size / units;
            if (bold) result += 1 * font.Size * BoldEmphasis;
            return result;
        }

        private int DesignWidth(XGraphics graphics, char c, XFont font, int units)
        {
            var known = _widths[c];
            if (known != 0) return known - 1;
            var measured = graphics.MeasureString(c.ToString(), font).Width;
            if (bold) measured -= font.Size * BoldEmphasis;
            var width = (int)Math.Round(measured * units / font.Size);
            _widths[c] = width + 1;
            return width;
        }
    }
}
