using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Which proxies may tell the portal the client's address and scheme (X-Forwarded-For, X-Forwarded-Proto): only those named
/// in <c>Security:ForwardedHeaders:KnownProxies</c> (addresses or CIDR networks, separated by commas, semicolons or spaces).
/// ASP.NET Core's default trusts loopback; EduDuty does not (a process on the same machine, or a tunnel ending there, could
/// then claim any address and get a fresh sign-in allowance each time). With none named, the headers are not read at all:
/// an empty list would make ASP.NET Core trust every sender.
/// </summary>
internal static class ForwardedProxies
{
    public const string Setting = "Security:ForwardedHeaders:KnownProxies";

    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        var named = (configuration[Setting] ?? string.Empty).Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries);
        foreach (var proxy in named)
        {
            if (IPAddress.TryParse(proxy, out var address)) options.KnownProxies.Add(address);
            else if (System.Net.IPNetwork.TryParse(proxy, out var network)) options.KnownIPNetworks.Add(network);
            else throw new InvalidOperationException($"配置项 {Setting} 中的 “{proxy}” 不是 IP 地址或网段（如 10.0.0.0/8）。");
        }

        options.ForwardedHeaders = named.Length == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    }
}
