namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>Schemes (the tokens helper's endpoints, issue 29): the list, one described, and one that is not there.</summary>
public sealed class SchemesCases : IContractCases
{
    public IEnumerable<ContractCase> Cases =>
    [
        new("listSchemes", _ => SampleRequest.Get("/api/v1/schemes"))
        {
            Account = ContractAccounts.Official, Scopes = [Core.Security.ApiScopes.Read], Regional = false,
            Check = (_, body) => Assert.Contains("\"SX-2021\"", body, StringComparison.Ordinal),
        },
        new("getScheme", _ => SampleRequest.Get("/api/v1/schemes/SX-2021"))
        {
            Account = ContractAccounts.Official, Scopes = [Core.Security.ApiScopes.Read], Regional = false,
            Check = (_, body) => Assert.Contains("A10.03", body, StringComparison.Ordinal), // 毛入园率, the catalog's own code
        },
        new("getScheme", _ => SampleRequest.Get("/api/v1/schemes/NO-SUCH")) { Status = 404, Regional = false },
    ];
}
