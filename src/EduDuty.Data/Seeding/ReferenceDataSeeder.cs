using System.Security.Cryptography;
using System.Text;
using EduDuty.Core.Regions;
using EduDuty.Core.Review;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Data.Seeding;

/// <summary>Schemes shipped with EduDuty, the reference regions and the roles. Idempotent: run on every start.</summary>
public sealed class ReferenceDataSeeder(
    EduDutyDbContext db, RoleManager<IdentityRole> roles, TimeProvider clock, ILogger<ReferenceDataSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await SeedSchemesAsync(cancellationToken);
        await SeedRegionsAsync(cancellationToken);
        await SeedRolesAsync();
    }

    private async Task SeedSchemesAsync(CancellationToken cancellationToken)
    {
        foreach (var scheme in BuiltInSchemes.Schemes)
        {
            var json = BuiltInSchemes.ReadJson(scheme.Code);
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
            var stored = await db.Schemes.SingleOrDefaultAsync(
                s => s.Code == scheme.Code && s.Version == scheme.Version, cancellationToken);
            if (stored is null)
            {
                db.Schemes.Add(new SchemeRecord
                {
                    Code = scheme.Code,
                    Version = scheme.Version,
                    Year = scheme.Year,
                    Title = scheme.Info.Title,
                    DocumentNumber = scheme.Info.DocumentNumber,
                    Definition = json,
                    ContentHash = hash,
                    ImportedAtUtc = clock.GetUtcNow().UtcDateTime,
                });
                logger.LogInformation("Scheme {Code} v{Version} stored", scheme.Code, scheme.Version);
            }
            else if (stored.ContentHash != hash)
            {
                // A shipped file changed without a new version. Only a scheme no county has handed in may change in place.
                var locked = await db.Evaluations.AnyAsync(
                    e => e.SchemeId == stored.Id && (e.Status == EvaluationStatus.Submitted || e.Status == EvaluationStatus.Approved),
                    cancellationToken);
                if (locked)
                {
                    logger.LogError(
                        "Scheme {Code} v{Version} differs from the stored one, which submitted evaluations use; kept the stored one. Give the changed file a new version.",
                        scheme.Code, scheme.Version);
                    continue;
                }

                stored.Definition = json;
                stored.ContentHash = hash;
                stored.Title = scheme.Info.Title;
                stored.DocumentNumber = scheme.Info.DocumentNumber;
                stored.Year = scheme.Year;
                logger.LogInformation("Scheme {Code} v{Version} updated in place", scheme.Code, scheme.Version);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedRegionsAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Regions.ToDictionaryAsync(r => r.Code, cancellationToken);
        foreach (var (code, name, parentCode) in ReferenceRegions.All)
        {
            if (existing.ContainsKey(code)) continue;
            var parent = parentCode is null ? null : existing[parentCode];
            var region = new Region
            {
                Code = code,
                Name = name,
                Level = AdministrativeCode.LevelOf(code),
                Parent = parent,
                Path = AdministrativeCode.PathOf(code, parent?.Path),
            };
            db.Regions.Add(region);
            existing[code] = region;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task SeedRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role)) continue;
            var result = await roles.CreateAsync(new IdentityRole(role));
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }
        }
    }
}
