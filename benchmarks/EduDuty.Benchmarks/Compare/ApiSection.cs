using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace EduDuty.Benchmarks.Compare;

/// <summary>
/// Issue 29's throughput goal: GET of an evaluation's figures (闻喜县 2021, every field with its value, version and who entered
/// it) with a read token at ≥ half of /healthz's throughput, 16 connections, wrk on core 1 and the portal on core 0, the two
/// URLs interleaved round by round. Also the judgments and one page of the evaluation list, for the record. The token is
/// made by the command line (<c>eduduty tokens create</c>) against the portal's own database, as an operator would. The
/// rate limit per token is lifted for the run (it would otherwise answer 429 to a load test, as it should).
/// </summary>
public sealed class ApiSection : ICompareSection
{
    public string Name => "api";

    public string Title => "API: GET figures as a share of /healthz (issue 29)";

    private const double Goal = 50;

    public async Task<IReadOnlyList<CompareRow>> RunAsync(CompareContext context, CancellationToken cancellationToken)
    {
        var port = int.Parse(context.Option("port") ?? "5143", CultureInfo.InvariantCulture);
        var seconds = int.Parse(context.Option("seconds") ?? "5", CultureInfo.InvariantCulture);
        var rounds = int.Parse(context.Option("rounds") ?? "3", CultureInfo.InvariantCulture);
        var postgres = context.Option("postgres");

        await using var portal = await PortalProcess.StartAsync(context, port, postgres,
            new Dictionary<string, string> { ["Api:RateLimit:PerMinute"] = "100000000" }, cancellationToken: cancellationToken);
        var token = await TokenAsync(context, portal, cancellationToken);
        var auth = $"Authorization: Bearer {token}";

        using var http = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var list = JsonDocument.Parse(await http.GetStringAsync("/api/v1/evaluations?year=2021&region=140823", cancellationToken));
        var id = list.RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();
        var figures = await http.GetAsync($"/api/v1/evaluations/{id}/figures", cancellationToken);
        figures.EnsureSuccessStatusCode();
        var figuresBytes = (await figures.Content.ReadAsByteArrayAsync(cancellationToken)).Length;

        var urls = new List<(string Name, string Path, string[] Headers)>
        {
            ("/healthz", "/healthz", []),
            ("GET figures", $"/api/v1/evaluations/{id}/figures", [auth]),
            ("GET judgments", $"/api/v1/evaluations/{id}/judgments", [auth]),
            ("GET evaluations (a page)", "/api/v1/evaluations?year=2021", [auth]),
        };
        foreach (var (_, path, headers) in urls) await Wrk.RunAsync(portal.BaseUrl + path, seconds: 2, headers: headers, cancellationToken: cancellationToken);

        var rps = urls.ToDictionary(u => u.Name, _ => new List<double>());
        var p99 = urls.ToDictionary(u => u.Name, _ => new List<double>());
        var non2xx = urls.ToDictionary(u => u.Name, _ => 0L);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, path, headers) in urls)
            {
                var result = await Wrk.RunAsync(portal.BaseUrl + path, seconds: seconds, headers: headers, cancellationToken: cancellationToken);
                rps[name].Add(result.RequestsPerSecond);
                p99[name].Add(result.P99Ms);
                non2xx[name] += result.Non2xx;
                context.Log.WriteLine($"api: round {round + 1} {name} {result.RequestsPerSecond:0} req/s p50 {result.P50Ms:0.0} ms p99 {result.P99Ms:0.0} ms");
            }
        }

        var health = Median(rps["/healthz"]);
        var rows = new List<CompareRow> { new("/healthz", $"{health:0} req/s (median of {rounds})", "—", null) };
        foreach (var (name, _, _) in urls.Skip(1))
        {
            var share = Median(rps[name]) / health * 100;
            var detail = $"{share:0.0} % ({Median(rps[name]):0} req/s; p99 {Median(p99[name]):0.0} ms" +
                         (name == "GET figures" ? $"; {figuresBytes / 1024.0:0.0} KB" : "") +
                         (non2xx[name] > 0 ? $"; {non2xx[name]} non-2xx" : "") + ")";
            var goal = name == "GET figures" ? share >= Goal && non2xx[name] == 0 : (bool?)null;
            rows.Add(new CompareRow($"{name}: % of /healthz", detail, name == "GET figures" ? $"≥ {Goal} %" : "—", goal));
        }

        return rows;
    }

    /// <summary>A read token of 闻喜县's official, made by the Release command line on the portal's database.</summary>
    private static async Task<string> TokenAsync(CompareContext context, PortalProcess portal, CancellationToken cancellationToken)
    {
        var cli = Path.Combine(context.Root, "src", "EduDuty.Cli", "bin", "Release", "net10.0", "eduduty.dll");
        if (!File.Exists(cli)) throw new InvalidOperationException($"{cli} is missing: dotnet build src/EduDuty.Cli -c Release");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { cli, "tokens", "create", "--user", "wenxi.official", "--scope", "read", "--expires", "30", "--name", "benchmark" })
            start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__EduDuty"] = portal.ConnectionString;
        if (portal.OnPostgres) start.Environment["Database__Provider"] = "Postgres";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var secret = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || secret is null || !secret.StartsWith("edt_", StringComparison.Ordinal))
            throw new InvalidOperationException($"eduduty tokens create gave {process.ExitCode}: {error}");
        return secret;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
