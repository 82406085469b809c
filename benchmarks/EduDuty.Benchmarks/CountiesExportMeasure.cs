using System.Diagnostics;
using EduDuty.Application;
using EduDuty.Application.Excel;
using EduDuty.Application.Security;
using EduDuty.Core.Figures;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduDuty.Benchmarks;

/// <summary>
/// The every-county workbook at province scale, measured in a process of its own (docs/performance.md):
/// <c>counties-export seed &lt;n&gt; &lt;db&gt;</c> makes an embedded database with n counties under 30 cities of a province 990000,
/// each with the golden 闻喜 figures (the preschool enrolment varied so that a third fail 毛入园率); <c>counties-export run &lt;db&gt;</c>
/// exports the province and prints the time, the peak resident memory of the process and the bytes allocated.
/// </summary>
internal static class CountiesExportMeasure
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["seed", var n, var path]:
                await SeedAsync(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture), path);
                return 0;
            case ["run", var path]:
                await ExportAsync(path);
                return 0;
            case ["home", var path]:
                await HomeAsync(path);
                return 0;
            case ["pages", var path]:
                await PagesAsync(path);
                return 0;
            case ["summaries", var path, var shape]:
                await SummariesAsync(path, shape);
                return 0;
            case ["reports", var path]:
                await ReportsZipAsync(path);
                return 0;
            default:
                Console.Error.WriteLine("usage: counties-export seed <n> <db> | run <db> | home <db> | reports <db>");
                return 2;
        }
    }

    // An SQLite file by its path, or (postgres) a PostgreSQL database by its connection string.
    private static ServiceProvider Services(string path, bool postgres = false)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduDuty"] = postgres ? path : $"Data Source={path}",
            ["Database:Provider"] = postgres ? "Postgres" : "Sqlite",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(_ => false));
        services.AddEduDutyApplication(configuration, Directory.GetCurrentDirectory());
        services.AddEduDutyIdentity(configuration);
        return services.BuildServiceProvider();
    }

    private static Task SeedAsync(int count, string path) => SeedAsync(count, path, postgres: false);

    /// <summary>
    /// n filled counties under the province 990000 (see the class); with <paramref name="admin"/>, also an administrator of the
    /// province by that user name with the demo password, for measuring the portal over HTTP (compare mode, section scale).
    /// </summary>
    internal static async Task SeedAsync(int count, string path, bool postgres, string? admin = null)
    {
        await using var services = Services(path, postgres);
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var scheme = await db.Schemes.Where(s => s.Code == "SX-2021").Select(s => s.Id).FirstAsync();
        var golden = FiguresFileReader.Read(await File.ReadAllTextAsync(Path.Combine(Root(), "tests", "fixtures", "sx-2021", "golden-wenxi-2021.json")),
            BuiltInSchemes.Get("SX-2021")).File!.Values;

        var province = new Region { Code = "990000", Name = "基准省", Level = RegionLevel.Province, Path = AdministrativeCode.PathOf("990000", null) };
        db.Regions.Add(province);
        await db.SaveChangesAsync();
        var now = DateTime.UtcNow;
        for (var c = 0; c * 95 < count; c++)
        {
            var cityCode = $"99{c + 1:00}00";
            var city = new Region { Code = cityCode, Name = $"第{c + 1}市", Level = RegionLevel.City, ParentId = province.Id, Path = AdministrativeCode.PathOf(cityCode, province.Path) };
            db.Regions.Add(city);
            await db.SaveChangesAsync();
            for (var k = 0; k < 95 && c * 95 + k < count; k++)
            {
                var code = $"99{c + 1:00}{k + 1:00}";
                var county = new Region { Code = code, Name = $"第{c * 95 + k + 1}县", Level = RegionLevel.County, ParentId = city.Id, Path = AdministrativeCode.PathOf(code, city.Path) };
                var evaluation = new Evaluation { County = county, SchemeId = scheme, Year = 2021, Status = EvaluationStatus.Draft, CreatedAtUtc = now, UpdatedAtUtc = now };
                foreach (var (field, value) in golden)
                {
                    var row = new FigureValue { FieldCode = field, Version = 1, UpdatedAtUtc = now };
                    row.Assign(field == "A10.02" && k % 3 == 0 ? FieldValue.Of(value.Number * 0.8m) : value);
                    evaluation.Figures.Add(row);
                }

                db.Evaluations.Add(evaluation); // with its figures: change detection is off
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        if (admin is not null)
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = new AppUser { UserName = admin, DisplayName = "基准省管理员", RegionId = province.Id, EmailConfirmed = true };
            user.PasswordHash = users.PasswordHasher.HashPassword(user, EduDuty.Application.Demo.DemoData.DemoPassword);
            if (!(await users.CreateAsync(user)).Succeeded || !(await users.AddToRoleAsync(user, EduDuty.Core.Security.Roles.Admin)).Succeeded)
                throw new InvalidOperationException($"could not create {admin}");
            await DatabaseInitializer.InitializeAsync(services, seedDemoData: false); // the summaries, before a portal starts on it
        }

        Console.Error.WriteLine($"seeded {count} counties into {(postgres ? "PostgreSQL" : path)}");
    }

    // The home page's query for an administrator of every region, warm, 20 times: summaries, not evaluations (issue 15).
    private static async Task HomeAsync(string path)
    {
        await using var services = Services(path);
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false); // computes summaries the first time
        var times = new List<double>();
        var count = 0;
        for (var i = 0; i < 23; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            var home = await scope.ServiceProvider.GetRequiredService<EduDuty.Application.Evaluations.HomeQuery>().HandleAsync(Actor.CommandLine, CancellationToken.None);
            watch.Stop();
            count = home.Evaluations.Total;
            if (i >= 3) times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"home, {count} evaluations: median {times[times.Count / 2]:0} ms, min {times[0]:0} ms, max {times[^1]:0} ms");
    }

    // The use cases behind the lists and oversight pages for the province's admin, warm, median of 20 (issue 15: at 2,800
    // counties at most 5 times their time at 6). The page's HTML is not rendered here: it is bounded by the page size.
    private static async Task PagesAsync(string path)
    {
        await using var services = Services(path);
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        var admin = new Actor("bench", "基准省管理员", [EduDuty.Core.Security.Roles.Admin], AdministrativeCode.PathOf("990000", null));
        var cases = new (string Name, Func<IServiceProvider, Task> Run)[]
        {
            ("home (page 1)", s => s.GetRequiredService<EduDuty.Application.Evaluations.HomeQuery>().HandleAsync(admin, 1, CancellationToken.None)),
            ("督导总览", s => s.GetRequiredService<EduDuty.Application.Oversight.OversightQuery>().HandleAsync(admin, 2021, null, "990000", null, CancellationToken.None)),
            ("督导总览 · its year choices", s => s.GetRequiredService<CountiesWorkbookExport>().OptionsAsync(admin, CancellationToken.None)),
            ("督导总览 · its selection", s => s.GetRequiredService<CountiesWorkbookExport>().ResolveAsync(admin, 2021, null, "990000", CancellationToken.None)),
            ("督导总览 · its counties read", async s => { var (sel, _) = await s.GetRequiredService<CountiesWorkbookExport>().ResolveAsync(admin, 2021, null, "990000", CancellationToken.None); await s.GetRequiredService<EduDuty.Application.Oversight.RegionCountiesQuery>().LoadAsync(sel!, CancellationToken.None, _ => "A10.03"); }),
            ("综合报告 (built)", s => s.GetRequiredService<EduDuty.Application.Oversight.Rollup.RollupReports>().LoadAsync(admin, 2021, null, "990000", CancellationToken.None)),
            ("year page (page 1)", s => s.GetRequiredService<EduDuty.Application.Administration.EvaluationYears>().ViewAsync(admin, null, 2021, null, 1, CancellationToken.None)),
            ("users (page 1)", s => s.GetRequiredService<EduDuty.Application.Administration.UserQueries>().ListAsync(admin, new EduDuty.Application.Administration.UserFilter(null, null, null), 1, CancellationToken.None)),
            ("regions (top level)", s => s.GetRequiredService<EduDuty.Application.Administration.RegionAdministration>().BranchAsync(admin, null, null, 1, CancellationToken.None)),
        };
        var counties = await services.CreateAsyncScope().ServiceProvider.GetRequiredService<EduDutyDbContext>().Regions.CountAsync(r => r.Level == RegionLevel.County);
        foreach (var (name, run) in cases)
        {
            var times = new List<double>();
            for (var i = 0; i < 23; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var watch = Stopwatch.StartNew();
                await run(scope.ServiceProvider);
                watch.Stop();
                if (i >= 3) times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"{counties} counties · {name}: median {times[times.Count / 2]:0.0} ms (min {times[0]:0.0}, max {times[^1]:0.0})");
        }
    }

    // Every county's report PDF of the province in one ZIP (issue 15: 120 reports within 10 s on two cores), written to a file:
    // first in a cold process (fonts read, code compiled on the way), then again warm, as a portal that has served a while.
    private static async Task ReportsZipAsync(string path)
    {
        for (var run = 1; run <= 3; run++) await ReportsZipOnceAsync(path, run == 1 ? "cold" : "warm");
    }

    private static async Task ReportsZipOnceAsync(string path, string label)
    {
        await using var services = Services(path);
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        await using var scope = services.CreateAsyncScope();
        var (resolved, refusal) = await scope.ServiceProvider.GetRequiredService<CountiesWorkbookExport>().ResolveAsync(Actor.CommandLine, 2021, null, "990000", CancellationToken.None);
        if (resolved is null) throw new InvalidOperationException(refusal);
        var zip = scope.ServiceProvider.GetRequiredService<EduDuty.Application.Reports.CountyReportsZip>();

        var output = Path.Combine(Path.GetTempPath(), $"reports-{Guid.NewGuid():N}.zip");
        var watch = Stopwatch.StartNew();
        await using (var file = File.Create(output))
        {
            await zip.WriteAsync(Actor.CommandLine, resolved, file, CancellationToken.None);
        }

        watch.Stop();
        using var archive = System.IO.Compression.ZipFile.OpenRead(output);
        Console.WriteLine($"{label}: reports {archive.Entries.Count}: {watch.Elapsed.TotalSeconds:0.00} s on {Environment.ProcessorCount} cores, " +
                          $"zip {new FileInfo(output).Length / 1024.0 / 1024:0.0} MB, peak resident {Resident("VmHWM") / 1024} MB");
        archive.Dispose();
        File.Delete(output);
    }

    // The API's region summaries of the province as NDJSON (issue 29), in a process of its own: "stream" through the API's own
    // path (RegionSummaries → NdjsonFile), "list" as a list of every county read first (LoadForRollupAsync) for contrast.
    // Written to a null stream twice (the first warms the code); the second run's allocation and the process's peak resident
    // set are printed, with the live managed heap sampled every 100 counties (its largest value).
    private static async Task SummariesAsync(string path, string shape)
    {
        await using var services = Services(path);
        var admin = new Actor("bench", "基准省管理员", [EduDuty.Core.Security.Roles.Admin], AdministrativeCode.PathOf("990000", null));
        var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        long counties = 0, allocated = 0, peakHeap = 0;
        var watch = new Stopwatch();
        for (var run = 0; run < 2; run++)
        {
            await using var scope = services.CreateAsyncScope();
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            peakHeap = GC.GetTotalMemory(forceFullCollection: false);
            watch.Restart();
            var opened = await scope.ServiceProvider.GetRequiredService<EduDuty.Application.Oversight.RegionSummaries>().OpenAsync(admin, 2021, "990000", CancellationToken.None);
            var items = opened.Value!.Counties;
            if (shape == "list")
            {
                var (selection, _) = await scope.ServiceProvider.GetRequiredService<CountiesWorkbookExport>().ResolveAsync(admin, 2021, null, "990000", CancellationToken.None);
                var all = (await scope.ServiceProvider.GetRequiredService<EduDuty.Application.Oversight.RegionCountiesQuery>().LoadForRollupAsync(selection!, CancellationToken.None))
                    .Counties.Select(EduDuty.Application.Oversight.CountySummary.Of).ToList();
                items = all.ToAsyncEnumerable();
            }

            var n = 0L;
            async IAsyncEnumerable<EduDuty.Application.Oversight.CountySummary> Sampled(IAsyncEnumerable<EduDuty.Application.Oversight.CountySummary> source)
            {
                await foreach (var item in source)
                {
                    if (++n % 100 == 0) peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                    yield return item;
                }
            }

            counties = await EduDuty.Application.Exports.NdjsonFile.WriteAsync(Stream.Null, Sampled(items), json, CancellationToken.None);
            watch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        Console.WriteLine($"summaries {shape}: {counties} counties, {watch.Elapsed.TotalMilliseconds:0} ms, allocated {allocated / 1024.0 / 1024:0.0} MB " +
                          $"({allocated / Math.Max(1, counties) / 1024.0:0.0} KB a county), managed heap at most {peakHeap / 1024.0 / 1024:0.0} MB, " +
                          $"peak resident {Resident("VmHWM") / 1024} MB");
    }

    private static async Task ExportAsync(string path)
    {
        await using var services = Services(path);
        await using var scope = services.CreateAsyncScope();
        var export = scope.ServiceProvider.GetRequiredService<CountiesWorkbookExport>();
        var (resolved, refusal) = await export.ResolveAsync(Actor.CommandLine, 2021, null, "990000", CancellationToken.None);
        if (resolved is null) throw new InvalidOperationException(refusal);

        var output = Path.Combine(Path.GetTempPath(), $"counties-{Guid.NewGuid():N}.xlsx");
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var baseline = Resident("VmRSS");
        var watch = Stopwatch.StartNew();
        await using (var file = File.Create(output))
        {
            await export.WriteAsync(resolved, file, CancellationToken.None);
        }

        watch.Stop();
        var size = new FileInfo(output).Length;
        File.Delete(output);
        Console.WriteLine(
            $"counties {await scope.ServiceProvider.GetRequiredService<EduDutyDbContext>().Regions.CountAsync(r => r.Level == RegionLevel.County && r.Code.StartsWith("99"))}: " +
            $"{watch.Elapsed.TotalSeconds:0.00} s, file {size / 1024.0 / 1024:0.0} MB, resident before {baseline / 1024} MB, peak {Resident("VmHWM") / 1024} MB, " +
            $"allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024 / 1024} MB");
    }

    // Kilobytes from /proc/self/status: the resident set now (VmRSS) or at its highest (VmHWM).
    private static long Resident(string key) =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture)).Single();

    private static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EduDuty.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
