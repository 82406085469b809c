namespace EduDuty.Reporting.Tests;

/// <summary>
/// The page of GB/T 9704—2012 (党政机关公文格式) in its own units, millimetres and 号, converted here so that the PDF tests hold
/// the renderer to the standard rather than to its own layout constants (Reporting.Layout.Typography):
/// <list type="bullet">
/// <item>5.1 A4, 210 mm × 297 mm.</item>
/// <item>5.2.1 天头 (top margin) 37 mm ± 1 mm, 订口 (left margin) 28 mm ± 1 mm, 版心 (type area) 156 mm × 225 mm.</item>
/// <item>5.2.2 elements in 3号仿宋 unless said otherwise; 7.3.1 the title in 2号小标宋.</item>
/// <item>5.2.3 22 lines a page, 28 characters a line, filling the 版心.</item>
/// <item>7.5 page numbers in 4号 半角 Arabic digits below the 版心, a 一字线 (—) either side, the 一字线 7 mm below the 版心's
/// lower edge; odd pages at the right, even pages at the left, one 字 in.</item>
/// </list>
/// 号 to points is the printing trade's table: 2号 22 pt, 3号 16 pt, 4号 14 pt.
/// </summary>
public static class Gb9704
{
    public const double PageWidthMm = 210;
    public const double PageHeightMm = 297;
    public const double TopMarginMm = 37;
    public const double LeftMarginMm = 28;
    public const double MarginToleranceMm = 1;
    public const double TypeAreaWidthMm = 156;
    public const double TypeAreaHeightMm = 225;
    public const int LinesPerPage = 22;
    public const int CharactersPerLine = 28;
    public const double PageNumberGapMm = 7;

    public const double Size2 = 22;
    public const double Size3 = 16;
    public const double Size4 = 14;

    public static double Points(double millimetres) => millimetres / 25.4 * 72;

    public static readonly double PageHeight = Points(PageHeightMm);

    /// <summary>The 版心's edges in PDF points, x from the left and y from the top of the page.</summary>
    public static readonly double Left = Points(LeftMarginMm);
    public static readonly double Right = Points(LeftMarginMm + TypeAreaWidthMm);
    public static readonly double Top = Points(TopMarginMm);
    public static readonly double Bottom = Points(TopMarginMm + TypeAreaHeightMm);
    public static readonly double TypeAreaWidth = Points(TypeAreaWidthMm);
    public static readonly double Tolerance = Points(MarginToleranceMm);

    /// <summary>One 行: 22 of them fill the 版心's height.</summary>
    public static readonly double LinePitch = Points(TypeAreaHeightMm) / LinesPerPage;

    /// <summary>One 字 of body text: 28 of them fill the 版心's width.</summary>
    public static readonly double Character = Points(TypeAreaWidthMm) / CharactersPerLine;
}
