namespace EduDuty.Data.Entities;

/// <summary>One administrative action: who, when, what, and the state before and after (as short text). Never updated.</summary>
public class AdminAuditEntry : IChainedEntry
{
    /// <summary>
    /// The one way an entry is made: one action of one administrator (or the command line), when, on what, before and after,
    /// and the region it concerns. Every writer calls this (<c>AdminAuditLog.Add</c>), so no entry lacks a part.
    /// </summary>
    public static AdminAuditEntry Of(
        AdminAction action, string target, string? before, string? after, string regionPath, string userId, string userDisplayName, DateTime atUtc) => new()
    {
        Action = action, Target = target, Before = before, After = after, RegionPath = regionPath,
        UserId = userId, UserDisplayName = userDisplayName, AtUtc = atUtc,
    };

    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string UserDisplayName { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>What was done (stored as its text: 创建用户, 停用用户, 重置密码 …).</summary>
    public required AdminAction Action { get; set; }

    /// <summary>What it was done to, e.g. a user name or a region code.</summary>
    public required string Target { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }

    /// <summary>The path of the region the action concerns; an admin sees the entries of their own region and below.</summary>
    public string RegionPath { get; set; } = string.Empty;

    public long? ChainIndex { get; set; }

    public string? Hash { get; set; }

    string IChainedEntry.ChainName => AuditChain.Administration;

    void IChainedEntry.NormalizeTime() => AtUtc = AuditChain.Microseconds(AtUtc);

    string IChainedEntry.Canonical() =>
        AuditChain.Canonical(ChainIndex, UserId, UserDisplayName, AtUtc, Action.Text(), Target, Before, After, RegionPath);
}
