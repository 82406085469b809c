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

    /// <summary>
    /// The same file written to <paramref name="output"/> as <paramref name="rows"/> come (issue 29: a province's county summaries):
    /// Sylvan reads the rows through a forward-only reader and writes them through its bounded buffer, so nothing but the
    /// current row is held; the same defusing and format as <see cref="Write"/>.
    /// </summary>
    public static async Task WriteAsync(Stream output, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await using (var csv = CsvDataWriter.Create(text, new CsvDataWriterOptions { NewLine = "\r\n", Delimiter = ',', Quote = '"', Escape = '"' }))
        await using (var reader = new RowsReader(headers, rows, cancellationToken))
        {
            await csv.WriteAsync(reader, cancellationToken);
        }

        await text.FlushAsync(cancellationToken);
    }

    // Characters the input rule refuses (in rows stored before it held) are replaced, then a formula-like cell is prefixed.
    private static string Defuse(string? value)
    {
        var text = Core.Text.PlainText.ForExport(value ?? string.Empty);
        return Core.Text.PlainText.StartsLikeFormula(text) ? "'" + text : text;
    }

    // A forward-only reader of string rows as they come, for Sylvan's writer: every value defused on the way.
    private sealed class RowsReader(IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken) : System.Data.Common.DbDataReader, System.Data.Common.IDbColumnSchemaGenerator
    {
        private readonly IAsyncEnumerator<IReadOnlyList<string?>> rows = rows.GetAsyncEnumerator(cancellationToken);
        private string[] current = [];

        public override int FieldCount => headers.Count;

        public System.Collections.ObjectModel.ReadOnlyCollection<System.Data.Common.DbColumn> GetColumnSchema() =>
            headers.Select((h, i) => (System.Data.Common.DbColumn)new TextColumn(h, i)).ToList().AsReadOnly();

        public override object this[int ordinal] => GetString(ordinal);

        public override object this[string name] => GetString(GetOrdinal(name));

        public override int RecordsAffected => -1;

        public override bool HasRows => true;

        public override bool IsClosed => false;

        public override int Depth => 0;

        public override async Task<bool> ReadAsync(CancellationToken token)
        {
            if (!await rows.MoveNextAsync()) return false;
            var row = rows.Current;
            current = new string[headers.Count];
            for (var i = 0; i < current.Length; i++) current[i] = Defuse(i < row.Count ? row[i] : null);
            return true;
        }

        public override bool Read() => throw new NotSupportedException("The rows come asynchronously: ReadAsync.");

        public override bool NextResult() => false;

        public override string GetName(int ordinal) => headers[ordinal];

        public override int GetOrdinal(string name) => headers.ToList().IndexOf(name);

        public override Type GetFieldType(int ordinal) => typeof(string);

        public override string GetDataTypeName(int ordinal) => "string";

        public override string GetString(int ordinal) => current[ordinal];

        public override object GetValue(int ordinal) => current[ordinal];

        public override int GetValues(object[] values)
        {
            var n = Math.Min(values.Length, current.Length);
            Array.Copy(current, values, n);
            return n;
        }

        public override bool IsDBNull(int ordinal) => false;

        public override bool GetBoolean(int ordinal) => throw new NotSupportedException();

        public override byte GetByte(int ordinal) => throw new NotSupportedException();

        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

        public override char GetChar(int ordinal) => throw new NotSupportedException();

        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

        public override DateTime GetDateTime(int ordinal) => throw new NotSupportedException();

        public override decimal GetDecimal(int ordinal) => throw new NotSupportedException();

        public override double GetDouble(int ordinal) => throw new NotSupportedException();

        public override float GetFloat(int ordinal) => throw new NotSupportedException();

        public override Guid GetGuid(int ordinal) => throw new NotSupportedException();

        public override short GetInt16(int ordinal) => throw new NotSupportedException();

        public override int GetInt32(int ordinal) => throw new NotSupportedException();

        public override long GetInt64(int ordinal) => throw new NotSupportedException();

        public override System.Collections.IEnumerator GetEnumerator() => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await rows.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private sealed class TextColumn : System.Data.Common.DbColumn
    {
        public TextColumn(string name, int ordinal)
        {
            ColumnName = name;
            ColumnOrdinal = ordinal;
            DataType = typeof(string);
            DataTypeName = "string";
            AllowDBNull = false;
        }
    }
}
