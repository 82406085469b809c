using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EduDuty.Application;
using EduDuty.Application.Security;
using EduDuty.Core.Figures;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduDuty.Benchmarks.Compare;

/// <summary>
/// Issue 28 item 2: 50 officials of 50 different counties pressing 保存本领域 at the same moment, against one county's official
/// saving alone (one save after another, as many saves), p50 and p95 of the POST, on SQLite and on PostgreSQL (--postgres or
/// EDUDUTY_TEST_PG: a throwaway database <c>eduduty_saves_bench</c> beside it). Black-box, so that the same file runs on an
/// older commit: the Release portal (<see cref="PortalProcess"/>, not pinned: it may use both cores, unlike the pages goal, whose
/// wrk needs a core of its own; this process, whose clients only send prepared requests, on core 1) first starts once
/// to make the database and its demo accounts, then 50 counties of a province 990000 are seeded in the database with EF, each
/// with 夏县's complete 2021 figures and an official whose password hash is the demo official's, and the portal starts again.
/// A save is what the area page's form sends for 安全稳定 (A12_SAFETY: 18 inputs, with their bases, versions and the token,
/// read from the page just before, not timed), every number doubled or back (16 of them change; the plausibility rules are
/// shares, which doubling keeps). Rounds alternate the burst of 50 and the lone county's 50; the first rounds warm up.
/// Afterwards every county's page must show what its last save stored (a lost update otherwise), and every save must have
/// been answered with the redirect of a done save. Options: --saves-rounds N (default 6, the first 2 not counted), --port N.
/// </summary>
public sealed partial class SavesSection : ICompareSection
{
    public string Name => "saves";

    public string Title => "Saves in parallel: 50 counties saving an area at once vs one county alone, p95 of the POST (issue 28 item 2)";

    private const int Counties = 50;
    private const int WarmRounds = 2;
    private const string Area = "A12_SAFETY";
    private const string Province = "990000";
    private const double GoalMs = 200;

    public async Task<IReadOnlyList<CompareRow>> RunAsync(CompareContext context, CancellationToken cancellationToken)
    {
        var rounds = int.Parse(context.Option("saves-rounds") ?? "6", CultureInfo.InvariantCulture);
        var port = int.Parse(context.Option("port") ?? "5142", CultureInfo.InvariantCulture);
        var rows = new List<CompareRow>();
        var process = Process.GetCurrentProcess();
        nint? affinity = null;
        if (OperatingSystem.IsLinux() && Environment.ProcessorCount >= 2)
        {
            affinity = process.ProcessorAffinity;
            process.ProcessorAffinity = 2; // the clients on core 1; the portal on both cores (cpu: null below)
        }
        try
        {
            rows.AddRange(await MeasureAsync(context, "SQLite", null, port, rounds, cancellationToken));
            if (context.Postgres is { } postgres) rows.AddRange(await MeasureAsync(context, "PostgreSQL", postgres, port, rounds, cancellationToken));
            else context.Log.WriteLine("saves: no --postgres and no EDUDUTY_TEST_PG: SQLite only");
        }
        finally
        {
            if (OperatingSystem.IsLinux() && affinity is { } before) process.ProcessorAffinity = before;
        }

        return rows;
    }

    private static async Task<IReadOnlyList<CompareRow>> MeasureAsync(
        CompareContext context, string database, string? postgres, int port, int rounds, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("eduduty-saves-").FullName;
        try
        {
            var connection = postgres is null ? $"Data Source={Path.Combine(work, "eduduty.db")}" : await ThrowawayAsync(postgres, cancellationToken);
            var settings = new Dictionary<string, string>
            {
                ["ConnectionStrings:EduDuty"] = connection,
                ["Security:LoginAttemptsPerMinute"] = "100000", // 51 sign-ins from one address
            };
            context.Log.WriteLine($"saves: {database}: the portal makes the database (load {Load()})");
            await using (await PortalProcess.StartAsync(context, port, postgres is null ? null : connection, settings, cpu: null, cancellationToken: cancellationToken))
            {
            }

            var evaluations = await SeedAsync(context, connection, postgres is not null, cancellationToken);
            context.Log.WriteLine($"saves: {database}: {Counties} counties seeded; starting the portal");
            await using var portal = await PortalProcess.StartAsync(context, port, postgres is null ? null : connection, settings, cpu: null, cancellationToken: cancellationToken);
            var officials = new List<Official>();
            for (var i = 0; i < Counties; i++)
            {
                var signedIn = await portal.SignInAsync(UserName(i), cancellationToken);
                officials.Add(new Official(signedIn.Http, $"/Evaluations/{evaluations[i]}/Areas/{Area}"));
            }

            var parallel = new List<double>();
            var alone = new List<double>();
            double parallelCpu = 0, aloneCpu = 0; // the portal's CPU time over the timed POSTs (less sensitive to a busy machine)
            var loads = new List<string>();
            for (var round = 0; round < rounds; round++)
            {
                var counted = round >= WarmRounds;
                loads.Add(Load());

                // 50 at once: every page read first (not timed), then the 50 POSTs released together.
                await Task.WhenAll(officials.Select(o => o.PrepareAsync(cancellationToken)));
                var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var burst = officials.Select(async o =>
                {
                    await go.Task;
                    return await o.SaveAsync(cancellationToken);
                }).ToList();
                var cpu = CpuMs(portal.Pid);
                go.SetResult();
                var times = await Task.WhenAll(burst);
                if (counted) (parallel, parallelCpu) = ([.. parallel, .. times], parallelCpu + CpuMs(portal.Pid) - cpu);

                // One county alone, as many saves, one after another.
                for (var i = 0; i < Counties; i++)
                {
                    await officials[0].PrepareAsync(cancellationToken);
                    var before = CpuMs(portal.Pid);
                    var time = await officials[0].SaveAsync(cancellationToken);
                    if (counted) (alone, aloneCpu) = ([.. alone, time], aloneCpu + CpuMs(portal.Pid) - before);
                }

                context.Log.WriteLine($"saves: {database} round {round + 1}/{rounds}{(counted ? "" : " (warm-up)")}: 50 at once p95 {Percentile(times, 95):0} ms; " +
                                      $"failed so far {officials.Sum(o => o.Failures.Count)}; load {Load()}");
            }

            // Lost updates: every county's page shows the values of its last done save.
            var lost = 0;
            foreach (var official in officials) lost += await official.LostAsync(cancellationToken);
            var failures = officials.SelectMany(o => o.Failures).ToList();
            var saves = officials.Sum(o => o.Saves);
            var p95 = Percentile(parallel, 95);
            var aloneP95 = Percentile(alone, 95);
            var load = string.Join(", ", loads.Skip(WarmRounds));
            return
            [
                new CompareRow($"{database} · 50 counties at once, p95",
                    $"**{p95:0} ms** (p50 {Percentile(parallel, 50):0} ms, max {parallel.Max():0} ms, {parallel.Count} saves; server CPU {parallelCpu / parallel.Count:0.0} ms a save)",
                    $"≤ {GoalMs:0} ms", p95 <= GoalMs, $"load at each counted round {load}"),
                new CompareRow($"{database} · one county alone, p95",
                    $"**{aloneP95:0} ms** (p50 {Percentile(alone, 50):0} ms, {alone.Count} saves; server CPU {aloneCpu / alone.Count:0.0} ms a save); 50 at once ÷ alone = {p95 / aloneP95:0.0}×",
                    "unchanged or better than before", null),
                new CompareRow($"{database} · lost updates",
                    $"**{lost}** of {Counties} counties' {Fields} figures; {failures.Count} of {saves} saves not answered as done",
                    "0 and 0", lost == 0 && failures.Count == 0,
                    failures.Count == 0 ? null : string.Join("; ", failures.Take(3))),
            ];
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static int Fields;

    private static string UserName(int i) => $"bench.saves{i + 1:00}";

    // A database of its own beside the given one, made again on every run.
    private static async Task<string> ThrowawayAsync(string postgres, CancellationToken cancellationToken)
    {
        const string name = "eduduty_saves_bench";
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false };
        await using (var connection = new Npgsql.NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// The province 990000 with one city and 50 counties, each with a draft 2021 evaluation holding 夏县's complete figures and
    /// an official (the demo official's password hash: the demo password signs in). Returns the evaluations' ids in order.
    /// </summary>
    private static async Task<IReadOnlyList<int>> SeedAsync(CompareContext context, string connection, bool postgres, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduDuty"] = connection,
            ["Database:Provider"] = postgres ? "Postgres" : "Sqlite",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(_ => false));
        services.AddEduDutyApplication(configuration, context.Root);
        services.AddEduDutyIdentity(configuration);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var hash = await db.Users.Where(u => u.UserName == "xiaxian.official").Select(u => u.PasswordHash).SingleAsync(cancellationToken);
        var scheme = await db.Schemes.Where(s => s.Code == "SX-2021").OrderByDescending(s => s.Version).Select(s => s.Id).FirstAsync(cancellationToken);
        var figures = FiguresFileReader.Read(
            await File.ReadAllTextAsync(Path.Combine(context.Root, "src", "EduDuty.Application", "Demo", "Files", "xiaxian-2021.figures.json"), cancellationToken),
            BuiltInSchemes.Get("SX-2021")).File!.Values;

        var province = new Region { Code = Province, Name = "基准省", Level = RegionLevel.Province, Path = AdministrativeCode.PathOf(Province, null) };
        var city = new Region { Code = "990100", Name = "基准市", Level = RegionLevel.City, Parent = province, Path = AdministrativeCode.PathOf("990100", province.Path) };
        db.Regions.AddRange(province, city);
        var now = DateTime.UtcNow;
        var evaluations = new List<Evaluation>();
        for (var i = 0; i < Counties; i++)
        {
            var code = $"9901{i + 1:00}";
            var county = new Region { Code = code, Name = $"基准{i + 1}县", Level = RegionLevel.County, Parent = city, Path = AdministrativeCode.PathOf(code, city.Path) };
            var evaluation = new Evaluation { County = county, SchemeId = scheme, Year = 2021, Status = EvaluationStatus.Draft, CreatedAtUtc = now, UpdatedAtUtc = now };
            foreach (var (field, value) in figures)
            {
                var row = new FigureValue { FieldCode = field, Version = 1, UpdatedAtUtc = now };
                row.Assign(value);
                evaluation.Figures.Add(row);
            }

            db.Evaluations.Add(evaluation);
            evaluations.Add(evaluation);
        }

        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < Counties; i++)
        {
            var user = new AppUser { UserName = UserName(i), DisplayName = $"基准{i + 1}县填报员", RegionId = evaluations[i].CountyId, EmailConfirmed = true, PasswordHash = hash };
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, Roles.CountyOfficial));
        }

        return evaluations.Select(e => e.Id).ToList();

        static void Check(IdentityResult result)
        {
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static double Percentile(IReadOnlyCollection<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    // utime + stime of a process in ms (/proc/<pid>/stat, fields 14 and 15, in clock ticks of 10 ms).
    private static double CpuMs(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>One county's official at the area page: reads the form, sends it with the numbers doubled or back, keeps score.</summary>
    private sealed class Official(HttpClient http, string url)
    {
        private List<KeyValuePair<string, string>> _form = [];
        private Dictionary<string, decimal>? _seed; // the numbers as seeded: odd saves double them, even saves put them back
        private Dictionary<string, decimal>? _lastDone;

        public List<string> Failures { get; } = [];

        public int Saves { get; private set; }

        /// <summary>The page as the browser has it before the save (not timed): the token, bases and versions of now.</summary>
        public async Task PrepareAsync(CancellationToken cancellationToken)
        {
            var html = await http.GetStringAsync(url, cancellationToken);
            _form = ReadForm(html);
            if (_seed is null)
            {
                _seed = Numbers(_form);
                Fields = _form.Count(f => f.Key.StartsWith("Form.Values[", StringComparison.Ordinal));
            }
        }

        /// <summary>The POST of 保存本领域, timed to its whole answer; a done save answers with the redirect to the page.</summary>
        public async Task<double> SaveAsync(CancellationToken cancellationToken)
        {
            var wanted = _seed!.ToDictionary(n => n.Key, n => Saves % 2 == 0 ? n.Value * 2 : n.Value);
            var posted = _form.Select(f => f.Key.StartsWith("Form.Values[", StringComparison.Ordinal) && wanted.TryGetValue(Code(f.Key), out var n)
                ? new KeyValuePair<string, string>(f.Key, n.ToString(CultureInfo.InvariantCulture))
                : f).ToList();
            Saves++;
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsync(url, new FormUrlEncodedContent(posted), cancellationToken);
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
            watch.Stop();
            if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Split('?')[0] == url) _lastDone = wanted;
            else Failures.Add($"{url}: {(int)response.StatusCode} {response.Headers.Location}");
            return watch.Elapsed.TotalMilliseconds;
        }

        /// <summary>How many numbers on the page differ from what the last done save stored.</summary>
        public async Task<int> LostAsync(CancellationToken cancellationToken)
        {
            if (_lastDone is null) return 0;
            var shown = Numbers(ReadForm(await http.GetStringAsync(url, cancellationToken)));
            return _lastDone.Count(n => !shown.TryGetValue(n.Key, out var value) || value != n.Value);
        }

        private static Dictionary<string, decimal> Numbers(List<KeyValuePair<string, string>> form) => form
            .Where(f => f.Key.StartsWith("Form.Values[", StringComparison.Ordinal))
            .Select(f => (Code: Code(f.Key), Ok: decimal.TryParse(f.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n), Number: n))
            .Where(f => f.Ok)
            .ToDictionary(f => f.Code, f => f.Number, StringComparer.Ordinal);

        private static string Code(string name) => name["Form.Values[".Length..^1];
    }

    // What the area form posts: its hidden and text inputs, the checked radios, the text areas (as a browser would send them).
    private static List<KeyValuePair<string, string>> ReadForm(string html)
    {
        var start = html.IndexOf("id=\"area-form\"", StringComparison.Ordinal);
        if (start < 0) throw new InvalidOperationException("no area form on the page (read-only?)");
        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        var form = html[start..end];
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match element in FormElement().Matches(form))
        {
            var attributes = Attribute().Matches(element.Groups["attributes"].Value)
                .ToDictionary(a => a.Groups[1].Value, a => WebUtility.HtmlDecode(a.Groups[2].Value), StringComparer.OrdinalIgnoreCase);
            if (!attributes.TryGetValue("name", out var name) || attributes.ContainsKey("disabled")) continue;
            if (element.Groups["tag"].Value == "textarea")
            {
                fields.Add(new(name, WebUtility.HtmlDecode(element.Groups["content"].Value)));
                continue;
            }

            var type = attributes.GetValueOrDefault("type", "text");
            if (type is "radio" or "checkbox" && !attributes.ContainsKey("checked")) continue;
            if (type is "submit" or "button") continue;
            fields.Add(new(name, attributes.GetValueOrDefault("value", "")));
        }

        return fields;
    }

    [GeneratedRegex("<(?<tag>input|textarea)\\b(?<attributes>[^>]*)>(?:(?<content>[^<]*)</textarea>)?", RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex("([\\w:-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();
}
