using System.Text.Json;
using EduDuty.Core.Figures;
using EduDuty.Core.Reports;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

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
    public static (EvaluatedFile? Evaluated, IReadOnlyList<string> Errors) Evaluate(string json)
    {
        var scheme = BuiltInSchemes.Schemes.FirstOrDefault(s => s.Code == SchemeCodeOf(json)) ?? BuiltInSchemes.Schemes[^1];
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
