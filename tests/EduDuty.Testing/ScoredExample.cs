using System.Text.Json.Nodes;
using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Core.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Testing;

/// <summary>
/// The documented scored scheme (docs/examples/scored-scheme.json) as the portal's tests use it: saved by the province's admin
/// and opened for 运城市 2022, and figures that cost every deduction of the example once — 74.4 of 100, 合格, as hand-scored in
/// ScorerTests.
/// </summary>
public static class ScoredExample
{
    public static readonly IReadOnlyList<(string Code, decimal Number)> DeductedNumbers =
        [("A01.01", 950m), ("A01.02", 1000m), ("A01.04", 615m), ("A01.05.1", 1000m), ("A01.05.2", 850m), ("A02.03", 97.5m)];

    public static readonly IReadOnlyList<(string Code, bool Flag)> DeductedFlags = [("A01.06", false), ("A02.01", false), ("A02.02", false)];

    /// <summary>Saves the example for 山西省 and opens 2022 for 运城市; returns 闻喜县's evaluation and the scheme's id.</summary>
    public static async Task<(int EvaluationId, int SchemeId)> OpenForYunchengAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<EduDutyDbContext>();
        var user = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == "shanxi.admin");
        var admin = new Actor(user.Id, user.DisplayName, [Roles.Admin], user.Region.Path);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "examples", "scored-scheme.json")))!.AsObject();
        json["province"] = "山西省";
        var saved = await provider.GetRequiredService<SchemeAdministration>().SaveAsync(json.ToJsonString(), admin);
        if (saved is not { IsDone: true, Value: { } record }) throw new InvalidOperationException(saved.Refusal);
        var opening = await provider.GetRequiredService<EvaluationYears>().OpenAsync(record.Id, 2022, "/140000/140800/", admin);
        if (opening.Refusal is { } refusal) throw new InvalidOperationException(refusal);
        var id = await db.Evaluations.Where(e => e.SchemeId == record.Id && e.County.Code == "140823").Select(e => e.Id).SingleAsync();
        return (id, record.Id);
    }

    /// <summary>
    /// Enters <see cref="DeductedNumbers"/> and <see cref="DeductedFlags"/> into 闻喜县's evaluation as its official does (an
    /// import, through the write path: audited, the summary's self-score stored).
    /// </summary>
    public static Task EnterDeductedFiguresAsync(IServiceProvider services, int evaluationId) =>
        CountyFigures.ImportAsync(services, evaluationId, "wenxi.official", DeductedNumbers.Select(n => (n.Code, FieldValue.Of(n.Number)))
            .Concat(DeductedFlags.Select(f => (f.Code, FieldValue.Of(f.Flag)))).ToDictionary(p => p.Code, p => p.Item2, StringComparer.Ordinal));
}
