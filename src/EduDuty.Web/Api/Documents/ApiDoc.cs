namespace EduDuty.Web.Api.Documents;

/// <summary>
/// What an endpoint tells the OpenAPI document beyond its route and types (issue 29, decision 0051): read by
/// <see cref="ApiDocumentTransformers"/>, never by the endpoint itself.
/// </summary>
public static class ApiDoc
{
    /// <summary>The 200 answer is a stream, one item of the documented schema a line (NDJSON) — or CSV when asked for.</summary>
    public sealed record Streamed;

    /// <summary>
    /// The scopes of an operation whose endpoint decides by the caller's role which one it needs (a comment: figures:write for a
    /// county user, review for a supervisor): documented as alternatives, each one a security requirement of its own.
    /// </summary>
    public sealed record AnyOfScopes(IReadOnlyList<string> Scopes);

    /// <summary>An example value of a path or query parameter.</summary>
    public sealed record Example(string Parameter, object Value);
}
