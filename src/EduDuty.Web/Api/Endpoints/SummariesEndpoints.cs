using System.Text.Json;
using EduDuty.Application.Exports;
using EduDuty.Application.Oversight;
using EduDuty.Web.Api.Documents;
using EduDuty.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace EduDuty.Web.Api.Endpoints;

/// <summary>
/// A region's county summaries for a year (issue 29, decision 0051): every county's state, completeness, failing codes and
/// judged values, streamed as NDJSON (one county a line) or CSV in one response — a province of 2,800 counties in constant
/// memory: the counties come from one streaming read (<see cref="RegionSummaries"/>) and go out as they come.
/// </summary>
public static class SummariesEndpoints
{
    public const string CsvMediaType = "text/csv";

    public static RouteGroupBuilder MapSummaries(this RouteGroupBuilder api)
    {
        api.MapGet("/regions/{code}/summaries/{year:int}", GetAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("getRegionSummaries")
            .WithTags("汇总")
            .WithSummary("各县汇总（流式）/ Region summaries, streamed")
            .WithDescription("地区下每个县（市、区）该年度的状态、完成度、未达标指标和判定值，逐县输出：默认 NDJSON（每行一个县），format=csv 时为 CSV（UTF-8 带 BOM，公式字符已转义）。" +
                             " Every county of the region in the year, one line each: NDJSON by default, CSV with format=csv. Decimals are strings, exactly as stored.")
            .Produces<CountySummary>(StatusCodes.Status200OK, NdjsonFile.MediaType, CsvMediaType)
            .WithMetadata(new ApiDoc.Streamed(), new ApiDoc.Example("year", 2021), new ApiDoc.Example("code", "140800"))
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return api;
    }

    /// <param name="format">ndjson (default) or csv.</param>
    private static async Task<IResult> GetAsync(string code, int year, string? format, RegionSummaries summaries, CurrentUser user, HttpContext http,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "ndjson", StringComparison.OrdinalIgnoreCase))
            return ApiProblems.Of((Application.Outcome<Application.Unit>)Application.Outcome.Invalid("format", Core.Messaging.Messages.SummaryFormatUnknown(format).Text), http);
        var outcome = await summaries.OpenAsync(user.Actor, year, code, cancellationToken);
        if (!outcome.IsDone) return ApiProblems.Of(outcome, http);
        var stream = outcome.Value!;
        if (csv)
        {
            var name = Uri.EscapeDataString($"{stream.RegionName}-{stream.Year}-各县汇总.csv");
            http.Response.Headers.ContentDisposition = $"attachment; filename*=UTF-8''{name}";
            return Results.Stream(body => CsvFile.WriteAsync(body, [.. RegionSummaries.CsvHeaders, .. stream.JudgedCodes], Rows(stream), cancellationToken),
                CsvMediaType + "; charset=utf-8");
        }

        return Results.Stream(body => NdjsonFile.WriteAsync(body, stream.Counties, json.Value.SerializerOptions, cancellationToken), NdjsonFile.MediaType);
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(RegionSummaryStream stream)
    {
        await foreach (var county in stream.Counties) yield return RegionSummaries.CsvRow(county, stream.JudgedCodes);
    }
}
