namespace EduDuty.Data.Entities;

/// <summary>Whose token it is: a user's own (个人令牌), or a service account's, made by an admin (服务令牌).</summary>
public enum ApiTokenKind
{
    Personal = 1,
    Service = 2,
}

/// <summary>
/// An API access token (issue 29, decision 0049). The secret (<c>edt_</c> + 43 characters) is shown once when the token is made
/// and never stored: only its SHA-256 (<see cref="SecretHash"/>) is, and the first characters (<see cref="Prefix"/>) that the
/// owner recognises it by. A call presents the secret; the token is found by the hash of what was presented. Revoking sets
/// <see cref="RevokedAtUtc"/> (never deleted: the audit names it).
/// </summary>
public class ApiToken
{
    public int Id { get; set; }

    /// <summary>What the owner calls it (“省平台数据同步”): shown in lists and recorded with every call it makes.</summary>
    public required string Name { get; set; }

    public required string UserId { get; set; }

    public ApiTokenKind Kind { get; set; }

    /// <summary>The scopes, space separated, in <see cref="Core.Security.ApiScopes.All"/> order.</summary>
    public required string Scopes { get; set; }

    /// <summary>SHA-256 of the whole secret, lowercase hex (64 characters); unique.</summary>
    public required string SecretHash { get; set; }

    /// <summary>The secret's first 12 characters (“edt_AbC3xY9q”): enough to tell tokens apart, useless to call with.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Who made it: the owner, or the admin who made a service token.</summary>
    public required string CreatedById { get; set; }

    public required string CreatedByName { get; set; }

    /// <summary>Required: at most a year after <see cref="CreatedAtUtc"/>.</summary>
    public DateTime ExpiresAtUtc { get; set; }

    /// <summary>The last call it made, to the minute (written at most once a minute).</summary>
    public DateTime? LastUsedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    public string? RevokedById { get; set; }

    public string? RevokedByName { get; set; }
}
