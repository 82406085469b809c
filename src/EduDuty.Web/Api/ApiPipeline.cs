using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using EduDuty.Application.Security.Tokens;
using EduDuty.Web.Api.Documents;
using EduDuty.Web.Api.Endpoints;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace EduDuty.Web.Api;

/// <summary>
/// The REST API under <c>/api/v1</c> (issue 29, decision 0049): its services, its place in the pipeline, and its routes. Each
/// area maps its endpoints in <c>Api/Endpoints/&lt;Area&gt;Endpoints.cs</c> (<c>Map&lt;Area&gt;</c>), called from
/// <see cref="MapEduDutyApi"/>. On <c>/api</c> the only authentication is the bearer token (<see cref="ApiTokenAuthentication"/>):
/// the default scheme forwards there by path, so the cookie handler never runs, reads nor sets a cookie on <c>/api</c>.
/// </summary>
public static class ApiPipeline
{
    public const string Prefix = "/api";

    public const string Version1 = "/api/v1";

    /// <summary>The default authentication scheme: the API token on <c>/api</c>, the sign-in cookie everywhere else.</summary>
    public const string SelectorScheme = "EduDuty";

    public const string RateLimitPolicy = "api-token";

    public const string CorsPolicy = "api";

    public static bool IsApi(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public static void AddEduDutyApi(this WebApplicationBuilder builder, AuthenticationBuilder authentication)
    {
        var services = builder.Services;
        var settings = ApiSettings.FromConfiguration(builder.Configuration);
        services.AddSingleton(settings);
        services.AddSingleton<ApiTokenFailures>();
        authentication
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddPolicyScheme(SelectorScheme, null, o => o.ForwardDefaultSelector = context =>
                IsApi(context.Request.Path) ? ApiTokenAuthentication.SchemeName : IdentityConstants.ApplicationScheme);

        services.AddApiDocuments();
        // A body or parameter the endpoint cannot bind throws (in every environment, not only Development), so that the refusal
        // can name the JSON path it stopped at (BadRequestMiddleware keeps it, ApiGate says it).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            // Chinese as characters; enums by name; camelCase (the web default).
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.Converters.Add(new NoNulStringConverter());
        });

        // Calls per token per minute (partitioned by the token's hash, which is its identity in the database: one token's
        // calls are counted together whatever else differs; calls without a token by address). Over it: 429, Retry-After.
        services.AddRateLimiter(o => o.AddPolicy(RateLimitPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = settings.PerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            })));

        // CORS is closed unless Api:Cors:Origins names the origins a browser may call from.
        services.AddCors(o =>
        {
            if (settings.CorsOrigins.Count == 0) return;
            o.AddPolicy(CorsPolicy, p => p.WithOrigins([.. settings.CorsOrigins]).WithHeaders("Authorization", "Content-Type", "If-Match")
                .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE").WithExposedHeaders("ETag", "Retry-After", "Location"));
        });
    }

    private static string PartitionOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        return ApiTokenSecrets.IsWellFormed(presented)
            ? "token:" + ApiTokenSecrets.HashOf(presented!)
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>Before routing, inside the status code pages: every /api answer is problem+json when it is not done (<see cref="ApiGate"/>).</summary>
    public static void UseEduDutyApiGate(this WebApplication app) =>
        app.UseWhen(context => IsApi(context.Request.Path), api => api.UseMiddleware<ApiGate>());

    public static void MapEduDutyApi(this WebApplication app)
    {
        var api = app.MapGroup(Version1)
            .RequireAuthorization(ApiPolicies.Token)
            .RequireRateLimiting(RateLimitPolicy);
        if (app.Services.GetRequiredService<ApiSettings>().CorsOrigins.Count > 0) api.RequireCors(CorsPolicy);

        api.MapSchemes();
        api.MapRegions();
        api.MapEvaluations().MapFigures().MapComments().MapEvidence().MapRectification().MapEditions();
        api.MapSummaries();
        api.MapAudit();
        app.MapApiDocuments(); // /api/v1/openapi.json and /api/docs, readable without a token (decision 0051)
    }

    /// <summary>The refusal's own words, which <see cref="ApiGate"/> tells apart from a value of the wrong type.</summary>
    public const string NulInString = "U+0000 in a string.";

    /// <summary>Refuses U+0000 in any JSON string (PostgreSQL cannot store it; decision 0028's rule for forms): 400.</summary>
    private sealed class NoNulStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return text is not null && text.Contains('\0', StringComparison.Ordinal) ? throw new JsonException(NulInString) : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
