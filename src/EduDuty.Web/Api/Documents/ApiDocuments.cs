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

    /// <summary>The nonce Scalar put on the reference page's scripts for this response (none for any other response).</summary>
    public static string? ScriptNonce(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ReferencePath, StringComparison.Ordinal) && context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce)
            ? nonce as string : null;

    public static IServiceCollection AddApiDocuments(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
            // Only the API: the portal's pages and handlers are not part of the contract.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<ApiDocumentTransformers.Document>();
            o.AddOperationTransformer<ApiDocumentTransformers.Operation>();
        });

    public static WebApplication MapApiDocuments(this WebApplication app)
    {
        app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous().ExcludeFromDescription();
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
