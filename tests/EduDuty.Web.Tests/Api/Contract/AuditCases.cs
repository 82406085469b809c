namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>The admin audit (issue 29): a page by cursor, the next page, the stream, and the problems they answer.</summary>
public sealed class AuditCases : IContractCases
{
    public IEnumerable<ContractCase> Cases =>
    [
        new("getAuditPage", _ => SampleRequest.Get("/api/v1/audit?size=2")) { Scopes = [Core.Security.ApiScopes.Admin], Regional = false },
        new("getAuditPage", _ => SampleRequest.Get("/api/v1/audit?size=0")) { Status = 422, Regional = false },
        new("getAuditPage", _ => SampleRequest.Get("/api/v1/audit?cursor=abc")) { Status = 422, Regional = false },
        new("getAuditPage", _ => SampleRequest.Get("/api/v1/audit")) { Account = ContractAccounts.Supervisor, Status = 403, Regional = false },
        new("streamAudit", _ => SampleRequest.Get("/api/v1/audit/stream")) { Scopes = [Core.Security.ApiScopes.Admin], Regional = false },
        new("streamAudit", _ => SampleRequest.Get("/api/v1/audit/stream")) { Account = ContractAccounts.Supervisor, Status = 403, Regional = false },
    ];
}
