using System.Net.Http.Headers;

namespace EduDuty.Web.Tests.Api.Contract;

/// <summary>
/// Evaluations, figures, comments, evidence, rectification and editions (the evals helper's endpoints, issue 29): each read
/// on the caller's own county's 2021 evaluation (a draft of the seed), and each write in a state whose answer is the page's
/// rule — a stale If-Match 412, a transition the draft does not allow 409, a target the scheme does not have 422, a thread or task that is not there 404 — so that the
/// contract and the matrix leave the seed's evaluations as they were.
/// </summary>
public sealed class EvaluationsCases : IContractCases
{
    private static string E(ContractTarget t) => $"/api/v1/evaluations/{t.EvaluationId}";

    private static SampleRequest Post(string path, object body) => SampleRequest.Json(HttpMethod.Post, path, body);

    private static SampleRequest Multipart(string path, string? field)
    {
        return new SampleRequest(HttpMethod.Post, path, () =>
        {
            var body = new MultipartFormDataContent();
            if (field is not null) body.Add(new StringContent(field), "Field");
            var file = new ByteArrayContent("%PDF-1.4"u8.ToArray());
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            body.Add(file, "files", "a.pdf");
            return body;
        });
    }

    public IEnumerable<ContractCase> Cases =>
    [
        // Reads.
        new("listEvaluations", t => SampleRequest.Get($"/api/v1/evaluations?year=2021&region={t.RegionCode}")) { Scopes = [Core.Security.ApiScopes.Read] },
        new("listEvaluations", _ => SampleRequest.Get("/api/v1/evaluations?pageSize=500")) { Status = 422, Regional = false },
        new("getEvaluation", t => SampleRequest.Get(E(t))) { Account = ContractAccounts.Lead, Scopes = [Core.Security.ApiScopes.Read] },
        new("getEvaluation", _ => SampleRequest.Get("/api/v1/evaluations/987654")) { Status = 404 },
        new("listTransitions", t => SampleRequest.Get($"{E(t)}/transitions")) { Account = ContractAccounts.Lead },
        new("getFigures", t => SampleRequest.Get($"{E(t)}/figures")) { Account = ContractAccounts.Official, Scopes = [Core.Security.ApiScopes.Read] },
        new("getJudgments", t => SampleRequest.Get($"{E(t)}/judgments")) { Account = ContractAccounts.Official, Scopes = [Core.Security.ApiScopes.Read] },
        new("listComments", t => SampleRequest.Get($"{E(t)}/comments")) { Account = ContractAccounts.Supervisor, Scopes = [Core.Security.ApiScopes.Read] },
        new("listEvidence", t => SampleRequest.Get($"{E(t)}/evidence")) { Account = ContractAccounts.Official, Scopes = [Core.Security.ApiScopes.Read] },
        new("downloadEvidence", t => SampleRequest.Get($"{E(t)}/evidence/987654/content")) { Account = ContractAccounts.Official, Status = 404 },
        new("listRectificationTasks", _ => SampleRequest.Get("/api/v1/rectification/tasks?year=2021")) { Account = ContractAccounts.Lead, Regional = false },
        new("downloadRectificationFile", _ => SampleRequest.Get("/api/v1/rectification/files/987654/content")) { Account = ContractAccounts.Lead, Status = 404, Regional = false },
        new("listEditions", t => SampleRequest.Get($"{E(t)}/editions")) { Account = ContractAccounts.Lead },
        new("downloadReport", t => SampleRequest.Get($"{E(t)}/report/xls")) { Account = ContractAccounts.Lead, Status = 422 },

        // Writes, each answered by the page's rule without changing the draft.
        new("putFigures", t => SampleRequest.Json(HttpMethod.Put, $"{E(t)}/figures", new { fields = new[] { new { code = "A10.01", value = "10800", version = 0 } } },
            new Dictionary<string, string> { ["If-Match"] = "\"stale\"" })) { Account = ContractAccounts.Official, Status = 412, Writes = true },
        new("putFigures", t => SampleRequest.Json(HttpMethod.Put, $"{E(t)}/figures", new { fields = new[] { new { code = "A10.01", value = "10800", version = 0 } } }))
            { Account = ContractAccounts.Official, Status = 428, Writes = true },
        new("submitEvaluation", t => Post($"{E(t)}/submit", new { confirm = false })) { Account = ContractAccounts.Lead, Status = 422, Writes = true }, // the page's confirmation, as a flag
        new("returnEvaluation", t => Post($"{E(t)}/return", new { confirm = true, reasons = new[] { new { target = "A10.01", text = "请核对在园幼儿数。" } } }))
            { Account = ContractAccounts.Supervisor, Status = 409, Writes = true },
        new("approveEvaluation", t => Post($"{E(t)}/approve", new { confirm = true, opinion = "经审核，同意通过。" })) { Account = ContractAccounts.Supervisor, Status = 409, Writes = true },
        new("reopenEvaluation", t => Post($"{E(t)}/reopen", new { confirm = true, reason = "复核" })) { Status = 409, Writes = true },
        new("openComment", t => Post($"{E(t)}/comments", new { target = "A10.01", text = "请核对在园幼儿数。" })) { Account = ContractAccounts.Supervisor, Writes = true },
        new("replyComment", t => Post($"{E(t)}/comments/987654/replies", new { text = "已核对。" })) { Account = ContractAccounts.Lead, Status = 404, Writes = true },
        new("uploadEvidence", t => Multipart($"{E(t)}/evidence", "Z99")) { Account = ContractAccounts.Official, Status = 422, Writes = true },
        new("judgeEvidence", t => SampleRequest.Json(HttpMethod.Put, $"{E(t)}/evidence/987654/verdict", new { verdict = "accepted", reason = (string?)null, version = 1 }))
            { Account = ContractAccounts.Supervisor, Status = 409, Writes = true },
        new("updateRectificationTask", _ => SampleRequest.Json(HttpMethod.Put, "/api/v1/rectification/tasks/987654", new { state = "done", note = "已整改", version = 1 }))
            { Account = ContractAccounts.Lead, Status = 404, Writes = true, Regional = false },
        new("attachRectificationFile", _ => Multipart("/api/v1/rectification/tasks/987654/files", null)) { Account = ContractAccounts.Lead, Status = 404, Writes = true, Regional = false },
    ];
}
