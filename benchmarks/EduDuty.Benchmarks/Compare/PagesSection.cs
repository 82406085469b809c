using System.Globalization;
using System.Text.RegularExpressions;

namespace EduDuty.Benchmarks.Compare;

/// <summary>
/// Issue 28 item 3: the signed-in light pages (home, an evaluation's overview, its area A10_PRESCHOOL, its report page) as a
/// share of /healthz's throughput, 16 connections, wrk on core 1 and the portal on core 0, the URLs interleaved round by round.
/// Also each page's HTML size and the statements it runs, counted by a second portal that logs EF Core's commands (the
/// second GET of each page, so a per-instance cache is warm as it is in use). Black-box: runs on the base commit as well.
/// </summary>
public sealed partial class PagesSection : ICompareSection
{
    public string Name => "pages";

    public string Title => "Light pages: throughput as a share of /healthz (issue 28 item 3)";

    private const double Goal = 25;

    public async Task<IReadOnlyList<CompareRow>> RunAsync(CompareContext context, CancellationToken cancellationToken)
    {
        var port = int.Parse(context.Option("port") ?? "5143", CultureInfo.InvariantCulture);
        var seconds = int.Parse(context.Option("seconds") ?? "5", CultureInfo.InvariantCulture);
        var rounds = int.Parse(context.Option("rounds") ?? "3", CultureInfo.InvariantCulture);
        var postgres = context.Option("postgres");

        var pages = new List<(string Name, string Path)>();
        var statements = new Dictionary<string, int>();
        var sizes = new Dictionary<string, int>();

        // Statements: a portal that logs every command it executes.
        await using (var counting = await PortalProcess.StartAsync(context, port, postgres,
                         new Dictionary<string, string> { ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information" },
                         cancellationToken: cancellationToken))
        {
            var user = await counting.SignInAsync("wenxi.official", cancellationToken);
            pages.AddRange(await PagesAsync(user, cancellationToken));
            foreach (var (name, path) in pages)
            {
                await user.Http.GetStringAsync(path, cancellationToken); // warm: a cache of this instance fills here
                var before = await CommandsLoggedAsync(counting.LogPath, cancellationToken);
                var html = await user.Http.GetStringAsync(path, cancellationToken);
                statements[name] = await CommandsLoggedAsync(counting.LogPath, cancellationToken) - before;
                sizes[name] = System.Text.Encoding.UTF8.GetByteCount(html);
            }
        }

        await using var portal = await PortalProcess.StartAsync(context, port, postgres, cancellationToken: cancellationToken);
        var signedIn = await portal.SignInAsync("wenxi.official", cancellationToken);
        var urls = new List<(string Name, string Path, string? Cookie)> { ("/healthz", "/healthz", null) };
        urls.AddRange(pages.Select(p => (p.Name, p.Path, (string?)signedIn.CookieHeader)));
        foreach (var (_, path, cookie) in urls) await Wrk.RunAsync(portal.BaseUrl + path, cookie, seconds: 2, cancellationToken: cancellationToken); // warm-up

        var rps = urls.ToDictionary(u => u.Name, _ => new List<double>());
        var non2xx = urls.ToDictionary(u => u.Name, _ => 0L);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, path, cookie) in urls)
            {
                var result = await Wrk.RunAsync(portal.BaseUrl + path, cookie, seconds: seconds, cancellationToken: cancellationToken);
                rps[name].Add(result.RequestsPerSecond);
                non2xx[name] += result.Non2xx;
                context.Log.WriteLine($"pages: round {round + 1} {name} {result.RequestsPerSecond:0} req/s p50 {result.P50Ms:0.0} ms p99 {result.P99Ms:0.0} ms");
            }
        }

        var health = Median(rps["/healthz"]);
        var rows = new List<CompareRow>
        {
            new("/healthz", $"{health:0} req/s (median of {rounds})", "—", null),
        };
        foreach (var (name, _) in pages)
        {
            var share = Median(rps[name]) / health * 100;
            var goal = name == "home" ? null : (bool?)(share >= Goal);
            rows.Add(new CompareRow(
                $"{name}: % of /healthz",
                $"{share:0.0} % ({Median(rps[name]):0} req/s; {statements[name]} statements; {sizes[name] / 1024.0:0.0} KB HTML" +
                (non2xx[name] > 0 ? $"; {non2xx[name]} non-2xx" : "") + ")",
                name == "home" ? "—" : $"≥ {Goal} %", goal));
        }

        return rows;
    }

    // The demo official's 闻喜县 2021 evaluation, found on the home page.
    private static async Task<List<(string, string)>> PagesAsync(SignedIn user, CancellationToken cancellationToken)
    {
        var home = await user.Http.GetStringAsync("/", cancellationToken);
        var id = EvaluationLink().Match(home) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no evaluation on the home page");
        return
        [
            ("home", "/"),
            ("overview", $"/Evaluations/{id}"),
            ("area A10_PRESCHOOL", $"/Evaluations/{id}/Areas/A10_PRESCHOOL"),
            ("report page", $"/Evaluations/{id}/Report"),
        ];
    }

    private static async Task<int> CommandsLoggedAsync(string log, CancellationToken cancellationToken)
    {
        await Task.Delay(400, cancellationToken); // the console logger writes behind the request
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return Regex.Count(text, "Executed DbCommand");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [GeneratedRegex(@"href=""/Evaluations/(\d+)""")]
    private static partial Regex EvaluationLink();
}
