using EduDuty.Data.Entities;

namespace EduDuty.Application.Security.Tokens;

/// <summary>Where a token stands now.</summary>
public enum ApiTokenState
{
    Active,
    Expired,
    Revoked,
}

/// <summary>A token as its lists show it: never the secret, only the prefix.</summary>
public sealed record ApiTokenLine(
    int Id,
    string Name,
    ApiTokenKind Kind,
    string Prefix,
    IReadOnlyList<string> Scopes,
    string OwnerUserName,
    string OwnerDisplayName,
    string RegionName,
    DateTime CreatedAtUtc,
    string CreatedByName,
    DateTime ExpiresAtUtc,
    DateTime? LastUsedAtUtc,
    DateTime? RevokedAtUtc,
    string? RevokedByName,
    ApiTokenState State)
{
    public string StateText => State switch
    {
        ApiTokenState.Active => "有效",
        ApiTokenState.Expired => "已过期",
        _ => "已撤销",
    };

    public string KindText => Kind == ApiTokenKind.Service ? "服务令牌" : "个人令牌";
}

/// <summary>What making a token answers: its line, and the secret — the only time it is ever shown.</summary>
public sealed record CreatedApiToken(ApiTokenLine Token, string Secret);

/// <summary>What the token form sends: a name, the scopes (ticked or typed), the days until it expires.</summary>
public sealed record ApiTokenRequest(string? Name, IReadOnlyList<string>? Scopes, int? ExpiresInDays);
