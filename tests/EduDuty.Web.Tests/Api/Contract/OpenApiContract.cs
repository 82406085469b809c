using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>
/// The served OpenAPI document read as a contract (issue 29): its operations by operationId, and a response checked against
/// the schema the document gives for its status and media type. OpenAPI 3.1 schemas are JSON Schema 2020-12: each is
/// evaluated by JsonSchema.Net with the document's component schemas under <c>$defs</c> (their <c>#/components/schemas/…</c>
/// references pointed there), so a reference is resolved as the document resolves it.
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonObject _document;
    private readonly JsonObject _defs;

    public OpenApiContract(string json)
    {
        _document = JsonNode.Parse(json)!.AsObject();
        _defs = JsonNode.Parse(Repoint(_document["components"]?["schemas"]?.ToJsonString() ?? "{}"))!.AsObject();
        Operations = _document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(m => m.Key is "get" or "put" or "post" or "delete" or "patch")
                .Select(m => new Operation(m.Value!["operationId"]?.GetValue<string>() ?? $"{m.Key.ToUpperInvariant()} {path.Key}", m.Key.ToUpperInvariant(), path.Key, m.Value!.AsObject())))
            .ToList();
    }

    public JsonObject Document => _document;

    public IReadOnlyList<Operation> Operations { get; }

    public Operation this[string operationId] => Operations.SingleOrDefault(o => o.Id == operationId)
        ?? throw new InvalidOperationException($"the document has no operation {operationId}");

    public sealed record Operation(string Id, string Method, string Path, JsonObject Node)
    {
        public IReadOnlyList<string> Scopes => Node["x-eduduty-scopes"]?.AsArray().Select(s => s!.GetValue<string>()).ToList() ?? [];

        public JsonObject? Response(int status) => Node["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.AsObject();
    }

    /// <summary>
    /// The problems of a response against its operation's documented response for its status: none when it conforms. A
    /// status the operation does not document is a problem; JSON and problem+json bodies are evaluated whole, NDJSON line by
    /// line against the item schema, CSV checked for its header row.
    /// </summary>
    public IReadOnlyList<string> Check(Operation operation, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var documented = operation.Response(status);
        if (documented is null) return [$"{operation.Id}: status {status} is not documented"];
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var content = documented["content"]?.AsObject();
        if (content is null || content.Count == 0)
            return string.IsNullOrEmpty(body) ? [] : [$"{operation.Id}: {status} documents no body, got {mediaType}"];
        if (mediaType is null || !content.ContainsKey(mediaType))
            return [$"{operation.Id}: {status} answered {mediaType ?? "no content type"}, documented {string.Join(", ", content.Select(c => c.Key))}"];
        var schema = content[mediaType]?["schema"];
        if (schema is null) return [];
        var problems = new List<string>();
        switch (mediaType)
        {
            case "application/x-ndjson":
                var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 0; i < lines.Length; i++)
                    problems.AddRange(Evaluate(schema, lines[i]).Select(p => $"{operation.Id}: line {i + 1}: {p}"));
                break;
            case "text/csv":
                if (!body.TrimStart('\uFEFF').Contains(',', StringComparison.Ordinal)) problems.Add($"{operation.Id}: the CSV has no header row");
                break;
            default:
                problems.AddRange(Evaluate(schema, body).Select(p => $"{operation.Id}: {status}: {p}"));
                break;
        }

        return problems;
    }

    private IEnumerable<string> Evaluate(JsonNode schema, string instance)
    {
        var root = JsonNode.Parse(Repoint(schema.ToJsonString()))!;
        var wrapped = root is JsonObject o && !o.ContainsKey("$ref") ? o : new JsonObject { ["allOf"] = new JsonArray(root) };
        wrapped["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        wrapped["$defs"] = _defs.DeepClone();
        var built = JsonSchema.FromText(wrapped.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://eduduty.test/contract/{Guid.NewGuid():N}"));
        using var document = JsonDocument.Parse(instance);
        var result = built.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
            .DefaultIfEmpty("does not conform").Take(10).ToList();
    }

    // The document's references to its component schemas, pointed at the $defs of the schema evaluated.
    private static string Repoint(string json) => json.Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);

    internal static MediaTypeWithQualityHeaderValue Any { get; } = new("*/*");
}
