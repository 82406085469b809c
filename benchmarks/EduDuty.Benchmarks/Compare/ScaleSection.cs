using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace EduDuty.Benchmarks.Compare;

/// <summary>
/// Issue 28 item 4: the oversight pages at 2,806 filled counties within 5× their time at 6. Two databases seeded by
/// <see cref="CountiesExportMeasure"/> (n counties under the province 990000, each with the golden figures, a third failing
/// 毛入园率; every evaluation then marked submitted, so that the roll-up sums every county up — its heaviest case), each
/// served by a Release portal of its own (<see cref="PortalProcess"/>) and read over HTTP by an administrator of the
/// province: 督导总览, 综合报告 (built and rendered, with its HTML size), home, users, regions and the year page. The two portals
/// are asked in turn (6, 2,806, 6, …), warm; each figure is the median of the runs, and the server's CPU time per request
/// (from /proc, less sensitive to a busy machine than the wall clock) beside it. SQLite, and PostgreSQL with --postgres.
/// Options: --scale-runs N (default 15), --reseed (seed the SQLite templates again), --port N (the first of two ports).
/// </summary>
public sealed class ScaleSection : ICompareSection
{
    public string Name => "scale";

    public string Title => "Oversight at 2,806 counties: each page's time at 2,806 filled counties ÷ its time at 6 (issue 28 item 4)";

    private const string Admin = "bench.admin";
    private const double Goal = 5;

    private static readonly (string Name, string Url)[] Pages =
    [
        ("督导总览", "/Oversight?Region=990000"),
        ("综合报告", "/Oversight/Rollup?Region=990000"),
        ("home", "/"),
        ("users", "/Admin/Users"),
        ("regions", "/Admin/Regions"),
        ("year page", "/Admin/Years?Year=2021"),
    ];

    public async Task<IReadOnlyList<CompareRow>> RunAsync(CompareContext context, CancellationToken cancellationToken)
    {
        var runs = int.Parse(context.Option("scale-runs") ?? "15", CultureInfo.InvariantCulture);
        var port = int.Parse(context.Option("port") ?? "5144", CultureInfo.InvariantCulture);
        var rows = new List<CompareRow>();
        rows.AddRange(await MeasureAsync(context, "SQLite", null, port, runs, cancellationToken));
        if (context.Option("postgres") is { } postgres)
            rows.AddRange(await MeasureAsync(context, "PostgreSQL", postgres, port, runs, cancellationToken));
        return rows;
    }

    private static async Task<IReadOnlyList<CompareRow>> MeasureAsync(CompareContext context, string database, string? postgres, int port, int runs, CancellationToken cancellationToken)
    {
        var (small, large) = postgres is null
            ? (await SqliteAsync(context, 6, cancellationToken), await SqliteAsync(context, 2806, cancellationToken))
            : (await PostgresAsync(context, postgres, 6, cancellationToken), await PostgresAsync(context, postgres, 2806, cancellationToken));
        var settings = (string connection) => new Dictionary<string, string> { ["ConnectionStrings:EduDuty"] = connection };
        context.Log.WriteLine($"scale: starting the portals on {database} (load {Load()})");
        await using var six = await PortalProcess.StartAsync(context, port, postgres, settings(small), cancellationToken: cancellationToken);
        await using var many = await PortalProcess.StartAsync(context, port + 1, postgres, settings(large), cancellationToken: cancellationToken);
        var sixClient = await SignInAsync(context, six, cancellationToken);
        var manyClient = await SignInAsync(context, many, cancellationToken);

        var rows = new List<CompareRow>();
        foreach (var (name, url) in Pages)
        {
            var load = Load();
            var a = new Timing(six.Pid);
            var b = new Timing(many.Pid);
            for (var i = 0; i < runs + 3; i++)
            {
                var warm = i >= 3;
                await a.GetAsync(sixClient, url, warm, cancellationToken);
                await b.GetAsync(manyClient, url, warm, cancellationToken);
            }

            var ratio = b.Median / a.Median;
            var cpuRatio = b.CpuPerRequest / a.CpuPerRequest;
            rows.Add(new CompareRow($"{database} · {name}",
                $"{a.Median:0.0} → {b.Median:0.0} ms = **{ratio:0.0}×** (server CPU {a.CpuPerRequest:0.0} → {b.CpuPerRequest:0.0} ms = {cpuRatio:0.0}×)",
                $"≤ {Goal:0}×", ratio <= Goal,
                $"HTML {a.Bytes / 1024.0:0} KB → {b.Bytes / 1024.0:0} KB; wall min {a.Min:0.0} / {b.Min:0.0} ms; load {load}"));
            context.Log.WriteLine($"scale: {database} {name}: {rows[^1].Measured}; {rows[^1].Note}");
        }

        return rows;
    }

    // Signed in as the province's administrator; again after a pause when the portal is not yet ready to (three times at most).
    private static async Task<HttpClient> SignInAsync(CompareContext context, PortalProcess portal, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await portal.SignInAsync(Admin, cancellationToken)).Http;
            }
            catch (InvalidOperationException e) when (attempt < 3)
            {
                context.Log.WriteLine($"scale: {portal.BaseUrl}: {e.Message}; trying again");
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            }
        }
    }

    // A copy of a seeded template (seeded once per machine: --reseed to seed again), for a portal to use and change.
    internal static async Task<string> SqliteAsync(CompareContext context, int counties, CancellationToken cancellationToken)
    {
        var template = Path.Combine(Path.GetTempPath(), "eduduty-scale", $"seed-{counties}.db");
        if (!File.Exists(template) || context.Options.Contains("--reseed"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(template)!);
            File.Delete(template);
            context.Log.WriteLine($"scale: seeding {counties} counties into {template}");
            await CountiesExportMeasure.SeedAsync(counties, template, postgres: false, Admin);
            await MarkSubmittedAsync($"Data Source={template}", null, cancellationToken);
            // The pooled connections closed, so that SQLite folds its write-ahead log into the file before it is copied.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        var copy = Path.Combine(Directory.CreateTempSubdirectory("eduduty-scale-").FullName, "eduduty.db");
        File.Copy(template, copy);
        return $"Data Source={copy}";
    }

    // A database of its own beside the one given (eduduty_scale_6, eduduty_scale_2806), made again on every run.
    private static async Task<string> PostgresAsync(CompareContext context, string postgres, int counties, CancellationToken cancellationToken)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(postgres);
        var name = $"eduduty_scale_{counties}";
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false };
        await using (var connection = new Npgsql.NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        builder.Database = name;
        context.Log.WriteLine($"scale: seeding {counties} counties into PostgreSQL {name}");
        await CountiesExportMeasure.SeedAsync(counties, builder.ConnectionString, postgres: true, Admin);
        await MarkSubmittedAsync(builder.ConnectionString, "postgres", cancellationToken);
        return builder.ConnectionString;
    }

    // Every seeded evaluation submitted (a province filled in and handed in): the roll-up then sums every county up.
    private static async Task MarkSubmittedAsync(string connection, string? provider, CancellationToken cancellationToken)
    {
        const string sqlite = "UPDATE \"Evaluations\" SET \"Status\" = 'Submitted' WHERE \"CountyId\" IN (SELECT \"Id\" FROM \"Regions\" WHERE \"Code\" LIKE '99%')";
        if (provider is null)
        {
            await using var db = new Microsoft.Data.Sqlite.SqliteConnection(connection);
            await db.OpenAsync(cancellationToken);
            await using var update = db.CreateCommand();
            update.CommandText = sqlite;
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            await using var db = new Npgsql.NpgsqlConnection(connection);
            await db.OpenAsync(cancellationToken);
            await using var update = new Npgsql.NpgsqlCommand(sqlite, db);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>The wall times of a page's warm requests to one portal and that portal's CPU time over them.</summary>
    private sealed class Timing(int pid)
    {
        private readonly List<double> _times = [];
        private double _cpu;

        public long Bytes { get; private set; }

        public double Median => Sorted[Sorted.Count / 2];

        public double Min => Sorted[0];

        public double CpuPerRequest => _cpu / _times.Count;

        private List<double> Sorted => _times.Order().ToList();

        public async Task GetAsync(HttpClient client, string url, bool warm, CancellationToken cancellationToken)
        {
            var cpu = CpuMs(pid);
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode}");
            if (!warm) return;
            _cpu += CpuMs(pid) - cpu;
            _times.Add(watch.Elapsed.TotalMilliseconds);
            Bytes = body.Length;
        }

        // utime + stime of a process in ms (/proc/<pid>/stat, fields 14 and 15, in clock ticks of 10 ms).
        private static double CpuMs(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
        }
    }
}
