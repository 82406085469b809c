using EduDuty.Core.Figures;
using EduDuty.Data;
using EduDuty.Data.Entities;
using EduDuty.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>The demo county's 2021 evaluation, as the tests reach it.</summary>
public static class Wenxi
{
    public const string Code = "140823";

    public static readonly IReadOnlyDictionary<string, string> PreschoolFigures = new Dictionary<string, string>
    {
        ["A10.01"] = "10755",
        ["A10.02"] = "10736",
        ["A10.04"] = "12149",
        ["A10.05"] = "6776",
    };

    public static Task<int> EvaluationIdAsync(PortalFactory factory) =>
        factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == Code).Select(e => e.Id).SingleAsync());

    public static Task<int> EvaluationIdAsync(PortalFactory factory, string countyCode) =>
        factory.WithDbAsync(db => db.Evaluations.Where(e => e.County.Code == countyCode).Select(e => e.Id).SingleAsync());

    public static string AreaUrl(int id, string area = "A10_PRESCHOOL") => $"/Evaluations/{id}/Areas/{area}";

    public static Dictionary<string, string> Values(IReadOnlyDictionary<string, string> figures) =>
        figures.ToDictionary(f => $"Form.Values[{f.Key}]", f => f.Value);

    public static Task<Dictionary<string, decimal?>> StoredNumbersAsync(PortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.FigureValues.Where(f => f.EvaluationId == id).ToDictionaryAsync(f => f.FieldCode, f => f.Number));

    public static Task<List<AuditEntry>> AuditAsync(PortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EvaluationId == id).OrderBy(a => a.Id).ToListAsync());

    /// <summary>The golden 闻喜 2021 figures, entered by 闻喜's official (an import through the write path).</summary>
    public static Task SeedGoldenFiguresAsync(PortalFactory factory, int id) =>
        CountyFigures.ImportAsync(factory.Services, id, "wenxi.official", GoldenCase.Figures);

    /// <summary>
    /// What the portal's write path does after every change, for figures a test stored directly: the evaluation's summary
    /// (which lists read) computed again.
    /// </summary>
    public static async Task<int> RefreshSummaryAsync(PortalFactory factory, EduDutyDbContext db, int id)
    {
        await db.Summaries.Where(s => s.EvaluationId == id).ExecuteDeleteAsync();
        return await EduDuty.Application.Evaluations.Summaries.RefreshStaleAsync(
            db, factory.Services.GetRequiredService<EduDuty.Data.StoredSchemes>(), factory.Clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The golden figures plus a value for every other required input, so that the lead may submit (entered as <see cref="SeedGoldenFiguresAsync"/>).</summary>
    public static Task SeedCompleteFiguresAsync(PortalFactory factory, int id)
    {
        var figures = PlausibleCompletion.Complete(GoldenCase.Scheme, GoldenCase.Figures);
        return CountyFigures.ImportAsync(factory.Services, id, "wenxi.official", figures);
    }

    /// <summary>A demo account as the use cases take it.</summary>
    public static Task<EduDuty.Application.Actor> ActorAsync(PortalFactory factory, string userName) => factory.WithDbAsync(async db =>
    {
        var user = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();
        return new EduDuty.Application.Actor(user.Id, user.DisplayName, roles, user.Region.Path);
    });

    public static Task<EduDuty.Core.Review.EvaluationStatus> StatusAsync(PortalFactory factory, int id) =>
        factory.WithDbAsync(db => db.Evaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync());

    /// <summary>
    /// The lead's reason for submitting 闻喜县 while its demo departments' fields (财政局, 人社局: issue 30) are not accepted:
    /// the submit form then asks for the tick DespiteDepartments and this reason.
    /// </summary>
    public const string DepartmentsReason = "部门数据已线下核对";

    /// <summary>Clears one evaluation's figures, texts and audit so each test starts from an empty county.</summary>
    public static Task ResetAsync(PortalFactory factory, int id) => factory.WithDbAsync(async db =>
    {
        await db.AuditEntries.Where(a => a.EvaluationId == id).ExecuteDeleteAsync();
        await db.ReportPublications.Where(p => p.EvaluationId == id).ExecuteDeleteAsync();
        await db.ReportEditions.Where(e => e.EvaluationId == id).ExecuteDeleteAsync();
        await db.EvidenceFiles.Where(f => f.EvaluationId == id).ExecuteDeleteAsync();
        // A scheme's official document (issue 27) is an evidence blob too: each test starts without one.
        await db.Schemes.Where(s => s.DocumentHash != null).ExecuteUpdateAsync(s => s.SetProperty(r => r.DocumentHash, (string?)null)
            .SetProperty(r => r.DocumentFileName, (string?)null).SetProperty(r => r.DocumentLength, (long?)null).SetProperty(r => r.DocumentUploadedAtUtc, (DateTime?)null));
        await db.EvidenceChunks.Where(c => !db.EvidenceFiles.Any(f => f.ContentHash == c.Hash) && !db.EvidenceFileVersions.Any(v => v.ContentHash == c.Hash)).ExecuteDeleteAsync();
        await db.EvidenceBlobs.Where(b => !db.EvidenceFiles.Any(f => f.ContentHash == b.Hash) && !db.EvidenceFileVersions.Any(v => v.ContentHash == b.Hash)).ExecuteDeleteAsync();
        await db.FigureValues.Where(f => f.EvaluationId == id).ExecuteDeleteAsync();
        await db.ReportSettings.Where(r => r.EvaluationId == id).ExecuteDeleteAsync();
        await db.ReviewComments.Where(c => c.EvaluationId == id && c.ParentId != null).ExecuteDeleteAsync();
        await db.ReviewComments.Where(c => c.EvaluationId == id).ExecuteDeleteAsync();
        await db.EvaluationTransitions.Where(t => t.EvaluationId == id).ExecuteDeleteAsync();
        await db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EduDuty.Core.Review.EvaluationStatus.Draft).SetProperty(e => e.SubmittedAtUtc, (DateTime?)null));
        await db.AreaNarratives.Where(n => n.EvaluationId == id).ExecuteDeleteAsync();
        // The departments' part (issue 30): the lead's assignment, the departments' states and the internal deadline.
        await db.FieldAssignments.Where(a => a.EvaluationId == id).ExecuteDeleteAsync();
        await db.DepartmentFieldStates.Where(s => s.EvaluationId == id).ExecuteDeleteAsync();
        await db.Evaluations.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.DepartmentDeadline, (DateOnly?)null));
        // Publications deleted behind the portal's back: its rendered public pages go too (as publishing and withdrawing evict them).
        await factory.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>().EvictByTagAsync(EduDuty.Web.Infrastructure.PublicSurface.CacheTag, default);
        return await RefreshSummaryAsync(factory, db, id);
    });

    /// <summary>
    /// A fixture of counties for the oversight pages: 闻喜 with the golden figures (its five failing indicators come from the
    /// golden file), 夏县 failing 毛入园率 (800 of 1,000 children: 80% &lt; 90%), the other three counties of 运城市 without figures.
    /// Returns 夏县's evaluation.
    /// </summary>
    public static async Task<int> SeedOversightFixtureAsync(PortalFactory factory, int id)
    {
        await SeedGoldenFiguresAsync(factory, id);
        var xiaxian = await EvaluationIdAsync(factory, "140828");
        await factory.WithDbAsync(db => db.FigureValues.Where(f => f.EvaluationId == xiaxian).ExecuteDeleteAsync());
        await CountyFigures.ImportAsync(factory.Services, xiaxian, "xiaxian.official", new Dictionary<string, FieldValue>
        {
            ["A10.01"] = FieldValue.Of(1000m),
            ["A10.02"] = FieldValue.Of(800m),
        });
        return xiaxian;
    }
}
