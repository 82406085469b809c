using System.Text.Json;
using EduDuty.Core.Figures;
using EduDuty.Core.Rules;
using EduDuty.Core.Schemes;

namespace EduDuty.Cli.Commands;

/// <summary><c>evaluate &lt;figures.json&gt;</c>: every value and judgment as JSON on stdout.</summary>
internal static class EvaluateCommand
{
    public static async Task<int> RunAsync(string path, TextWriter stdout, TextWriter stderr)
    {
        if (await CliInput.ReadFiguresAsync(path, stderr) is not { } evaluated) return CliApp.InvalidInput;
        await stdout.WriteLineAsync(Serialize(evaluated.Scheme, evaluated.Result));
        return CliApp.Ok;
    }

    private static string Serialize(Scheme scheme, EvaluationResult result)
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
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
