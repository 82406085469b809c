using System.Text.Json;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;
using EduDuty.Core.Scoring;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>evaluate &lt;figures.json&gt; [--scheme &lt;file&gt;]</c>: every value and judgment as JSON on stdout, under a shipped scheme or
/// any scheme file; the data warnings (plausibility rules and consistency checks) under "warnings"; when the scheme scores, the
/// self-score (with the bonus the file applies for) and the grade.
/// </summary>
internal static class EvaluateCommand
{
    public static async Task<int> RunAsync(string path, string? schemePath, TextWriter stdout, TextWriter stderr)
    {
        Scheme? scheme = null;
        if (schemePath is not null && (scheme = await SchemeValidateCommand.ReadAsync(schemePath, stderr)) is null) return CliApp.InvalidInput;
        if (await CliInput.ReadFiguresAsync(path, stderr, scheme) is not { } evaluated) return CliApp.InvalidInput;
        var score = evaluated.Scheme.Scoring is null ? null : Scorer.Score(evaluated.Result, evaluated.File.Bonus);
        await stdout.WriteLineAsync(Serialize(evaluated.Scheme, evaluated.Result, score));
        return CliApp.Ok;
    }

    private static string Serialize(Scheme scheme, EvaluationResult result, ScoreCard? score)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("scheme", scheme.Code);
            writer.WriteStartObject("results");
            foreach (var r in result.Results.Where(r => r.HasValue || r.Field.Threshold is not null))
            {
                writer.WriteStartObject(r.Field.Code);
                writer.WritePropertyName("value");
                switch (r.Value)
                {
                    case null: writer.WriteNullValue(); break;
                    case { Type: FieldValueType.Number }: writer.WriteNumberValue(r.DisplayNumber!.Value); break;
                    case { Type: FieldValueType.Flag } v: writer.WriteBooleanValue(v.Flag); break;
                    case var v: writer.WriteStringValue(v.Value.Text); break;
                }

                writer.WriteString("status", r.Status.Code());
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartArray("failing");
            foreach (var r in result.Failing) writer.WriteStringValue(r.Field.Code);
            writer.WriteEndArray();
            // Data warnings (issue 26): the plausibility rules that do not hold — "hard" ones the portal refuses to store — and
            // the consistency checks, in catalog order.
            writer.WriteStartArray("warnings");
            foreach (var w in result.OpenWarnings)
            {
                writer.WriteStartObject();
                writer.WriteString("field", w.Field.Code);
                writer.WriteString("kind", w.Kind);
                writer.WriteString("severity", w.IsHard ? "hard" : "soft");
                writer.WriteString("message", w.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (score is not null) WriteScore(writer, score);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // "score": the self-score with its bonus part and breakdown; "grade": after vetoes (the earned one beside it when capped).
    private static void WriteScore(Utf8JsonWriter writer, ScoreCard score)
    {
        writer.WriteStartObject("score");
        writer.WriteNumber("total", score.Total);
        writer.WriteNumber("base", score.Base);
        writer.WriteNumber("bonus", score.Bonus);
        writer.WriteNumber("full", score.Full);
        writer.WriteStartArray("bonusItems");
        foreach (var item in score.BonusItems) writer.WriteStringValue(item.Code);
        writer.WriteEndArray();
        writer.WriteStartObject("areas");
        foreach (var area in score.Areas)
        {
            writer.WriteStartObject(area.Area.Key);
            writer.WriteNumber("points", area.Points);
            writer.WriteNumber("full", area.Full);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("indicators");
        foreach (var indicator in score.Indicators)
        {
            writer.WriteStartObject(indicator.Field.Code);
            writer.WriteNumber("points", indicator.Points);
            writer.WriteNumber("full", indicator.Full);
            writer.WriteString("reason", indicator.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartArray("vetoes");
        foreach (var veto in score.Vetoes) writer.WriteStringValue(veto.Code);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteString("grade", score.Grade.Name);
        if (score.Grade != score.Earned) writer.WriteString("gradeBeforeVeto", score.Earned.Name);
    }
}
