using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>
/// HTTP clients with real tokens (<see cref="ApiClients"/>), one per account and set of scopes, made once per test and reused
/// by every request of it (the matrix asks hundreds with a dozen tokens).
/// </summary>
public sealed class TokenClients(PortalFactory factory) : IDisposable
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    /// <param name="account">A demo account, or null for the service account of 运城市.</param>
    public async Task<HttpClient> ForAsync(string? account, IReadOnlyList<string> scopes)
    {
        var key = $"{account ?? "service"}|{string.Join(' ', scopes.Order(StringComparer.Ordinal))}";
        if (!_clients.TryGetValue(key, out var client))
            _clients[key] = client = account is null
                ? await ApiClients.ServiceAsync(factory, "140800", scopes: [.. scopes])
                : await ApiClients.ForAsync(factory, account, scopes: [.. scopes]);
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values) client.Dispose();
    }
}
