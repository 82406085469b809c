using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EduDuty.Reporting.Excel;

/// <summary>
/// The style sheet behind <see cref="CellStyle"/>: one cell format per style, in the enum's order, so that a style's number
/// is its index. Colours follow Excel's own conventions (yellow input cells, the "Bad" red) so that officials read them at once.
/// </summary>
internal static class WorkbookStyles
{
    private const string BodyFont = "宋体";

    /// <summary>How many styles <see cref="CellStyle"/> names; their quotePrefix twins follow at this offset.</summary>
    public static readonly uint Count = (uint)Enum.GetValues<CellStyle>().Length;

    /// <summary>The style index of <paramref name="style"/> with quotePrefix set.</summary>
    public static uint QuotePrefixed(CellStyle style) => (uint)style + Count;

    public static Stylesheet Build()
    {
        var fonts = new DocumentFormat.OpenXml.Spreadsheet.Fonts(
            Font(11, bold: false, color: null),
            Font(11, bold: true, color: null),
            Font(14, bold: true, color: null),
            Font(9, bold: false, color: "FF595959"),
            Font(11, bold: false, color: "FF9C0006"));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("FFFFF2CC"), // input
            Solid("FFEDF2F7"), // computed
            Solid("FFFFC7CE"), // failing
            Solid("FFD9D9D9"), // unfilled
            Solid("FFDDEBF7")); // header
        var borders = new Borders(
            new Border(),
            new Border(Side<LeftBorder>(), Side<RightBorder>(), Side<TopBorder>(), Side<BottomBorder>(), new DiagonalBorder()));

        var formats = new CellFormats(
            Format(font: 0, fill: 0, border: 0),                                   // Default
            Format(font: 2, fill: 0, border: 0),                                   // Title
            Format(font: 1, fill: 6, border: 1, wrap: true, center: true),         // Header
            Format(font: 1, fill: 0, border: 0),                                   // Label
            Format(font: 0, fill: 0, border: 1, wrap: true),                       // Wrapped
            Format(font: 3, fill: 0, border: 1),                                   // Code
            Format(font: 3, fill: 0, border: 0, wrap: true),                       // Note
            Format(font: 3, fill: 0, border: 0),                                   // Subtitle
            Format(font: 0, fill: 2, border: 1, locked: false),                    // Input
            Format(font: 0, fill: 2, border: 1, wrap: true, locked: false),        // InputText
            Format(font: 0, fill: 3, border: 1),                                   // Computed
            Format(font: 4, fill: 4, border: 1),                                   // Failing
            Format(font: 0, fill: 5, border: 1));                                  // Unfilled

        // Each style again with quotePrefix, in the same order: a text that begins like a formula stays text when edited.
        foreach (var format in formats.Elements<CellFormat>().ToList())
        {
            var prefixed = (CellFormat)format.CloneNode(true);
            prefixed.QuotePrefix = true;
            formats.Append(prefixed);
        }

        formats.Count = (uint)formats.ChildElements.Count;
        return new Stylesheet(fonts, fills, borders, formats);
    }

    private static Font Font(double size, bool bold, string? color)
    {
        var font = new Font();
        if (bold) font.Append(new Bold());
        font.Append(new FontSize { Val = size });
        if (color is not null) font.Append(new Color { Rgb = color });
        font.Append(new FontName { Val = BodyFont });
        font.Append(new FontFamilyNumbering { Val = 2 });
        font.Append(new FontCharSet { Val = 134 }); // GB2312: tells Excel the font is Chinese
        return font;
    }

    private static Fill Solid(string rgb) =>
        new(new PatternFill(new ForegroundColor { Rgb = rgb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    private static T Side<T>() where T : BorderPropertiesType, new() =>
        new() { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFBFBFBF" } };

    private static CellFormat Format(uint font, uint fill, uint border, bool wrap = false, bool center = false, bool locked = true)
    {
        var format = new CellFormat
        {
            FontId = font, FillId = fill, BorderId = border, NumberFormatId = 0,
            ApplyFont = font != 0, ApplyFill = fill != 0, ApplyBorder = border != 0,
            ApplyAlignment = true,
            Alignment = new Alignment
            {
                WrapText = wrap,
                Vertical = center ? VerticalAlignmentValues.Center : VerticalAlignmentValues.Top,
                Horizontal = center ? HorizontalAlignmentValues.Center : null,
            },
        };
        if (!locked)
        {
            format.ApplyProtection = true;
            format.Protection = new Protection { Locked = false };
        }

        return format;
    }
}
