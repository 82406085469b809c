namespace EduDuty.Web.Api.Documents;

/// <summary>
/// What an endpoint tells the OpenAPI document beyond its route and types (issue 29, decision 0051): read by
/// <see cref="ApiDocumentTransformers"/>, never by the endpoint itself.
/// </summary>
public static class ApiDoc
{
    /// <summary>The 200 answer is a stream, one item of the documented schema a line (NDJSON) — or CSV when asked for.</summary>
    public sealed record Streamed;

    /// <summary>An example value of a path or query parameter.</summary>
    public sealed record Example(string Parameter, object Value);

    /// <summary>The problem statuses an operation can answer besides 401, 403 (scope) and 429, which every operation can.</summary>
    public sealed record Problems(IReadOnlyList<int> Statuses);

    /// <summary>The problem responses an operation documents (problem+json, the fields <c>ApiProblems</c> writes).</summary>
    public static TBuilder ProducesApiProblems<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Problems(statuses));
}
