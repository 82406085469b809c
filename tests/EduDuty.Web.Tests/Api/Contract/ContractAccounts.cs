using EduDuty.Web.Tests.Infrastructure;

namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>
/// The callers of the contract and the API matrix (issue 29): the seed's demo accounts of 山西 by role, and a service account
/// of 运城市; each with its own target (inside its region) and a foreign one (outside it), computed once per portal.
/// </summary>
public static class ContractAccounts
{
    public const string Official = "wenxi.official";
    public const string Lead = "wenxi.lead";
    public const string Supervisor = "yuncheng.supervisor";
    public const string OtherSupervisor = "jincheng.supervisor";
    public const string Admin = "shanxi.admin";

    /// <summary>A 部门填报人员 of 闻喜县 (财政局, issue 30): the API holds no scope for the role, so it never gets a token.</summary>
    public const string Department = "wenxi.caizheng";

    /// <summary>The matrix's roles: the column prefix and the account (the service account is made by <see cref="ApiClients"/>).</summary>
    public static readonly IReadOnlyList<(string Role, string? Account)> Roles =
    [
        ("official", Official), ("lead", Lead), ("supervisor", Supervisor), ("othersupervisor", OtherSupervisor), ("admin", Admin), ("service", null), ("department", Department),
    ];

    /// <summary>The own and foreign targets of each role: counties 闻喜县 (运城市), 泽州县 (晋城市) and 长安区 (河北省, the second province).</summary>
    public static async Task<IReadOnlyDictionary<string, (ContractTarget Own, ContractTarget Foreign)>> TargetsAsync(PortalFactory factory)
    {
        await SecondProvince.SetUpAsync(factory);
        await TokenClients.EnsureServiceAccountAsync(factory);
        var wenxi = await Wenxi.EvaluationIdAsync(factory);
        var zezhou = await Wenxi.EvaluationIdAsync(factory, "140525");
        var changan = await SecondProvince.EvaluationIdAsync(factory);
        var (wenxiCounty, zezhouCounty) = (new ContractTarget("140823", "140823", wenxi), new ContractTarget("140525", "140525", zezhou));
        var (yuncheng, jincheng) = (new ContractTarget("140800", "140823", wenxi), new ContractTarget("140500", "140525", zezhou));
        return new Dictionary<string, (ContractTarget, ContractTarget)>
        {
            ["official"] = (wenxiCounty, zezhouCounty),
            ["lead"] = (wenxiCounty, zezhouCounty),
            ["supervisor"] = (yuncheng, jincheng),
            ["othersupervisor"] = (jincheng, yuncheng),
            ["admin"] = (new ContractTarget("140000", "140823", wenxi), new ContractTarget(SecondProvince.Province, SecondProvince.County, changan)),
            ["service"] = (yuncheng, jincheng),
            ["department"] = (wenxiCounty, zezhouCounty),
        };
    }

    /// <summary>The role whose account a case's caller is (for its own target).</summary>
    public static string RoleOf(string account) => Roles.First(r => r.Account == account).Role;
}
