using System.Net;
using System.Text.Json.Nodes;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>
/// The API's contract (issue 29, decision 0051): the served OpenAPI document (read without a token) lists the API and only
/// the API, with the bearer scheme and each operation's scope and problem responses; every documented operation has a
/// contract case (<c>&lt;Area&gt;Cases.cs</c>), and every case calls it with a real token and finds the response — status,
/// media type and body — as the document says (JsonSchema.Net over the document's own schemas). Without a token each
/// operation answers 401 problem+json as documented.
/// </summary>
public abstract class ApiContractTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    [Fact]
    public async Task Every_documented_operation_is_called_with_a_real_token_and_answers_as_its_document_says()
    {
        using var anonymous = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var served = await anonymous.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var contract = new OpenApiContract(await served.Content.ReadAsStringAsync());
        var document = contract.Document;

        // The document: OpenAPI 3.1, titled in Chinese and English, the API only, the bearer scheme, each operation's scope.
        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("履行教育职责评价", document["info"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("evaluation API", document["info"]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
        Assert.All(document["paths"]!.AsObject(), p => Assert.StartsWith("/api/v1/", p.Key, StringComparison.Ordinal));
        Assert.True(contract.Operations.Count >= 4, $"only {contract.Operations.Count} operations documented");
        foreach (var operation in contract.Operations)
        {
            Assert.True(operation.Scopes.Count >= 1, $"{operation.Id} names no scope");
            // One security requirement per scope (alternatives when the endpoint decides by role), each naming its scope.
            var requirements = operation.Node["security"]!.AsArray().Select(r => r!["bearer"]!.AsArray().Single()!.GetValue<string>()).ToList();
            Assert.Equal(operation.Scopes, requirements);
            foreach (var status in new[] { 401, 403 })
                Assert.True(operation.Response(status)?["content"]?["application/problem+json"] is not null, $"{operation.Id} does not document {status} problem+json");
            Assert.False(string.IsNullOrWhiteSpace(operation.Node["summary"]?.GetValue<string>()), $"{operation.Id} has no summary");
        }

        // Every documented operation has a case; every case names a documented operation.
        var cases = ContractCases.All;
        var missing = contract.Operations.Where(o => cases.All(c => c.OperationId != o.Id)).Select(o => $"{o.Method} {o.Path} ({o.Id})").ToList();
        Assert.True(missing.Count == 0, "documented operations with no contract case (add one in Api/Contract/<Area>Cases.cs):\n" + string.Join("\n", missing));
        var unknown = cases.Select(c => c.OperationId).Distinct().Where(id => contract.Operations.All(o => o.Id != id)).ToList();
        Assert.True(unknown.Count == 0, "contract cases for operations the document does not list:\n" + string.Join("\n", unknown));

        var targets = await ContractAccounts.TargetsAsync(Factory);
        using var clients = new TokenClients(Factory);
        var failures = new List<string>();
        // Reading cases first, then the writing ones, each in its file's order.
        foreach (var c in cases.OrderBy(c => c.Writes))
        {
            var target = targets[ContractAccounts.RoleOf(c.Account)].Own;
            if (c.Prepare is not null) await c.Prepare(new ContractContext(Factory, target));
            var client = await clients.ForAsync(c.Account, c.Scopes) ?? throw new InvalidOperationException($"{c}: {c.Account} may not hold {string.Join(' ', c.Scopes ?? [])}");
            using var request = c.Request(target).Message();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != c.Status)
            {
                failures.Add($"{c.OperationId} {request.Method} {request.RequestUri}: expected {c.Status}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
                continue;
            }

            failures.AddRange(contract.Check(contract[c.OperationId], response, body).Select(p => $"{p} ({request.RequestUri})"));
            try
            {
                c.Check?.Invoke(response, body);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                failures.Add($"{c.OperationId} {request.RequestUri}: {e.Message}");
            }
        }

        // Without a token every operation answers 401 problem+json, as documented; no cookie is set.
        foreach (var operation in contract.Operations)
        {
            var sample = cases.First(c => c.OperationId == operation.Id).Request(targets["admin"].Own);
            using var request = sample.Message();
            using var response = await anonymous.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"{operation.Id} without a token: {(int)response.StatusCode}");
            else failures.AddRange(contract.Check(operation, response, body));
            if (response.Headers.Contains("Set-Cookie")) failures.Add($"{operation.Id} without a token sets a cookie");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteApiContractTests(SqlitePortalFactory factory) : ApiContractTests<SqlitePortalFactory>(factory);

[Collection(PostgresPortal.Name)]
public sealed class PostgresApiContractTests(PostgresPortalFactory factory) : ApiContractTests<PostgresPortalFactory>(factory);
