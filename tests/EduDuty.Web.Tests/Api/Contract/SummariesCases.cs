namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>The region summaries (issue 29): NDJSON and CSV of the caller's region, and the problems they answer.</summary>
public sealed class SummariesCases : IContractCases
{
    public IEnumerable<ContractCase> Cases =>
    [
        new("getRegionSummaries", t => SampleRequest.Get($"/api/v1/regions/{t.RegionCode}/summaries/{t.Year}"))
        {
            Scopes = [Core.Security.ApiScopes.Read],
            Check = (response, body) =>
            {
                var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Contains(lines, l => l.Contains("\"code\":\"140823\"", StringComparison.Ordinal) && l.Contains("闻喜县", StringComparison.Ordinal));
                Assert.All(lines, l => Assert.StartsWith("{\"code\":\"14", l, StringComparison.Ordinal)); // 山西's counties only, one object a line
            },
        },
        new("getRegionSummaries", t => SampleRequest.Get($"/api/v1/regions/{t.RegionCode}/summaries/{t.Year}?format=csv"))
        {
            Scopes = [Core.Security.ApiScopes.Read],
            Check = (response, body) =>
            {
                Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
                Assert.StartsWith("县代码,县名称,状态", body.TrimStart('\uFEFF'), StringComparison.Ordinal); // the reader drops the byte-order mark
                Assert.Contains("\r\n140823,闻喜县,", body, StringComparison.Ordinal);
            },
        },
        new("getRegionSummaries", t => SampleRequest.Get($"/api/v1/regions/{t.RegionCode}/summaries/{t.Year}?format=xml")) { Status = 422, Scopes = [Core.Security.ApiScopes.Read] },
        new("getRegionSummaries", t => SampleRequest.Get($"/api/v1/regions/{t.RegionCode}/summaries/{t.Year}")) { Account = ContractAccounts.Official, Status = 403 },
        new("getRegionSummaries", t => SampleRequest.Get($"/api/v1/regions/149999/summaries/{t.Year}")) { Status = 404 },
    ];
}
