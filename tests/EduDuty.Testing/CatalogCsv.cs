using System.Text;

namespace EduDuty.Testing;

/// <summary>Reads the SX-2021 catalog CSV (RFC 4180, header row) into dictionaries keyed by column name.</summary>
public static class CatalogCsv
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Read(string path)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8));
        var header = records[0];
        return records.Skip(1)
            .Where(r => r.Count == header.Count)
            .Select(r => (IReadOnlyDictionary<string, string>)header.Zip(r).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }

    private static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                record.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                records.Add(record);
                record = [];
            }
            else field.Append(c);
        }

        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        return records;
    }
}
