using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EduDuty.Web.Tests.Authorization;
using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests.Inputs;

/// <summary>
/// The malformed-input sweep: every POST endpoint the portal maps (read from its endpoint data source) × bodies a client
/// can get wrong — multipart never terminated, without or with the wrong boundary, a part header of 100 KB, invalid UTF-8,
/// JSON or plain text where a form is expected, an empty body, NUL bytes — anonymous and signed in (with a valid
/// antiforgery token inside the body, so that the body is read past it). Never a 5xx; a body that cannot be read as a form
/// answers 400 with the Chinese page.
/// </summary>
public abstract class MalformedBodyTests<TFactory>(TFactory factory) : PortalTests<TFactory>(factory)
    where TFactory : PortalFactory
{
    private const string Boundary = "----EduDutyBoundary7MA4YWxk";

    private static IEnumerable<(string Name, string ContentType, byte[] Body)> Bodies(string token)
    {
        static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
        var tokenPart = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n";
        var multipart = $"multipart/form-data; boundary={Boundary}";
        yield return ("unterminated multipart", multipart, Bytes(tokenPart + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"Title\"\r\n\r\n材料"));
        yield return ("unterminated file part", multipart, Bytes(tokenPart + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 "));
        yield return ("only the token, no closing boundary", multipart, Bytes(tokenPart));
        yield return ("missing boundary", "multipart/form-data", Bytes(tokenPart + $"--{Boundary}--\r\n"));
        yield return ("boundary mismatch", "multipart/form-data; boundary=other", Bytes(tokenPart + $"--{Boundary}--\r\n"));
        yield return ("huge header line", multipart, Bytes(tokenPart + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"Title\"; x=\"{new string('x', 100_000)}\"\r\n\r\nv\r\n--{Boundary}--\r\n"));
        yield return ("NUL in a part", multipart, Bytes(tokenPart + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"Title\"\r\n\r\na\0b\r\n--{Boundary}--\r\n"));
        yield return ("garbage multipart", multipart, [0xFF, 0xFE, 0x00, 0x2D, 0x2D, 0x0D, 0x0A, 0xC3]);
        yield return ("invalid UTF-8 in a form", "application/x-www-form-urlencoded", [.. Bytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&Title="), 0xFF, 0xFE, 0xC3, 0x28]);
        yield return ("percent-encoded invalid UTF-8", "application/x-www-form-urlencoded", Bytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&Title=%FF%FE%C3%28&Text=%ED%A0%80"));
        yield return ("NUL in a form", "application/x-www-form-urlencoded", Bytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&Title=a%00b"));
        yield return ("JSON to a form", "application/json", Bytes($"{{\"__RequestVerificationToken\":\"{token}\",\"Title\":\"材料\"}}"));
        yield return ("plain text", "text/plain; charset=utf-8", Bytes("Title=材料"));
        yield return ("empty form", "application/x-www-form-urlencoded", []);
        yield return ("empty multipart", multipart, []);
        // UTF-7 is a charset .NET knows but refuses to decode (NotSupportedException where the form is read).
        yield return ("a form in UTF-7", "application/x-www-form-urlencoded; charset=utf-7", Bytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&Title=+ZeBO9g-"));
    }

    [Fact]
    public async Task Every_post_endpoint_answers_malformed_bodies_without_a_5xx_anonymous_and_signed_in()
    {
        var endpoints = (await EndpointCatalog.DiscoverAsync(Factory.Services)).Where(e => e.Method == "POST" && e.Route != "/Account/Logout").ToList();
        var id = await Wenxi.EvaluationIdAsync(Factory);
        var anonymous = PortalClient.For(Factory);
        var anonymousToken = (await anonymous.GetDocumentAsync("/Account/Login")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var official = await PortalClient.For(Factory).SignedInAsync("wenxi.official");
        var officialToken = (await official.GetDocumentAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var failures = new List<string>();
        var requests = 0;
        foreach (var (who, client, token) in new[] { ("anonymous", anonymous, anonymousToken), ("wenxi.official", official, officialToken) })
        {
            foreach (var endpoint in endpoints)
            {
                foreach (var (name, contentType, body) in Bodies(token))
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                    using var response = await client.Http.PostAsync(endpoint.Url(id), content);
                    requests++;
                    if ((int)response.StatusCode >= 500) failures.Add($"{who} {endpoint.Url(id)} {name}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests answered 5xx:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(requests > 1000, $"only {requests} requests");
    }

    // The sign-in page reads its form from anyone; an admin page reads it only from a signed-in admin (the body of an anonymous
    // post is never read: it is sent to sign in first, decision 0027), so the admin page is tried signed in.
    [Theory]
    [InlineData("/Account/Login", null)]
    [InlineData("/Admin/Regions?handler=Preview", "shanxi.admin")]
    public async Task An_unterminated_multipart_body_is_400_with_the_chinese_page(string url, string? user)
    {
        var client = user is null ? PortalClient.For(Factory) : await PortalClient.For(Factory).SignedInAsync(user);
        var token = (await client.GetDocumentAsync(user is null ? "/Account/Login" : "/Admin/Regions")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var (_, contentType, body) = Bodies(token).First();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await client.Http.PostAsync(url, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("提交的内容不完整或格式不正确", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_malformed_body_to_a_protected_page_is_sent_to_sign_in_unread()
    {
        var client = PortalClient.For(Factory);
        var token = (await client.GetDocumentAsync("/Account/Login")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var (_, contentType, body) = Bodies(token).First();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        using var response = await client.Http.PostAsync("/Admin/Regions?handler=Preview", content);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_in_a_charset_that_cannot_be_decoded_is_400_with_the_chinese_page_before_sign_in()
    {
        var client = PortalClient.For(Factory);
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("Input.UserName=a&Input.Password=b"));
        content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-7");

        using var response = await client.Http.PostAsync("/Account/Login", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("提交的内容不完整或格式不正确", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

[Collection(SqlitePortal.Name)]
public sealed class SqliteMalformedBodyTests(SqlitePortalFactory factory) : MalformedBodyTests<SqlitePortalFactory>(factory);
