using System.Net.Sockets;
using System.Text;

namespace EduDuty.Browser.Tests;

/// <summary>
/// What only a real server (Kestrel) refuses, before or while reading a request: a body over the 30 MB limit gets 413 with the
/// Chinese error page (not a 500); a NUL in the path gets 400 from Kestrel itself; no response names the server.
/// Raw TCP, because an HTTP client can neither send a NUL in a path nor announce a body it does not send.
/// </summary>
[Collection(BrowserPortal.Collection)]
public sealed class ServerLimitsTests(BrowserPortal portal) : BrowserTests(portal)
{
    [Fact]
    public async Task A_body_over_thirty_megabytes_gets_413_with_the_chinese_page()
    {
        // 31 MB announced, not sent: the server answers from the Content-Length alone and closes, which an HttpClient still
        // writing the body would see as a broken pipe.
        var response = await SendAsync(
            "POST /Account/Login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Content-Length: {31 * 1024 * 1024}\r\nConnection: close\r\n\r\nUserName=a");

        Assert.True(response.StartsWith("HTTP/1.1 413", StringComparison.Ordinal), response);
        Assert.True(response.Contains("上传的内容过大", StringComparison.Ordinal), response);
        Assert.DoesNotContain("\r\nServer:", response, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_nul_in_the_path_is_refused_by_the_server_with_400()
    {
        var response = await SendAsync("GET /Evaluations/%00 HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400", response);
    }

    /// <summary>Writes <paramref name="request"/> ({host} replaced) and reads the whole answer until the server closes.</summary>
    private async Task<string> SendAsync(string request)
    {
        var uri = new Uri(Portal.RootUri);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Replace("{host}", uri.Authority, StringComparison.Ordinal)));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
