using System.Net;
using AngleSharp.Dom;
using EduDuty.Testing;
using EduDuty.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Web.Tests.Authorization;

/// <summary>
/// Every page handler and endpoint × every role of two provinces (山西省 and a second one, 河北省, with its own admin, city
/// supervisor and county users) × own / foreign / non-existent evaluation, against the checked-in table
/// <c>matrix.csv</c>. Outcomes: an HTTP status, LOGIN (sent to sign-in), DENIED (sent to the access-denied page) or 302 (any
/// other redirect); "-" where a route has no
/// evaluation. Set EDUDUTY_RECORD_MATRIX=1 to print the observed table (the test then fails, so a recording never passes).
/// </summary>
public abstract class AuthorizationMatrixTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    // "department": a 部门填报人员 of 闻喜县 (the seed's caizheng, 财政局; issue 30): only its own pages, nothing of the county's.
    private static readonly string[] Roles = ["official", "lead", "supervisor", "othersupervisor", "admin", "official2", "lead2", "supervisor2", "admin2", "department"];
    private static readonly Dictionary<string, string> Users = new()
    {
        ["official"] = "wenxi.official", ["lead"] = "wenxi.lead", ["supervisor"] = "yuncheng.supervisor",
        ["othersupervisor"] = "jincheng.supervisor", ["admin"] = "shanxi.admin",
        ["official2"] = "changan.official", ["lead2"] = "changan.lead", ["supervisor2"] = "shijiazhuang.supervisor", ["admin2"] = "hebei.admin",
        ["department"] = "wenxi.caizheng",
    };

    // Names no response may show to the other province's users, whatever they ask for.
    private static readonly string[] Shanxi = ["闻喜县", "运城市", "泽州县"];
    private static readonly string[] Hebei = ["长安区", "石家庄市"];

    private static string TablePath => Path.Combine(RepositoryPaths.Root, "tests", "EduDuty.Web.Tests", "Authorization", "matrix.csv");

    [Fact]
    public async Task Every_endpoint_role_and_case_has_the_expected_outcome_and_foreign_requests_change_and_show_nothing()
    {
        await SecondProvince.SetUpAsync(Factory);
        EndpointCase.SurveyRoundId = await SurveyRounds.OpenAsync(Factory.Services);
        EndpointCase.SurveyCountyId = await SurveyRounds.CountyIdAsync(Factory.Services, "140823");
        var endpoints = (await EndpointCatalog.DiscoverAsync(Factory.Services))
            .OrderBy(e => e.Key == "POST /Account/Logout -" ? 1 : 0) // signing out ends the role's session: last
            .ToList();
        var wenxi = await Wenxi.EvaluationIdAsync(Factory);
        var zezhou = await Wenxi.EvaluationIdAsync(Factory, "140525");
        var changan = await SecondProvince.EvaluationIdAsync(Factory);
        const int none = 987654;

        var clients = new Dictionary<string, (PortalClient Client, string Token)>();
        foreach (var role in Roles)
        {
            var client = await PortalClient.For(Factory).SignedInAsync(Users[role]);
            clients[role] = (client, Token(await client.GetDocumentAsync("/")));
        }

        var anonymous = PortalClient.For(Factory);
        clients["anonymous"] = (anonymous, Token(await anonymous.GetDocumentAsync("/Account/Login")));

        static bool Second(string role) => role.EndsWith('2');
        int Own(string role) => Second(role) ? changan : role == "othersupervisor" ? zezhou : wenxi;
        int Foreign(string role) => Second(role) ? wenxi : role == "othersupervisor" ? wenxi : zezhou;
        string ForeignCounty(string role) => Second(role) ? "闻喜县" : role == "othersupervisor" ? "闻喜县" : "泽州县";

        var observed = endpoints.ToDictionary(e => e.Key, _ => new Dictionary<string, string>());
        var leaks = new List<string>();

        // Foreign and non-existent cases first, with the data before and after compared.
        // These requests must change nothing (the snapshot proves it), so the roles run side by side, each its endpoints in order:
        // the phase is most of the matrix's requests, and the test command's longest path (decision 0029's gate keeps
        // renderings few at a time whatever the callers).
        var before = await SnapshotAsync();
        var foreignResults = await Task.WhenAll(Roles.Select(async role =>
        {
            var found = new List<(string Endpoint, string Column, string Status, string? Leak)>();
            foreach (var endpoint in endpoints.Where(e => e.HasEvaluation))
            {
                var (status, body) = await CallAsync(clients[role], endpoint, Foreign(role));
                var leak = role != "admin" && body.Contains(ForeignCounty(role), StringComparison.Ordinal) ? $"{endpoint.Key} as {role}" : null;
                found.Add((endpoint.Key, $"{role}_foreign", status, leak));
                if (ChecksNonExistent) found.Add((endpoint.Key, $"{role}_none", (await CallAsync(clients[role], endpoint, none)).Status, null));
            }

            return found;
        }));
        foreach (var (endpoint, column, status, leak) in foreignResults.SelectMany(r => r))
        {
            observed[endpoint][column] = status;
            if (leak is not null) leaks.Add(leak);
        }

        Assert.Equal(before, await SnapshotAsync());
        Assert.True(leaks.Count == 0, "foreign data in responses:\n" + string.Join("\n", leaks));

        foreach (var endpoint in endpoints)
        {
            observed[endpoint.Key]["anonymous"] = (await CallAsync(clients["anonymous"], endpoint, wenxi)).Status;
            foreach (var role in Roles)
            {
                var (status, body) = await CallAsync(clients[role], endpoint, Own(role));
                observed[endpoint.Key][$"{role}_own"] = status;
                if ((Second(role) ? Shanxi : Hebei).FirstOrDefault(name => body.Contains(name, StringComparison.Ordinal)) is { } leaked)
                    leaks.Add($"{endpoint.Key} as {role} shows {leaked}");
                if (!endpoint.HasEvaluation)
                {
                    observed[endpoint.Key][$"{role}_foreign"] = "-";
                    observed[endpoint.Key][$"{role}_none"] = "-";
                }
            }
        }

        var columns = new[] { "anonymous" }.Concat(Roles.SelectMany(r => new[] { $"{r}_own", $"{r}_foreign", $"{r}_none" })).ToList();
        if (Environment.GetEnvironmentVariable("EDUDUTY_RECORD_MATRIX") == "1")
        {
            var table = new List<string> { "endpoint," + string.Join(',', columns) };
            table.AddRange(endpoints.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "," + string.Join(',', columns.Select(c => observed[e.Key].GetValueOrDefault(c, "?")))));
            await File.WriteAllLinesAsync(TablePath + ".observed", table);
            Assert.Fail($"recorded {endpoints.Count} endpoints to {TablePath}.observed; review it and copy it over matrix.csv");
        }

        var lines = await File.ReadAllLinesAsync(TablePath);
        // The table's header must be exactly these columns: a table recorded for fewer roles must not pass by matching a prefix.
        Assert.Equal("endpoint," + string.Join(',', columns), lines[0]);
        var expected = lines.Skip(1).Select(l => l.Split(','))
            .ToDictionary(cells => cells[0], cells => columns.Select((c, i) => (c, cells[i + 1])).ToDictionary(x => x.c, x => x.Item2));
        var missing = endpoints.Where(e => !expected.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        Assert.True(missing.Count == 0, "endpoints missing from matrix.csv (add a row with the outcome each role must get):\n" + string.Join("\n", missing));

        var mismatches = endpoints
            .SelectMany(e => columns.Where(c => observed[e.Key].ContainsKey(c) && expected[e.Key][c] != observed[e.Key][c]).Select(c => $"{e.Key} {c}: expected {expected[e.Key][c]}, got {observed[e.Key][c]}"))
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(leaks.Count == 0, "the other province's data in responses:\n" + string.Join("\n", leaks));
        Assert.True(endpoints.Count >= 30, $"only {endpoints.Count} endpoints found");

        // Anyone without an account reaches only the sign-in pages, the error page, the health probe, static files, the
        // public pages (公示 and verification) and the API's reference page; every other endpoint sends them to sign in.
        // The API (issue 29) answers them 401 problem+json instead: it has no sign-in page, and a cookie counts for nothing there.
        var open = endpoints.Where(e => observed[e.Key]["anonymous"] != "LOGIN")
            .Where(e => !(e.Route.StartsWith("/api/", StringComparison.Ordinal) && observed[e.Key]["anonymous"] == "401"))
            .Select(e => e.Route).Distinct().ToList();
        Assert.All(open, route => Assert.True(
            route.StartsWith("/Account/", StringComparison.Ordinal) || route is "/Error" or "/healthz" || route.StartsWith("/lib/", StringComparison.Ordinal)
            || route.StartsWith("/public/", StringComparison.Ordinal)
            || route.StartsWith("/api/docs", StringComparison.Ordinal), // the API's reference page: it describes, it holds no data (decision 0051)
            $"{route} answers an anonymous caller without sign-in"));
        Assert.All(endpoints.Where(e => e.Route.StartsWith("/public/", StringComparison.Ordinal)),
            e => Assert.NotEqual("LOGIN", observed[e.Key]["anonymous"]));
    }

    /// <summary>
    /// Whether the "none" columns (an evaluation that does not exist) are asked. An unknown id is refused by the lookup of the
    /// evaluation and its region scope before anything a provider could answer differently; asked on SQLite only, it saves
    /// the PostgreSQL matrix a quarter of its requests, and the test command's time.
    /// </summary>
    protected virtual bool ChecksNonExistent => true;

    private static async Task<(string Status, string Body)> CallAsync((PortalClient Client, string Token) caller, EndpointCase endpoint, int evaluationId)
    {
        var url = endpoint.Url(evaluationId);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
        if (endpoint.Method == "POST") request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = caller.Token });
        using var response = await caller.Client.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var location = response.Headers.Location;
        var path = location is null ? string.Empty : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString;
        var status = response.StatusCode == HttpStatusCode.Redirect
            ? path.StartsWith("/Account/Login", StringComparison.Ordinal) ? "LOGIN"
                : path.StartsWith("/Account/AccessDenied", StringComparison.Ordinal) ? "DENIED" : "302"
            : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (status, body);
    }

    private static string Token(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

    // Everything a request could change, for the foreign county and the rest.
    private Task<string> SnapshotAsync() => Factory.WithDbAsync(async db => string.Join('|',
        await db.FigureValues.CountAsync(), await db.AreaNarratives.CountAsync(), await db.AuditEntries.CountAsync(),
        await db.ReviewComments.CountAsync(), await db.EvaluationTransitions.CountAsync(), await db.ReportSettings.CountAsync(),
        await db.Deadlines.CountAsync(), await db.Users.CountAsync(),
        await db.Departments.CountAsync(), await db.FieldAssignments.CountAsync(), await db.DepartmentFieldStates.CountAsync(),
        string.Join(';', await db.Evaluations.OrderBy(e => e.Id).Select(e => e.Status.ToString() + e.ExtendedTo + e.UpdatedAtUtc).ToListAsync())));
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteAuthorizationMatrixTests(SqlitePortalFactory factory) : AuthorizationMatrixTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresAuthorizationMatrixTests(PostgresPortalFactory factory) : AuthorizationMatrixTests<PostgresPortalFactory>(factory)
{
    protected override bool ChecksNonExistent => false;
}
