using EduDuty.Core.Messaging;

namespace EduDuty.Core.Security;

/// <summary>
/// What an API token may be used for (issue 29). A scope only narrows: what a call may do is what the token's user may do by
/// role and region (the use cases decide, as for the pages) and what the token's scopes allow. A user may only give a token
/// the scopes their role can use (<see cref="AllowedFor"/>): a county official's token can never carry <see cref="Review"/>.
/// </summary>
public static class ApiScopes
{
    /// <summary>GET anything the user may see.</summary>
    public const string Read = "read";

    /// <summary>Figures, county comments, evidence uploads, rectification updates, submission.</summary>
    public const string FiguresWrite = "figures:write";

    /// <summary>Return, approve, reopen, verdicts, deadlines, review comments.</summary>
    public const string Review = "review";

    /// <summary>Regions, service tokens, the audit.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Read, FiguresWrite, Review, Admin];

    /// <summary>What a scope allows, in the words the token form shows beside its checkbox.</summary>
    public static string Explanation(string scope) => scope switch
    {
        Read => "读取：查看您有权查看的方案、地区、评价、数据、意见和材料",
        FiguresWrite => "填报：填写数据、上传佐证材料、回复意见、更新整改任务、提交评价（仅县级用户）",
        Review => "审核：退回、审核通过、重新开启、材料审核、截止日期和审核意见（督导人员和管理员）",
        Admin => "管理：新增和修改地区、管理服务令牌、查看管理记录（仅管理员）",
        _ => scope,
    };

    /// <summary>The scopes a user of these roles may give a token: read for everyone, the rest by what the role can do.</summary>
    public static IReadOnlyList<string> AllowedFor(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        // A department user (issue 30) fills in its fields on its page only: reading the API would show the whole county.
        if (!held.Overlaps(Roles.All.Where(r => r != Roles.DepartmentOfficial))) return [];
        var allowed = new List<string> { Read };
        if (held.Contains(Roles.CountyOfficial) || held.Contains(Roles.CountyLead)) allowed.Add(FiguresWrite);
        if (held.Contains(Roles.Supervisor) || held.Contains(Roles.Admin)) allowed.Add(Review);
        if (held.Contains(Roles.Admin)) allowed.Add(Admin);
        return allowed;
    }

    /// <summary>
    /// A list of scopes as typed (“read figures:write”, “read,review”): each known scope once, in the catalogue's order; an
    /// unknown one is refused with a message naming it; an empty list too.
    /// </summary>
    public static (IReadOnlyList<string> Scopes, Message? Error) Parse(string? text)
    {
        var parts = (text ?? string.Empty).Split([' ', ',', '，', '、', ';', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return ([], Messages.ApiScopesEmpty);
        var unknown = parts.FirstOrDefault(p => !All.Contains(p, StringComparer.Ordinal));
        if (unknown is not null) return ([], Messages.ApiScopeUnknown(unknown));
        return (All.Where(s => parts.Contains(s, StringComparer.Ordinal)).ToList(), null);
    }

    /// <summary>The stored form of a parsed list: the scopes separated by single spaces.</summary>
    public static string Join(IEnumerable<string> scopes) => string.Join(' ', scopes);

    /// <summary>The stored form read back.</summary>
    public static IReadOnlyList<string> Split(string stored) => stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
