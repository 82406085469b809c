using System.Text.Json;
using EduDuty.Core.Figures;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Data.Seeding;

/// <summary>
/// Demo accounts (one per role) and the 2021 draft evaluations of the reference counties.
/// Development only: the caller decides, and Production never calls it.
/// </summary>
public sealed class DemoDataSeeder(EduDutyDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    /// <summary>The one password of every demo account; printed at first start and in the README.</summary>
    public const string DemoPassword = "Demo-Password-2021";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("wenxi.official", "闻喜县填报员", Roles.CountyOfficial, "140823"),
        new("wenxi.lead", "闻喜县负责人", Roles.CountyLead, "140823"),
        new("yuncheng.supervisor", "运城市督导员", Roles.Supervisor, "140800"),
        new("jincheng.supervisor", "晋城市督导员", Roles.Supervisor, "140500"),
        new("shanxi.admin", "山西省管理员", Roles.Admin, "140000"),
    ];

    /// <returns>The accounts created by this call (none when they already existed).</returns>
    /// <param name="prefillFigures">Also fill 闻喜县 2021 with the figures and texts of its real report.</param>
    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(bool prefillFigures = true, CancellationToken cancellationToken = default)
    {
        var created = new List<DemoAccount>();
        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, cancellationToken);
        foreach (var account in Accounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null) continue;
            var user = new AppUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                RegionId = regions[account.RegionCode],
                EmailConfirmed = true,
            };
            Check(await users.CreateAsync(user, DemoPassword), account);
            Check(await users.AddToRoleAsync(user, account.Role), account);
            created.Add(account);
        }

        await SeedEvaluationsAsync(cancellationToken);
        if (prefillFigures) await PrefillWenxiAsync(cancellationToken);
        return created;
    }

    private async Task PrefillWenxiAsync(CancellationToken cancellationToken)
    {
        var evaluation = await db.Evaluations.Include(e => e.Scheme)
            .SingleAsync(e => e.County.Code == "140823" && e.Year == 2021 && e.Scheme.Code == "SX-2021", cancellationToken);
        if (await db.FigureValues.AnyAsync(f => f.EvaluationId == evaluation.Id, cancellationToken)) return;

        var scheme = SchemeLoader.Load(evaluation.Scheme.Definition);
        var figures = FiguresFileReader.Read(ReadResource("wenxi-2021.figures.json"), scheme).File
            ?? throw new InvalidOperationException("The demo figures do not fit the SX-2021 scheme.");
        var official = await users.FindByNameAsync(Accounts[0].UserName) ?? throw new InvalidOperationException("Demo official missing.");
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (code, value) in figures.Values)
        {
            var row = new FigureValue { EvaluationId = evaluation.Id, FieldCode = code, Version = 1, UpdatedAtUtc = now, UpdatedByUserId = official.Id };
            row.Assign(value);
            db.FigureValues.Add(row);
            db.AuditEntries.Add(Audit(AuditKind.Figure, code, value.ToInvariantString()));
        }

        using var texts = JsonDocument.Parse(ReadResource("wenxi-2021.texts.json"));
        foreach (var area in texts.RootElement.GetProperty("areas").EnumerateObject())
        {
            AddNarrative(area.Name, area.Value);
        }

        AddNarrative("B00_BASIC", texts.RootElement.GetProperty("basic"));
        evaluation.UpdatedAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);

        void AddNarrative(string areaKey, JsonElement paragraphs)
        {
            var text = string.Join("\n", paragraphs.EnumerateArray().Select(p => p.GetString()));
            db.AreaNarratives.Add(new AreaNarrative
            {
                EvaluationId = evaluation.Id, AreaKey = areaKey, Text = text, Version = 1, UpdatedAtUtc = now, UpdatedByUserId = official.Id,
            });
            db.AuditEntries.Add(Audit(AuditKind.Narrative, areaKey, text));
        }

        AuditEntry Audit(AuditKind kind, string target, string value) => new()
        {
            EvaluationId = evaluation.Id, Kind = kind, Target = target, NewValue = value, UserId = official.Id,
            UserDisplayName = official.DisplayName, AtUtc = now, Source = "演示数据",
        };
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(DemoDataSeeder).Assembly.GetManifestResourceStream("EduDuty.Data.Demo." + name)
            ?? throw new InvalidOperationException($"Missing demo resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private async Task SeedEvaluationsAsync(CancellationToken cancellationToken)
    {
        var scheme = await db.Schemes.Where(s => s.Code == "SX-2021").OrderByDescending(s => s.Version).FirstAsync(cancellationToken);
        var counties = await db.Regions.Where(r => r.Level == Core.Regions.RegionLevel.County).Select(r => r.Id).ToListAsync(cancellationToken);
        var opened = await db.Evaluations.Where(e => e.Year == scheme.Year && e.SchemeId == scheme.Id).Select(e => e.CountyId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var countyId in counties.Except(opened))
        {
            db.Evaluations.Add(new Evaluation
            {
                CountyId = countyId,
                Year = scheme.Year,
                SchemeId = scheme.Id,
                Status = EvaluationStatus.Draft,
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Check(IdentityResult result, DemoAccount account)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not create demo account {account.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

public sealed record DemoAccount(string UserName, string DisplayName, string Role, string RegionCode);
