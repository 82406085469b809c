using System.Globalization;
using System.Text.Json;
using EduDuty.Core.Schemes;

namespace EduDuty.Core.Figures;

/// <summary>
/// A county's figures in the exchange format (docs/figures-format.md):
/// <c>{"scheme": "SX-2021", "county": "闻喜县", "year": 2021, "figures": {"A10.01": 10755, "A01.01": true, "A01.02.t": "…"}}</c>.
/// </summary>
public sealed record FiguresFile(string Scheme, string? County, int? Year, IReadOnlyList<FigureEntry> Entries)
{
    /// <summary>The bonus items applied for (<c>"bonus": ["J01"]</c>), under a scheme that scores.</summary>
    public IReadOnlyList<string> Bonus { get; init; } = [];

    /// <summary>The values, blank entries (JSON null) left out.</summary>
    public IReadOnlyDictionary<string, FieldValue> Values =>
        Entries.Where(e => !e.IsBlank).ToDictionary(e => e.Field.Code, e => e.ToValue()!.Value, StringComparer.Ordinal);

    public static string Write(Scheme scheme, string? county, int? year, IReadOnlyDictionary<string, FieldValue> values) =>
        Write(scheme, county, year, values.ToDictionary(p => p.Key, p => (FieldValue?)p.Value, StringComparer.Ordinal));

    /// <summary>A file that may also clear figures: a null value is written as JSON null, which an import reads as "clear it".</summary>
    public static string Write(Scheme scheme, string? county, int? year, IReadOnlyDictionary<string, FieldValue?> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("scheme", scheme.Code);
            if (county is not null) writer.WriteString("county", county);
            if (year is not null) writer.WriteNumber("year", year.Value);
            writer.WriteStartObject("figures");
            foreach (var field in scheme.Fields.Where(f => values.ContainsKey(f.Code)))
            {
                if (values[field.Code] is not { } value)
                {
                    writer.WriteNull(field.Code);
                    continue;
                }

                switch (value.Type)
                {
                    case FieldValueType.Number: writer.WriteNumber(field.Code, value.Number); break;
                    case FieldValueType.Flag: writer.WriteBoolean(field.Code, value.Flag); break;
                    default: writer.WriteString(field.Code, value.Text); break;
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

public sealed record FigureError(string Location, string Message)
{
    public override string ToString() => $"{Location}：{Message}";
}

public sealed record FiguresFileResult(FiguresFile? File, IReadOnlyList<FigureError> Errors)
{
    public bool IsValid => File is not null;
}

/// <summary>
/// Reads a figures file against a scheme and refuses it whole when anything is wrong: unknown codes, computed fields,
/// wrong JSON types, duplicate codes, or values the entry rules reject. Every problem names its code.
/// </summary>
public static class FiguresFileReader
{
    public const int MaxBytes = 1024 * 1024;

    private static readonly FigureEntryValidator Validator = new();

    public static FiguresFileResult Read(string json, Scheme scheme)
    {
        var (document, problem) = Text.JsonInput.Parse(json);
        if (document is null) return Failed("文件", problem!);

        using (document)
        {
            return Read(document.RootElement, scheme);
        }
    }

    private static FiguresFileResult Read(JsonElement root, Scheme scheme)
    {
        if (root.ValueKind != JsonValueKind.Object) return Failed("文件", "内容应为一个 JSON 对象，包含 scheme 和 figures");
        var errors = new List<FigureError>();

        var schemeCode = root.TryGetProperty("scheme", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : null;
        if (schemeCode is null) errors.Add(new("scheme", "缺少方案代码 scheme，例如 \"SX-2021\""));
        else if (schemeCode != scheme.Code) errors.Add(new("scheme", $"文件的方案是 {schemeCode}，而本评价使用 {scheme.Code}：请使用同一方案的数据"));

        string? county = null;
        if (root.TryGetProperty("county", out var c))
        {
            if (c.ValueKind == JsonValueKind.String) county = c.GetString();
            else if (c.ValueKind != JsonValueKind.Null) errors.Add(new("county", "县名 county 应为文本"));
        }

        int? year = null;
        if (root.TryGetProperty("year", out var y))
        {
            if (y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var yearValue) && yearValue is >= 2000 and <= 2100) year = yearValue;
            else if (y.ValueKind != JsonValueKind.Null) errors.Add(new("year", "年度 year 应为 2000–2100 之间的整数"));
        }

        var entries = new List<FigureEntry>();
        if (!root.TryGetProperty("figures", out var figures) || figures.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("figures", "缺少 figures 对象（字段代码 → 数值）"));
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in figures.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    errors.Add(new(property.Name, "字段代码重复出现"));
                    continue;
                }

                if (ReadEntry(scheme, property, errors) is { } entry) entries.Add(entry);
            }
        }

        var bonus = ReadBonus(root, scheme, errors);
        return errors.Count > 0
            ? new FiguresFileResult(null, errors)
            : new FiguresFileResult(new FiguresFile(schemeCode!, county, year, entries) { Bonus = bonus }, []);
    }

    // "bonus": the codes of the scheme's bonus items the county applies for (申请加分); only where the scheme scores.
    private static List<string> ReadBonus(JsonElement root, Scheme scheme, List<FigureError> errors)
    {
        var bonus = new List<string>();
        if (!root.TryGetProperty("bonus", out var items) || items.ValueKind == JsonValueKind.Null) return bonus;
        if (scheme.Scoring is not { } scoring)
        {
            errors.Add(new("bonus", $"方案 {scheme.Code} 不计分，没有加分项：请删除 bonus"));
            return bonus;
        }

        if (items.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("bonus", "bonus 应为加分项代码的列表，例如 [\"J01\"]"));
            return bonus;
        }

        foreach (var item in items.EnumerateArray())
        {
            var code = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.ToString();
            if (scoring.FindBonus(code) is null) errors.Add(new("bonus", $"方案 {scheme.Code} 中没有加分项 {code}（可选：{string.Join("、", scoring.Bonus.Select(b => b.Code))}）"));
            else if (bonus.Contains(code)) errors.Add(new("bonus", $"加分项 {code} 重复出现"));
            else bonus.Add(code);
        }

        return bonus;
    }

    private static FigureEntry? ReadEntry(Scheme scheme, JsonProperty property, List<FigureError> errors)
    {
        var code = property.Name;
        if (scheme.FindField(code) is not { } field)
        {
            errors.Add(new(code, $"方案 {scheme.Code} 中没有这个字段代码"));
            return null;
        }

        if (!field.Kind.IsInput())
        {
            errors.Add(new(code, $"{field.NameZh} 是计算得出的指标，不能导入；请只导入填报数"));
            return null;
        }

        var value = property.Value;
        string? raw;
        switch (field.Kind)
        {
            case FieldKind.Number when value.ValueKind == JsonValueKind.Number:
                raw = value.GetRawText();
                if (raw.Contains('e', StringComparison.OrdinalIgnoreCase))
                {
                    raw = value.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : raw;
                }

                break;
            case FieldKind.Bool when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                raw = value.GetBoolean() ? "true" : "false";
                break;
            case FieldKind.Text when value.ValueKind == JsonValueKind.String:
                raw = value.GetString();
                break;
            case var _ when value.ValueKind == JsonValueKind.Null:
                raw = null;
                break;
            default:
                errors.Add(new(code, $"{field.NameZh} 应为{Expected(field.Kind)}，文件中却是{Describe(value)}"));
                return null;
        }

        var entry = new FigureEntry(field, raw);
        var result = Validator.Validate(entry);
        if (result.IsValid) return entry;
        errors.AddRange(result.Errors.Select(e => new FigureError(code, $"{field.NameZh}：{e.ErrorMessage}")));
        return null;
    }

    private static string Expected(FieldKind kind) => kind switch
    {
        FieldKind.Number => "数字",
        FieldKind.Bool => "true 或 false（是/否）",
        _ => "文本",
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"文本 “{Truncate(value.GetString())}”",
        JsonValueKind.Number => $"数字 {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "是/否值",
        JsonValueKind.Array => "数组",
        JsonValueKind.Object => "对象",
        _ => value.ValueKind.ToString(),
    };

    private static string Truncate(string? text) => text is { Length: > 20 } ? text[..20] + "…" : text ?? string.Empty;

    private static FiguresFileResult Failed(string location, string message) => new(null, [new FigureError(location, message)]);
}
