using System.Net;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests.Api;

/// <summary>
/// Attacker review of issue 29: the OpenAPI document is open to anyone and outside the API's rate limit, and building it took
/// about a quarter of a second of CPU each time (237 KB): a few anonymous clients in a loop kept both cores busy. It is now
/// built once and served from the output cache, whatever the caller adds (an Authorization header, a cookie, a query string).
/// The cache is in memory, the same for both databases.
/// </summary>
[Collection(SqlitePortal.Name)]
public sealed class ApiDocumentCostTests(SqlitePortalFactory factory) : PortalTests<SqlitePortalFactory>(factory)
{
    [Fact]
    public async Task The_openapi_document_is_built_once_and_then_served_from_the_cache_to_anyone()
    {
        using var anonymous = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var first = await anonymous.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var document = await first.Content.ReadAsStringAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/openapi.json?x=" + Guid.NewGuid().ToString("N"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer edt_" + new string('C', 43));
        request.Headers.TryAddWithoutValidation("Cookie", "a=b");
        var again = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(again.Headers.Age is not null, "served from the output cache (an Age header)");
        Assert.Equal(document, await again.Content.ReadAsStringAsync());
        Assert.False(again.Headers.Contains("Set-Cookie"));
    }
}
