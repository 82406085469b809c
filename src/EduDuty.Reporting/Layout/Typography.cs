using EduDuty.Reporting.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace EduDuty.Reporting.Layout;

/// <summary>
/// Every measure of the page and the type, in one place (GB/T 9704-2012): A4; 天头 37 mm, 订口 28 mm; 版心 156 × 225 mm;
/// 3号 (16 pt) body in 22 lines of 28 characters; 2号 (22 pt) title; 4号 (14 pt) page numbers 7 mm below the 版心.
/// </summary>
public sealed class Typography
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;

    public static readonly double Left = Mm(28);
    public static readonly double Top = Mm(37);
    public static readonly double BodyWidth = Mm(156);
    public static readonly double BodyHeight = Mm(225);
    public static readonly double Bottom = Top + BodyHeight;

    public const double BodySize = 16;
    public const double TitleSize = 22;
    public const double PageNumberSize = 14;
    public const double TableSize = 12;
    /// <summary>A draft's notice in the 天头 (4号).</summary>
    public const double PageMarkSize = 14;
    public const int LinesPerPage = 22;
    public const int CharactersPerLine = 28;

    /// <summary>One 行: the 版心 height shared by 22 lines (≈ 29 pt).</summary>
    public static readonly double LinePitch = BodyHeight / LinesPerPage;

    /// <summary>One 字 of body text: the 版心 width shared by 28 characters (≈ 15.8 pt, a slight negative tracking of 3号).</summary>
    public static readonly double BodyAdvance = BodyWidth / CharactersPerLine;

    public static readonly double PageNumberGap = Mm(7);

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private readonly Dictionary<(FontRole, double), XFont> _fonts = [];
    private readonly FontCatalog _catalog;

    public Typography(FontCatalog catalog)
    {
        if (!catalog.IsComplete) throw new ReportFontsMissingException(catalog.Problems);
        _catalog = catalog;
        FileFontResolver.EnsureInstalled();
    }

    public XFont Font(FontRole role, double size)
    {
        if (_fonts.TryGetValue((role, size), out var font)) return font;
        font = new XFont(FileFontResolver.FamilyName(_catalog.Faces[role]), size, IsSimulatedBold(role) ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
        GlyphIndexTable.Install(font); // PDFsharp's glyph lookup by index, not by search (decision 0044)
        _fonts[(role, size)] = font;
        return font;
    }

    public XFont Body => Font(FontRole.Body, BodySize);

    /// <summary>
    /// A 公文 title is set in 小标宋, heavier than the 仿宋 body. Without a 标宋 face (方正小标宋's file is FZXBSJW) the title's
    /// 宋 face is drawn with a simulated bold (PDFsharp strokes the outlines).
    /// </summary>
    private bool IsSimulatedBold(FontRole role) =>
        role == FontRole.Title
        && !Path.GetFileName(_catalog.Faces[role].Path).Contains("XBS", StringComparison.OrdinalIgnoreCase)
        && !Path.GetFileName(_catalog.Faces[role].Path).Contains("标宋", StringComparison.Ordinal);

    public static double Mm(double millimetres) => millimetres * 72 / 25.4;
}

/// <summary>A font role has no usable file: the report cannot be made, and every message says what to do.</summary>
public sealed class ReportFontsMissingException(IReadOnlyList<string> problems)
    : Exception("无法生成 PDF：" + string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
