using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>
/// Where a sample request points (issue 29): a region, a county in it, and the county's 2021 evaluation. Every caller has an
/// own target (inside its user's region) and a foreign one (outside it); a request written once runs against either.
/// </summary>
public sealed record ContractTarget(string RegionCode, string CountyCode, int EvaluationId, int Year = 2021);

/// <summary>One request as a client sends it: method, path and query, an optional body (made afresh per send), headers.</summary>
public sealed record SampleRequest(HttpMethod Method, string Path, Func<HttpContent>? Body = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static SampleRequest Get(string path) => new(HttpMethod.Get, path);

    public static SampleRequest Json(HttpMethod method, string path, object body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(method, path, () => new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"), headers);

    public HttpRequestMessage Message()
    {
        var message = new HttpRequestMessage(Method, Path) { Content = Body?.Invoke() };
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>())
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        return message;
    }
}

/// <summary>
/// A documented operation called for the contract (and, by the same request, for the API's authorization matrix): which
/// operation (its operationId in the served document), the request for a target, who calls it with which scopes, the status
/// expected, and whether it writes. <see cref="Prepare"/> runs before the contract call (to put the data in the state the
/// call needs); the matrix reads <see cref="Request"/> only.
/// </summary>
public sealed record ContractCase(string OperationId, Func<ContractTarget, SampleRequest> Request)
{
    /// <summary>The caller of the contract call (a demo account), and its token's scopes (null: all its role may hold).</summary>
    public string Account { get; init; } = ContractAccounts.Admin;

    public IReadOnlyList<string>? Scopes { get; init; }

    public int Status { get; init; } = 200;

    public bool Writes { get; init; }

    /// <summary>Whether the request points at a region or county at all (schemes do not): the matrix's foreign column is then "-".</summary>
    public bool Regional { get; init; } = true;

    public Func<ContractContext, Task>? Prepare { get; init; }

    /// <summary>More checks of the response beyond its schema (the body as text).</summary>
    public Action<HttpResponseMessage, string>? Check { get; init; }

    public override string ToString() => $"{OperationId} ({Status})";
}

/// <summary>What a case's preparation may use: the portal and the caller's own target.</summary>
public sealed record ContractContext(Infrastructure.PortalFactory Factory, ContractTarget Target);

/// <summary>One area's contract cases, in a file of its own (<c>&lt;Area&gt;Cases.cs</c>); found by reflection.</summary>
public interface IContractCases
{
    IEnumerable<ContractCase> Cases { get; }
}

/// <summary>Every area's cases.</summary>
public static class ContractCases
{
    public static IReadOnlyList<ContractCase> All { get; } = typeof(IContractCases).Assembly.GetTypes()
        .Where(t => typeof(IContractCases).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .SelectMany(t => ((IContractCases)Activator.CreateInstance(t)!).Cases).ToList();

    internal static MediaTypeWithQualityHeaderValue AcceptJson { get; } = new("application/json");
}
