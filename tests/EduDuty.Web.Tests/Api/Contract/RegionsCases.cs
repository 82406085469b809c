namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>
/// Regions (issue 29, decision 0049): the caller's own level, a region of its target with its children, one that is not
/// there, a region created under the target (a second call finds it made and answers the same) and a rename that keeps the
/// seed's name (so the seed stays as the other cases expect it).
/// </summary>
public sealed class RegionsCases : IContractCases
{
    public IEnumerable<ContractCase> Cases =>
    [
        new("getOwnRegion", _ => SampleRequest.Get("/api/v1/regions"))
        {
            Account = ContractAccounts.Supervisor, Scopes = [Core.Security.ApiScopes.Read], Regional = false,
            Check = (_, body) => Assert.Contains("闻喜县", body, StringComparison.Ordinal), // 运城市's children in the seed
        },
        new("getRegion", t => SampleRequest.Get($"/api/v1/regions/{t.RegionCode}"))
        {
            Account = ContractAccounts.Supervisor, Scopes = [Core.Security.ApiScopes.Read],
            Check = (_, body) => Assert.Contains("运城市", body, StringComparison.Ordinal),
        },
        new("getRegion", _ => SampleRequest.Get("/api/v1/regions/999999")) { Status = 404, Regional = false },
        new("createRegion", t => SampleRequest.Json(HttpMethod.Post, "/api/v1/regions",
            new { code = t.CountyCode[..4] + "97", name = "接口测试区", parentCode = t.CountyCode[..4] + "00" }))
        {
            Scopes = [Core.Security.ApiScopes.Admin], Status = 201, Writes = true,
            Check = (_, body) => Assert.Contains("接口测试区", body, StringComparison.Ordinal),
        },
        new("createRegion", t => SampleRequest.Json(HttpMethod.Post, "/api/v1/regions", new { code = "12", name = "", parentCode = t.RegionCode }))
        {
            Scopes = [Core.Security.ApiScopes.Admin], Status = 422, Writes = true,
        },
        new("updateRegion", t => SampleRequest.Json(HttpMethod.Patch, $"/api/v1/regions/{t.CountyCode}", new { isActive = true }))
        {
            Scopes = [Core.Security.ApiScopes.Admin], Writes = true,
            Check = (_, body) => Assert.Contains("闻喜县", body, StringComparison.Ordinal),
        },
    ];
}
