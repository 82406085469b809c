namespace EduDuty.Reporting.Excel;

/// <summary>A1 references: column letters from 1-based numbers and back.</summary>
public static class CellReference
{
    public static string Column(int column)
    {
        var letters = string.Empty;
        for (var n = column; n > 0; n = (n - 1) / 26) letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }

    public static string Of(int column, int row) => $"{Column(column)}{row}";

    /// <summary>The 1-based column and row of "AB12"; null for anything else.</summary>
    public static (int Column, int Row)? Parse(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        int i = 0, column = 0;
        for (; i < reference.Length && char.IsAsciiLetterUpper(reference[i]); i++) column = column * 26 + reference[i] - 'A' + 1;
        if (i == 0 || i == reference.Length || column > 16_384) return null;
        return int.TryParse(reference.AsSpan(i), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var row) && row > 0
            ? (column, row)
            : null;
    }

    /// <summary>How a problem names a cell to an official: "（十）学前教育普及普惠发展情况!E7".</summary>
    public static string Located(string sheet, string cell) => $"{sheet}!{cell}";
}
