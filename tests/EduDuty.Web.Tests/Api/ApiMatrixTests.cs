using EduDuty.Testing;
using EduDuty.Web.Tests.Api.Contract;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests.Api;

/// <summary>
/// The API's authorization matrix (issue 29): every documented operation × a token of each role (official, lead, supervisor,
/// another city's supervisor, admin, a service account of 运城市) × its scopes (read only; the scope the operation needs; all)
/// × the target (inside the token user's region; outside it) → the status, against the checked-in <c>api-matrix.csv</c>.
/// Each operation's request is its contract case's (written once, <c>Api/Contract/&lt;Area&gt;Cases.cs</c>). Beside the table,
/// two rules hold whatever it says: a token never gets a 2xx for a target outside its user's region, and a read-only token
/// never gets a 2xx from an operation that writes; the foreign requests change nothing (the data compared before and after).
/// Set EDUDUTY_RECORD_MATRIX=1 to write the observed table to api-matrix.csv.observed (the test then fails).
/// </summary>
public abstract class ApiMatrixTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private static readonly string[] ScopeSets = ["read", "need", "all"];

    private static string TablePath => Path.Combine(RepositoryPaths.Root, "tests", "EduDuty.Web.Tests", "Api", "api-matrix.csv");

    [Fact]
    public async Task Every_operation_token_and_target_has_the_recorded_status_and_no_token_reaches_outside_its_region_or_writes_with_read()
    {
        using var anonymous = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var contract = new OpenApiContract(await anonymous.GetStringAsync("/api/v1/openapi.json"));
        var targets = await ContractAccounts.TargetsAsync(Factory);
        using var clients = new TokenClients(Factory);

        // Each operation's sample request: its first case that succeeds (the request a client would send), else its first.
        var operations = contract.Operations
            .Select(o => (Operation: o, Case: ContractCases.All.Where(c => c.OperationId == o.Id).OrderBy(c => c.Status is >= 200 and < 300 ? 0 : 1).FirstOrDefault()))
            .ToList();
        var uncovered = operations.Where(o => o.Case is null).Select(o => o.Operation.Id).ToList();
        Assert.True(uncovered.Count == 0, "operations with no contract case: " + string.Join(", ", uncovered));
        // Reading operations first; then the writing ones, whose own calls may change what later calls find.
        operations = operations.OrderBy(o => o.Case!.Writes).ThenBy(o => o.Operation.Id, StringComparer.Ordinal).ToList();

        var columns = ContractAccounts.Roles.SelectMany(r => ScopeSets.SelectMany(s => new[] { $"{r.Role}_{s}_own", $"{r.Role}_{s}_foreign" })).ToList();
        var observed = operations.ToDictionary(o => o.Operation.Id, _ => new Dictionary<string, string>());
        var violations = new List<string>();

        // The status as text; "no-token" where the role may not hold the scopes (the token is never made: scopes only narrow).
        async Task<string> CallAsync(string? account, IReadOnlyList<string>? scopes, SampleRequest sample)
        {
            var client = await clients.ForAsync(account, scopes);
            if (client is null) return "no-token";
            using var request = sample.Message();
            using var response = await client.SendAsync(request);
            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        static bool Success(string status) => status.Length == 3 && status[0] == '2';

        // "need": the operation's scope — of alternatives (decided by role), read and the first the role may hold.
        async Task<IReadOnlyList<string>?> ScopesAsync(string set, OpenApiContract.Operation operation, string? account) => set switch
        {
            "read" => [Core.Security.ApiScopes.Read],
            "need" => operation.Scopes.Count == 1 ? operation.Scopes
                // alternatives: the endpoint's policy is read, then the one its role needs (ApiDoc.AnyOfScopes)
                : [Core.Security.ApiScopes.Read, (await clients.AllowedAsync(account ?? TokenClients.ServiceAccount)).Intersect(operation.Scopes).Append(operation.Scopes[0]).First()],
            _ => null, // every scope the role may hold
        };

        // Foreign targets first, with the data compared before and after: they must change nothing.
        var before = await SnapshotAsync();
        foreach (var (operation, sample) in operations)
            foreach (var (role, account) in ContractAccounts.Roles)
                foreach (var set in ScopeSets)
                {
                    if (!sample!.Regional)
                    {
                        observed[operation.Id][$"{role}_{set}_foreign"] = "-";
                        continue;
                    }

                    var status = await CallAsync(account, await ScopesAsync(set, operation, account), sample.Request(targets[role].Foreign));
                    observed[operation.Id][$"{role}_{set}_foreign"] = status;
                    if (Success(status)) violations.Add($"{operation.Id} as {role} ({set}) reached outside its region: {status}");
                }

        Assert.Equal(before, await SnapshotAsync());

        foreach (var (operation, sample) in operations)
            foreach (var (role, account) in ContractAccounts.Roles)
                foreach (var set in ScopeSets)
                {
                    var status = await CallAsync(account, await ScopesAsync(set, operation, account), sample!.Request(targets[role].Own));
                    observed[operation.Id][$"{role}_{set}_own"] = status;
                    if (sample.Writes && set == "read" && Success(status)) violations.Add($"{operation.Id} as {role} wrote with a read-only token: {status}");
                }

        if (Environment.GetEnvironmentVariable("EDUDUTY_RECORD_MATRIX") == "1")
        {
            var table = new List<string> { "operation," + string.Join(',', columns) };
            table.AddRange(operations.OrderBy(o => o.Operation.Id, StringComparer.Ordinal)
                .Select(o => o.Operation.Id + "," + string.Join(',', columns.Select(c => observed[o.Operation.Id].GetValueOrDefault(c, "?")))));
            await File.WriteAllLinesAsync(TablePath + ".observed", table);
            Assert.Fail($"recorded {operations.Count} operations to {TablePath}.observed; review it and copy it over api-matrix.csv");
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        var lines = await File.ReadAllLinesAsync(TablePath);
        Assert.Equal("operation," + string.Join(',', columns), lines[0]);
        var expected = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(cells => cells[0], cells => columns.Select((c, i) => (c, cells[i + 1])).ToDictionary(x => x.c, x => x.Item2));
        var missing = operations.Where(o => !expected.ContainsKey(o.Operation.Id)).Select(o => o.Operation.Id).ToList();
        Assert.True(missing.Count == 0, "operations missing from api-matrix.csv (record it: EDUDUTY_RECORD_MATRIX=1):\n" + string.Join("\n", missing));
        var mismatches = operations.SelectMany(o => columns.Where(c => expected[o.Operation.Id][c] != observed[o.Operation.Id][c])
            .Select(c => $"{o.Operation.Id} {c}: expected {expected[o.Operation.Id][c]}, got {observed[o.Operation.Id][c]}")).ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    // Everything a request could change.
    private Task<string> SnapshotAsync() => Factory.WithDbAsync(async db => string.Join('|',
        await db.FigureValues.CountAsync(), await db.AreaNarratives.CountAsync(), await db.AuditEntries.CountAsync(),
        await db.ReviewComments.CountAsync(), await db.EvaluationTransitions.CountAsync(), await db.ReportSettings.CountAsync(),
        await db.Deadlines.CountAsync(), await db.Users.CountAsync(), await db.Regions.CountAsync(), await db.AdminAuditEntries.CountAsync(a => a.Action != Data.Entities.AdminAction.CreateToken), // tokens are made as the matrix goes
        string.Join(';', await db.Evaluations.OrderBy(e => e.Id).Select(e => e.Status.ToString() + e.ExtendedTo + e.UpdatedAtUtc).ToListAsync()),
        string.Join(';', await db.Regions.OrderBy(r => r.Id).Select(r => r.Name).ToListAsync())));
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteApiMatrixTests(SqlitePortalFactory factory) : ApiMatrixTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresApiMatrixTests(PostgresPortalFactory factory) : ApiMatrixTests<PostgresPortalFactory>(factory);
