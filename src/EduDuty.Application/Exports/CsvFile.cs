using System.Data;
using System.Text;
using Sylvan.Data.Csv;

namespace EduDuty.Application.Exports;

/// <summary>
/// A CSV download: RFC 4180 through Sylvan.Data.Csv, UTF-8 with a byte-order mark so that Excel opens the Chinese correctly,
/// CRLF line ends, every cell that a spreadsheet would read as a formula prefixed with an apostrophe (CSV injection), and
/// controls or direction marks stored before the input rule held replaced (<see cref="Core.Text.PlainText.ForExport"/>).
/// </summary>
public static class CsvFile
{
    public static byte[] Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var table = new DataTable();
        foreach (var header in headers) table.Columns.Add(header, typeof(string));
        foreach (var row in rows) table.Rows.Add(row.Select(Defuse).ToArray<object?>());

        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = CsvDataWriter.Create(text, new CsvDataWriterOptions { NewLine = "\r\n", Delimiter = ',', Quote = '"', Escape = '"' }))
        using (var reader = table.CreateDataReader())
        {
            csv.Write(reader);
        }

        return buffer.ToArray();
    }

    // Characters the input rule refuses (in rows stored before it held) are replaced, then a formula-like cell is prefixed.
    private static string Defuse(string? value)
    {
        var text = Core.Text.PlainText.ForExport(value ?? string.Empty);
        return Core.Text.PlainText.StartsLikeFormula(text) ? "'" + text : text;
    }
}
