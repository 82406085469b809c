using Microsoft.AspNetCore.Http.Metadata;

namespace EduDuty.Web.Api;

/// <summary>
/// The API's settings (<c>Api:*</c>): the rate limit per token (<c>Api:RateLimit:PerMinute</c>, default 600; a token's
/// calls within a minute, counted in this instance's memory), the largest request body (<c>Api:MaxBodyBytes</c>, default 1 MB;
/// an endpoint may declare its own with <c>.WithMetadata(new RequestSizeLimitAttribute(n))</c> — an evidence upload), the
/// origins a browser may call from (<c>Api:Cors:Origins</c>, none by default: CORS closed).
/// </summary>
public sealed class ApiSettings
{
    public int PerMinute { get; init; } = 600;

    public long MaxBodyBytes { get; init; } = 1024 * 1024;

    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    public static ApiSettings FromConfiguration(IConfiguration configuration) => new()
    {
        PerMinute = Math.Max(1, configuration.GetValue("Api:RateLimit:PerMinute", 600)),
        MaxBodyBytes = Math.Max(1024, configuration.GetValue("Api:MaxBodyBytes", 1024L * 1024)),
        CorsOrigins = configuration.GetSection("Api:Cors:Origins").Get<string[]>()?.Where(o => !string.IsNullOrWhiteSpace(o)).ToArray() ?? [],
    };

    /// <summary>The body limit of an endpoint: its own when it declares one, else <see cref="MaxBodyBytes"/>.</summary>
    public long BodyLimitFor(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
}
