using System.Diagnostics;
using System.Globalization;
using EduDuty.Application;
using EduDuty.Application.Security;
using EduDuty.Application.Surveys;
using EduDuty.Core.Regions;
using EduDuty.Core.Surveys;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EduDuty.Benchmarks.Compare;

/// <summary>
/// Issue 31 item 7: survey results at scale, on PostgreSQL (<c>--postgres</c> or EDUDUTY_TEST_PG). A database of its own
/// (eduduty_survey) with a benchmark province 990000 of 99 counties (one city), the example survey opened for it, and 1,000,000 public
/// answer sheets stored as the public questionnaire stores them — the answers (packed choices) AND their tallies on 8 shards,
/// made by SQL (generate_series), not row by row: 100,000 for the county 990101, about 9,184 for each of the 98 others;
/// every 50th sheet suspect. Then the results of the county (<see cref="SurveyResultsQuery"/>, one GROUP BY summing the
/// shards, and Core's statistics) and of the province (<see cref="RegionSurveyResults"/>), warm, median of
/// <c>--survey-runs</c> (default 15). Goals: ≤ 200 ms and ≤ 2 s. <c>--survey-sheets N</c> seeds N instead of 1,000,000.
/// </summary>
public sealed class SurveySection : ICompareSection
{
    public string Name => "survey";

    public string Title => "Survey results at scale: a county of 100,000 answer sheets and a province of 1,000,000, PostgreSQL (issue 31 item 7)";

    public async Task<IReadOnlyList<CompareRow>> RunAsync(CompareContext context, CancellationToken cancellationToken)
    {
        if (context.Postgres is not { } postgres) return [new CompareRow("survey", "skipped", "—", null, "give --postgres or EDUDUTY_TEST_PG")];
        var runs = int.Parse(context.Option("survey-runs") ?? "15", CultureInfo.InvariantCulture);
        var total = int.Parse(context.Option("survey-sheets") ?? "1000000", CultureInfo.InvariantCulture);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = "eduduty_survey" };
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false };
        await using (var connection = new Npgsql.NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var drop = new Npgsql.NpgsqlCommand("DROP DATABASE IF EXISTS eduduty_survey WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
            await using var create = new Npgsql.NpgsqlCommand("CREATE DATABASE eduduty_survey", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var services = Services(builder.ConnectionString);
        await DatabaseInitializer.InitializeAsync(services, seedDemoData: false);
        var watch = Stopwatch.StartNew();
        var (roundId, countyId, bigCounty) = await SeedAsync(services, builder.ConnectionString, total, context, cancellationToken);
        var seeded = watch.Elapsed;
        var viewer = new SurveyViewer([Core.Security.Roles.Admin], string.Empty);

        var county = await TimeAsync(services, runs, s => s.GetRequiredService<SurveyResultsQuery>().LoadAsync(roundId, countyId, viewer, cancellationToken), r => r.Value!.Counties.Single().Result.Counted);
        var province = await TimeAsync(services, runs, s => s.GetRequiredService<RegionSurveyResults>().LoadAsync(2021, "990000", viewer, cancellationToken), r => r.Value!.Sum(c => c.County.Result.Counted));
        return
        [
            new CompareRow("county results", $"{county.Median:0.0} ms (min {county.Min:0.0}, max {county.Max:0.0})", "≤ 200 ms", county.Median <= 200,
                $"{bigCounty:N0} sheets in the county, {county.Counted:N0} counted; seeded {total:N0} sheets and their tallies in {seeded.TotalSeconds:0} s"),
            new CompareRow("province results", $"{province.Median:0.0} ms (min {province.Min:0.0}, max {province.Max:0.0})", "≤ 2,000 ms", province.Median <= 2000,
                $"99 counties, {province.Counted:N0} counted sheets"),
        ];
    }

    private static async Task<(double Median, double Min, double Max, long Counted)> TimeAsync<T>(
        ServiceProvider services, int runs, Func<IServiceProvider, Task<T>> run, Func<T, long> counted)
    {
        var times = new List<double>();
        long count = 0;
        for (var i = 0; i < runs + 3; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            var result = await run(scope.ServiceProvider);
            watch.Stop();
            count = counted(result);
            if (i >= 3) times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[0], times[^1], count);
    }

    private static async Task<(int RoundId, int CountyId, int BigCounty)> SeedAsync(ServiceProvider services, string connectionString, int total, CompareContext context, CancellationToken cancellationToken)
    {
        int roundId, countyId;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EduDutyDbContext>();
            var province = new Region { Code = "990000", Name = "基准省", Level = RegionLevel.Province, Path = AdministrativeCode.PathOf("990000", null) };
            db.Regions.Add(province);
            await db.SaveChangesAsync(cancellationToken);
            var city = new Region { Code = "990100", Name = "基准市", Level = RegionLevel.City, ParentId = province.Id, Path = AdministrativeCode.PathOf("990100", province.Path) };
            db.Regions.Add(city);
            await db.SaveChangesAsync(cancellationToken);
            for (var k = 1; k <= 99; k++)
            {
                var code = $"9901{k:00}";
                db.Regions.Add(new Region { Code = code, Name = $"第{k}县", Level = RegionLevel.County, ParentId = city.Id, Path = AdministrativeCode.PathOf(code, city.Path) });
            }

            await db.SaveChangesAsync(cancellationToken);
            var example = await db.SurveyDefinitions.Where(d => d.Code == BuiltInSurveys.ExampleCode).Select(d => d.Id).SingleAsync(cancellationToken);
            var today = Core.Text.ChinaTime.Today(TimeProvider.System);
            var opened = await scope.ServiceProvider.GetRequiredService<OpenSurveyRound>().HandleAsync(
                new OpenSurveyInput(example, 2021, "990000", today, today.AddDays(30)), Actor.CommandLine, cancellationToken);
            if (!opened.IsDone) throw new InvalidOperationException(opened.Refusal);
            roundId = opened.Value!.RoundId;
            countyId = opened.Value.Counties.Single(c => c.Code == "990101").CountyId;
        }

        var big = Math.Min(100_000, total / 10);
        context.Log.WriteLine($"survey: seeding {total:N0} sheets (answers and tallies) by SQL");
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Sheet i (1 … total) goes to the big county when i ≤ big, else to one of the 99 others by i modulo 99. Its choices:
        // questions 1–2 single (4 options), 3–10 and 12 scale (level 1 + (i·q·7 + q) mod 6 … skewed to the satisfied),
        // 11 multiple (options 1 and 1 + i mod 7). Every 50th sheet is suspect (too fast): counted only as suspect.
        var sql = $"""
            CREATE TEMP TABLE sheet AS
            WITH others AS (SELECT array_agg(l."CountyId" ORDER BY l."CountyId") AS ids FROM "SurveyLinks" l WHERE l."RoundId" = {roundId} AND l."Channel" = 1 AND l."CountyId" <> {countyId})
            SELECT i, CASE WHEN i <= {big} THEN {countyId} ELSE others.ids[1 + i % array_length(others.ids, 1)] END AS county,
                   (i % 50 = 0) AS suspect, (i % 8)::smallint AS shard
            FROM generate_series(1, {total}) i CROSS JOIN others;
            CREATE TEMP TABLE choice AS
            SELECT s.i, s.county, s.shard, q.q::smallint AS q,
                   (CASE WHEN q.q IN (1, 2) THEN 1 + (s.i + q.q) % 4
                         WHEN q.q = 11 THEN 1
                         ELSE (ARRAY[1,1,1,2,2,3,4,5,6,1])[1 + (s.i * 7 + q.q * 3) % 10] END)::smallint AS o
            FROM sheet s CROSS JOIN generate_series(1, 12) q(q) WHERE NOT s.suspect
            UNION ALL
            SELECT s.i, s.county, s.shard, 11::smallint, (2 + s.i % 6)::smallint FROM sheet s WHERE NOT s.suspect;
            """;
        // The answers: the packed choices written out per sheet by the same rule as the choice table (no aggregation).
        static string Option(int q) => q is 1 or 2 ? $"(1 + (s.i + {q}) % 4)" : $"(ARRAY[1,1,1,2,2,3,4,5,6,1])[1 + (s.i * 7 + {q * 3}) % 10]";
        var packed = string.Join(" || ';' || ", Enumerable.Range(1, 12).Select(q => q == 11 ? "'11=1,' || (2 + s.i % 6)" : $"'{q}=' || {Option(q)}"));
        var answers = $"""
            INSERT INTO "SurveyAnswers" ("RoundId", "LinkId", "CountyId", "Group", "DeviceKey", "AddressKey", "SubmittedAtUtc", "Seconds", "Suspect", "Choices")
            SELECT {roundId}, l."Id", s.county, 1, md5(s.i::text) || md5('d' || s.i::text), md5((s.i % 5000)::text) || md5('a'), now() - (s.i || ' seconds')::interval,
                   CASE WHEN s.suspect THEN 5 ELSE 120 END, CASE WHEN s.suspect THEN 2 ELSE 0 END, {packed}
            FROM sheet s
            JOIN "SurveyLinks" l ON l."RoundId" = {roundId} AND l."CountyId" = s.county AND l."Channel" = 1;
            """;
        // The tallies as TallyKeys.Of makes them: (0,0) counted, (0,1) suspect, (q,0) answered, (q,o) chosen; per shard.
        var tallies = $"""
            INSERT INTO "SurveyTallies" ("RoundId", "CountyId", "Group", "Question", "Option", "Shard", "Count")
            SELECT {roundId}, county, 1, q, o, shard, count(*) FROM (
                SELECT county, shard, 0::smallint AS q, (CASE WHEN suspect THEN 1 ELSE 0 END)::smallint AS o FROM sheet
                UNION ALL SELECT DISTINCT ON (i, q) county, shard, q, 0::smallint FROM choice
                UNION ALL SELECT county, shard, q, o FROM choice) k
            GROUP BY county, q, o, shard;
            ANALYZE "SurveyAnswers"; ANALYZE "SurveyTallies";
            """;
        foreach (var (name, text) in new[] { ("sheets", sql), ("answers", answers), ("tallies", tallies) })
        {
            var watch = Stopwatch.StartNew();
            await using var command = new Npgsql.NpgsqlCommand(text, connection) { CommandTimeout = 3600 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            context.Log.WriteLine($"survey: {name} in {watch.Elapsed.TotalSeconds:0} s");
        }

        return (roundId, countyId, big);
    }

    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:EduDuty"] = connectionString,
            ["Database:Provider"] = "Postgres",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFilter(_ => false));
        services.AddEduDutyApplication(configuration, Directory.GetCurrentDirectory());
        services.AddEduDutyIdentity(configuration);
        return services.BuildServiceProvider();
    }
}
