using System.CommandLine;
using System.Text;
using System.Text.Json;
using EduDuty.Application;
using EduDuty.Application.Surveys;
using EduDuty.Core.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Cli.Commands;

/// <summary>
/// <c>survey results --year YYYY --region CODE</c> (issue 31, part C): for every county under the region that is in a survey
/// round of the year, per group the counted answer sheets, the suspect ones (kept, not counted), the satisfaction index
/// (percent, one decimal; null when unknown — no known answer) with its n and 95 % margin, and the county's overall index —
/// as JSON. Part A's <c>survey</c> command registers it.
/// </summary>
public static class SurveyResultsCommand
{
    public static Command Create(CliContext context)
    {
        var (year, region) = (CliApp.Year(), CliApp.Region());
        var command = new Command("results", "各县各群体的答卷数、可疑答卷数和满意度指数（JSON）") { year, region };
        command.SetAction((r, _) => CliApp.WithYearAsync(r.GetRequiredValue(year), context, y => RunAsync(y, r.GetRequiredValue(region), context)));
        return command;
    }

    public static async Task<int> RunAsync(int year, string region, CliContext context)
    {
        if (await context.RequireDatabaseAsync() is { } usage) return usage;
        await using var services = context.BuildServices();
        await using var scope = services.CreateAsyncScope();
        var viewer = new SurveyViewer(Actor.CommandLine.Roles, Actor.CommandLine.RegionPath);
        var loaded = await scope.ServiceProvider.GetRequiredService<RegionSurveyResults>().LoadAsync(year, region, viewer, CancellationToken.None);
        if (!loaded.IsDone) return await CliOutcomes.WriteAsync(loaded, context.Stdout, context.Stderr, "没有输出调查结果");

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("year", year);
            json.WriteString("region", region);
            json.WriteStartArray("counties");
            foreach (var row in loaded.Value!)
            {
                json.WriteStartObject();
                json.WriteString("code", row.County.Code);
                json.WriteString("name", row.County.Name);
                json.WriteNumber("round", row.Round.Id);
                json.WriteString("phase", row.Round.Phase.Name());
                json.WriteNumber("answers", row.County.Result.Counted);
                json.WriteNumber("suspect", row.County.Result.Suspect);
                WriteIndex(json, row.County.Result.Index);
                json.WriteStartArray("groups");
                foreach (var group in row.County.Result.Groups)
                {
                    json.WriteStartObject();
                    json.WriteString("group", group.Group.Key());
                    json.WriteString("name", group.Group.Name());
                    json.WriteNumber("answers", group.Counted);
                    json.WriteNumber("suspect", group.Suspect);
                    WriteIndex(json, group.Index);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await context.Stdout.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()));
        if (loaded.Value!.Count == 0) await context.Stderr.WriteLineAsync($"{region} 下没有县参加 {year} 年度的满意度调查。");
        return CliApp.Ok;
    }

    // index: percent with one decimal, or null when unknown (never 0); n and the margin (percentage points) beside it.
    private static void WriteIndex(Utf8JsonWriter json, SatisfactionIndex index)
    {
        if (index.Percent() is { } percent) json.WriteNumber("index", percent);
        else json.WriteNull("index");
        json.WriteNumber("n", index.N);
        if (index.MarginPoints is { } margin) json.WriteNumber("margin", margin);
        else json.WriteNull("margin");
    }
}
