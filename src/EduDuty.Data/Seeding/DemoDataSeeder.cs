using EduDuty.Core.Review;
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
        new("shanxi.admin", "山西省管理员", Roles.Admin, "140000"),
    ];

    /// <returns>The accounts created by this call (none when they already existed).</returns>
    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(CancellationToken cancellationToken = default)
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
        return created;
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
