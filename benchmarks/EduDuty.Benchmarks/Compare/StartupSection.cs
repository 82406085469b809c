using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace EduDuty.Benchmarks.Compare;

/// <summary>
/// Issue 28 item 5: an empty Development database (a new SQLite file, or the given PostgreSQL database emptied by the caller)
/// to the first 200 from /healthz and from the login page, from the moment the process is started; the median of three starts.
/// The portal may use both cores here, as a deployment does. Black-box: runs on the base commit as well.
/// </summary>
public sealed class StartupSection : ICompareSection
{
    public string Name => "startup";

    public string Title => "Start-up: empty Development database to the first 200 (issue 28 item 5)";

    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<CompareRow>> RunAsync(CompareContext context, CancellationToken cancellationToken)
    {
        var port = int.Parse(context.Option("port") ?? "5143", CultureInfo.InvariantCulture);
        var starts = int.Parse(context.Option("starts") ?? "3", CultureInfo.InvariantCulture);
        var health = new List<double>();
        var login = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < starts; i++)
        {
            var watch = Stopwatch.StartNew();
            // StartAsync returns at the first 200 from /healthz (polled every 20 ms) on a throwaway SQLite file.
            await using var portal = await PortalProcess.StartAsync(context, port, cpu: null, cancellationToken: cancellationToken);
            health.Add(watch.Elapsed.TotalSeconds);
            cpu.Add(CpuSeconds(portal.Pid));
            using var http = new HttpClient();
            using var page = await http.GetAsync(portal.BaseUrl + "/Account/Login", cancellationToken);
            if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"the login page answered {(int)page.StatusCode}");
            login.Add(watch.Elapsed.TotalSeconds);
            context.Log.WriteLine($"startup: start {i + 1}: /healthz {health[^1]:0.00} s, login page {login[^1]:0.00} s, portal CPU to /healthz {cpu[^1]:0.00} s");
        }

        return
        [
            Row("/healthz", health),
            Row("login page", login),
            // Less sensitive to other processes than the wall clock: what the start cost, on both cores together.
            new CompareRow($"portal CPU time (user + system) until the first 200 from /healthz (median of {cpu.Count})",
                $"{Median(cpu):0.00} s (all: {string.Join(", ", cpu.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))})", "—", null),
        ];
    }

    private static double Median(List<double> values) => values.OrderBy(s => s).ElementAt(values.Count / 2);

    // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 a second on Linux).
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static CompareRow Row(string what, List<double> seconds)
    {
        var median = seconds.OrderBy(s => s).ElementAt(seconds.Count / 2);
        return new CompareRow($"empty database → first 200 from {what} (median of {seconds.Count})",
            $"{median:0.00} s (all: {string.Join(", ", seconds.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))})",
            $"≤ {Goal.TotalSeconds:0} s", median <= Goal.TotalSeconds);
    }
}
