using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace EduDuty.Web.Api.Documents;

/// <summary>
/// The API's OpenAPI 3.1 document at <c>/api/v1/openapi.json</c> (Microsoft.AspNetCore.OpenApi, its transformers in
/// <see cref="ApiDocumentTransformers"/>) and its reference page at <c>/api/docs</c> (Scalar, served from the portal under its
/// CSP with a nonce for that page's scripts only): both readable without a token — the document describes, it holds no data.
/// </summary>
public static class ApiDocuments
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/api/v1/openapi.json";
    public const string ReferencePath = "/api/docs";

    /// <summary>
    /// The document's output cache policy: it depends on nothing in the request (its server is "/"), and building it costs about
    /// a quarter of a second of CPU, open to anyone and outside the API's rate limit — so it is built once per instance and
    /// served from the cache to every caller, whatever headers, cookies or query string they add (no default policy, which
    /// would skip the cache for a request with an Authorization header; one entry whatever the host or query).
    /// </summary>
    public const string DocumentCachePolicy = "openapi-document";

    /// <summary>The nonce Scalar put on the reference page's scripts for this response (none for any other response).</summary>
    public static string? ScriptNonce(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ReferencePath, StringComparison.Ordinal) && context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce)
            ? nonce as string : null;

    public static IServiceCollection AddApiDocuments(this IServiceCollection services) =>
        services.AddOutputCache(o => o.AddPolicy(DocumentCachePolicy, new DocumentCache()))
        .AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
            // Only the API: the portal's pages and handlers are not part of the contract.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<ApiDocumentTransformers.Document>();
            o.AddOperationTransformer<ApiDocumentTransformers.Operation>();
        });

    public static WebApplication MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous().ExcludeFromDescription().CacheOutput(DocumentCachePolicy);
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("EduDuty API 参考 / API reference")
                .WithOpenApiRoutePattern(DocumentPath)
                .AddPreferredSecuritySchemes([ApiDocumentTransformers.SchemeName]) // "Bearer" chosen: paste the token, not hunt for "Select Auth Type"
                .WithNonce() // its one inline script runs by this response's nonce (SecurityHeadersMiddleware); the site's policy stays as it is
                .DisableDefaultFonts() // no font from elsewhere: the portal serves everything itself
                .Off()) // no telemetry, no AI agent, no proxy: the page talks to this portal only
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    // The document's cache (DocumentCachePolicy): a GET or HEAD is looked up and stored whatever its Authorization header or
    // cookies (the output cache's default policy would pass those by, so an attacker would only need to add one), one entry
    // for every host and query string, a 200 only, one build at a time (locking).
    private sealed class DocumentCache : Microsoft.AspNetCore.OutputCaching.IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation)
        {
            var method = context.HttpContext.Request.Method;
            var readable = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = readable;
            context.AllowCacheStorage = readable;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = TimeSpan.FromDays(1);
            context.CacheVaryByRules.VaryByHost = false;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(Microsoft.AspNetCore.OutputCaching.OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK) context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }

    // Every option that would make the page talk to a host other than the portal, off.
    private static ScalarOptions Off(this ScalarOptions options)
    {
        options.Telemetry = false;
        options.ProxyUrl = null;
        options.Agent = new ScalarAgentOptions { Disabled = true };
        options.Mcp = new ScalarMcpOptions { Disabled = true };
        options.ShowDeveloperTools = DeveloperToolsVisibility.Never; // its toolbar links to Scalar's own services
        return options;
    }
}
