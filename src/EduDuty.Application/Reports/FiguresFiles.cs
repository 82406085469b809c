using System.Text.Json;
using EduDuty.Core.Figures;
using EduDuty.Core.Reports;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Reporting.Excel;

namespace EduDuty.Application.Reports;

/// <summary>A figures file read against the shipped scheme it names, evaluated; or every problem found in it.</summary>
public sealed record EvaluatedFile(Scheme Scheme, FiguresFile File, EvaluationResult Result);

/// <summary>
/// Figures and texts files without a database (the command line's <c>evaluate</c> and <c>report</c>): the figures are read
/// against the shipped scheme they name (the newest shipped scheme when they name none), evaluated by the rule engine,
/// and turned into the report with the county's texts or the scheme's defaults.
/// </summary>
public static class FiguresFiles
{
    /// <param name="scheme">The scheme to read it under (a scheme file the user gave); by default the shipped scheme the file names.</param>
    public static (EvaluatedFile? Evaluated, IReadOnlyList<string> Errors) Evaluate(string json, Scheme? scheme = null)
    {
        scheme ??= BuiltInSchemes.Schemes.FirstOrDefault(s => s.Code == SchemeCodeOf(json)) ?? BuiltInSchemes.Schemes[^1];
        var read = FiguresFileReader.Read(json, scheme);
        return read.File is { } file
            ? (new EvaluatedFile(scheme, file, RuleEngine.For(scheme).Evaluate(file.Values)), [])
            : (null, read.Errors.Select(e => e.ToString()).ToList());
    }

    /// <summary>The report of an evaluated file; <paramref name="textsJson"/> in the report texts format, null for the scheme's defaults.</summary>
    public static (ReportDocument? Report, IReadOnlyList<string> Errors) Report(EvaluatedFile evaluated, string? textsJson, DateOnly today)
    {
        var texts = ReportTexts.Defaults;
        if (textsJson is not null)
        {
            var read = ReportTextsReader.Read(textsJson, evaluated.Scheme);
            if (read.Texts is null) return (null, read.Errors);
            texts = read.Texts;
        }

        return (ReportBuilder.Build(evaluated.Result, texts, evaluated.File.County ?? "本", today), []);
    }

    /// <summary>
    /// The county workbook without a database: prefilled from an evaluated figures file, or empty under the newest shipped
    /// scheme. Without a database there is no last year and no stored version: every cell counts as new when read back.
    /// </summary>
    public static byte[] Workbook(EvaluatedFile? evaluated, DateTime nowUtc)
    {
        var scheme = evaluated?.Scheme ?? BuiltInSchemes.Schemes[^1];
        var result = evaluated?.Result ?? RuleEngine.For(scheme).Evaluate(new Dictionary<string, FieldValue>());
        return CountyWorkbook.Write(new CountyWorkbookContent(
            result, evaluated?.File.County ?? string.Empty, null, evaluated?.File.Year ?? scheme.Year,
            new Dictionary<string, int>(), new Dictionary<string, FieldValue>(), nowUtc));
    }

    /// <summary>A county workbook back as a figures file (its non-blank inputs), read against the shipped scheme its cover names.</summary>
    public static (string? Json, IReadOnlyList<FigureError> Errors) ReadWorkbook(Stream content)
    {
        var read = CountyWorkbookReader.Read(content, cover =>
        {
            var scheme = BuiltInSchemes.Schemes.FirstOrDefault(s => s.Code == cover.SchemeCode);
            const string at = CountyWorkbookLayout.CoverSheet;
            if (scheme is null)
                return (null, [new FigureError(at, $"封面上的评价方案“{cover.SchemeCode}”不是本程序自带的方案（{string.Join("、", BuiltInSchemes.Schemes.Select(s => s.Code))}）")]);
            if (cover.SchemeVersion != scheme.Version)
                return (null, [new FigureError(at, $"填报表按方案 {scheme.Code} 第{cover.SchemeVersion}版生成，本程序的是第{scheme.Version}版：请用 excel template 重新生成填报表")]);
            return (scheme, []);
        });
        if (!read.IsValid) return (null, read.Errors);
        var values = read.Entries.Where(e => !e.Entry.IsBlank).ToDictionary(e => e.Field.Code, e => e.Entry.ToValue()!.Value, StringComparer.Ordinal);
        return (FiguresFile.Write(read.Scheme!, string.IsNullOrEmpty(read.Cover?.County) ? null : read.Cover.County, read.Cover?.Year, values), []);
    }

    // The scheme named in the file, if the file is JSON at all; the reader reports everything else.
    private static string? SchemeCodeOf(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("scheme", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
