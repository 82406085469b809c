using Sylvan.Data.Csv;

namespace EduDuty.Core.Administration;

/// <summary>
/// RFC 4180 CSV through Sylvan.Data.Csv: quoted fields with doubled quotes and line breaks, CRLF, LF or a lone CR between
/// records, an optional byte-order mark, rows of any length (the callers name the row whose column count is wrong).
/// A malformed quote (text after a closing quote, a quote never closed) refuses the whole file with the row it is in.
/// Rows are numbered as a spreadsheet shows them: one per record, whatever line breaks a quoted field holds.
/// </summary>
public static class Csv
{
    /// <summary>
    /// The most records a file may hold (issue 24): the country has about 3,000 counties, a province's users a few thousand;
    /// a file past it is refused when its next record is reached, before anything more is read or kept.
    /// </summary>
    public const int MaxRecords = 10_000;

    public sealed record Record(int Number, IReadOnlyList<string> Fields)
    {
        public bool IsBlank => Fields.All(f => f.Length == 0);
    }

    /// <summary>The records in order, or the first format error (then no records).</summary>
    public sealed record Table(IReadOnlyList<Record> Records, string? Error);

    public static Table Read(string text)
    {
        var records = new List<Record>();
        var options = new CsvDataReaderOptions
        {
            HasHeaders = false,
            Delimiter = ',',
            Quote = '"',
            Escape = '"',
            CsvStyle = CsvStyle.Standard,
            ResultSetMode = ResultSetMode.SingleResult,
        };
        try
        {
            using var reader = CsvDataReader.Create(new StringReader(text.TrimStart('\uFEFF')), options);
            while (reader.Read())
            {
                if (records.Count == MaxRecords) return new Table([], Messaging.Messages.TooManyRows("CSV 文件", "行", MaxRecords).Text);
                var fields = new string[reader.RowFieldCount];
                for (var i = 0; i < fields.Length; i++) fields[i] = reader.GetString(i);
                records.Add(new Record(reader.RowNumber, fields));
            }
        }
        catch (CsvFormatException ex)
        {
            // Sylvan reads the first record while it creates the reader, before it counts any row: that record is row 1.
            return new Table([], $"第 {Math.Max(1, ex.RowNumber)} 行：引号使用有误（含逗号、引号或换行的内容应整体用英文双引号括起，内容中的双引号写成两个）");
        }

        return new Table(records, null);
    }

    /// <summary>Whether a record is the expected header row (cells trimmed, in order).</summary>
    public static bool IsHeader(Record record, string header) =>
        string.Join(',', record.Fields.Select(f => f.Trim())) == header;
}
