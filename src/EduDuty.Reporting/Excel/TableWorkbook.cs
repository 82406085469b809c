namespace EduDuty.Reporting.Excel;

/// <summary>A column of a plain table: its heading and width in characters (wide ones wrap).</summary>
public sealed record TableColumn(string Header, double Width);

/// <summary>
/// A list as a one-sheet workbook — the audit trails beside their CSV: headings frozen with filters, long texts wrapped, dates
/// as the CSV writes them. Rows are written as they come.
/// </summary>
public static class TableWorkbook
{
    private const double WrapFrom = 30;

    /// <exception cref="OperationCanceledException"><paramref name="progress"/>'s token was cancelled: stopped between two rows.</exception>
    public static byte[] Write(string sheet, IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string?>> rows, RenderProgress? progress = null)
    {
        using var workbook = new StreamedWorkbook(progress);
        var writer = Start(workbook, sheet, columns);
        foreach (var row in rows) Add(writer, columns, row);
        return workbook.ToArray();
    }

    private static SheetWriter Start(StreamedWorkbook workbook, string sheet, IReadOnlyList<TableColumn> columns)
    {
        var writer = workbook.AddSheet(new SheetSpec(sheet, columns.Select(c => c.Width).ToList())
        {
            FrozenRows = 1, FilterRow = 1, PrintTitleRows = 1, Landscape = true,
        });
        writer.Row(columns.Select(c => XlCell.Text(c.Header, CellStyle.Header)).ToList());
        return writer;
    }

    private static void Add(SheetWriter writer, IReadOnlyList<TableColumn> columns, IReadOnlyList<string?> row)
    {
        var wrapped = row.Select((text, i) => (text, columns[i].Width)).Where(c => c.Width >= WrapFrom).ToArray();
        writer.Row(row.Select((text, i) => XlCell.Text(text, columns[i].Width >= WrapFrom ? CellStyle.Wrapped : CellStyle.Default)).ToList(),
            wrapped.Length > 0 ? TextWidth.RowHeight(wrapped) : null);
    }
}
