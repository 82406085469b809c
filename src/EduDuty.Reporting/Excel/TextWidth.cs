namespace EduDuty.Reporting.Excel;

/// <summary>Column widths that fit Chinese text: Excel's width unit is one Latin digit, and a Chinese character takes two.</summary>
public static class TextWidth
{
    public static double Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        double width = 0;
        foreach (var c in text) width += c > 0x2E80 ? 2.1 : 1.1;
        return width;
    }

    /// <summary>The width of a column holding <paramref name="texts"/>, with a margin, between the bounds.</summary>
    public static double Fit(IEnumerable<string?> texts, double min, double max) =>
        Math.Clamp(texts.Select(Of).DefaultIfEmpty(0).Max() + 2, min, max);

    /// <summary>The height in points of a row whose wrapped cells hold these texts in columns of these widths.</summary>
    public static double RowHeight(params (string? Text, double Width)[] cells) =>
        15 * Math.Max(1, cells.Max(c => string.IsNullOrEmpty(c.Text) ? 1 : (int)Math.Ceiling(Of(c.Text) / Math.Max(1, c.Width - 1))));
}
