using EduDuty.Core.Regions;
using EduDuty.Core.Schemes;
using EduDuty.Core.Surveys;
using EduDuty.Core.Security;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EduDuty.Data.Seeding;

/// <summary>
/// Schemes shipped with EduDuty (each version added once, never overwritten), the reference regions and the roles.
/// Idempotent: run on every start.
/// </summary>
public sealed class ReferenceDataSeeder(
    EduDutyDbContext db, RoleManager<IdentityRole> roles, TimeProvider clock, ILogger<ReferenceDataSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await SeedRegionsAsync(cancellationToken);
        await SeedSchemesAsync(cancellationToken);
        await SeedSurveysAsync(cancellationToken);
        await SeedRolesAsync();
    }

    private async Task SeedSchemesAsync(CancellationToken cancellationToken)
    {
        foreach (var scheme in BuiltInSchemes.Schemes)
        {
            var json = BuiltInSchemes.ReadJson(scheme.Code);
            var hash = SchemeRecord.HashOf(json);
            var stored = await db.Schemes.SingleOrDefaultAsync(
                s => s.Code == scheme.Code && s.Version == scheme.Version, cancellationToken);
            var owner = BuiltInSchemes.OwnerRegionCode(scheme.Code) is { } ownerCode
                ? await db.Regions.Where(r => r.Code == ownerCode).Select(r => (int?)r.Id).SingleOrDefaultAsync(cancellationToken)
                : null;
            if (stored is not null && stored.OwnerRegionId is null && owner is not null) stored.OwnerRegionId = owner; // stored before schemes had owners
            if (stored is null)
            {
                db.Schemes.Add(new SchemeRecord
                {
                    OwnerRegionId = owner,
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
            else if (stored.ContentHash != hash && BuiltInSchemes.IsSuperseded(scheme.Code, scheme.Version, stored.ContentHash))
            {
                // An older form of the same version (see BuiltInSchemes): same judgments, so the current file replaces it.
                stored.Definition = json;
                stored.ContentHash = hash;
                logger.LogInformation("Scheme {Code} v{Version} brought to the current file format", scheme.Code, scheme.Version);
            }
            else if (stored.ContentHash != hash)
            {
                // The stored version may have been uploaded or corrected by an admin: never overwrite it at start.
                // A shipped file that changed must carry a new version number to reach existing databases.
                logger.LogWarning(
                    "Scheme {Code} v{Version} differs from the shipped file; the stored one is kept. Ship changes as a new version.",
                    scheme.Code, scheme.Version);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    // The shipped survey files (issue 31): each content stored once, as the next version of its code when the code exists
    // with another content (a stored version may be in use by a round, so it is never overwritten).
    private async Task SeedSurveysAsync(CancellationToken cancellationToken)
    {
        foreach (var json in BuiltInSurveys.Files.Values)
        {
            var definition = SurveyLoader.Load(json).Definition!;
            var hash = SchemeRecord.HashOf(json);
            var versions = await db.SurveyDefinitions.Where(d => d.Code == definition.Code).Select(d => new { d.Version, d.ContentHash }).ToListAsync(cancellationToken);
            if (versions.Any(v => v.ContentHash == hash)) continue;
            db.SurveyDefinitions.Add(new SurveyDefinitionRecord
            {
                Code = definition.Code,
                Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1,
                Title = definition.Title,
                Year = definition.Year,
                SchemeCode = definition.SchemeCode,
                IsExample = definition.IsExample,
                Definition = json,
                ContentHash = hash,
                UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            });
            logger.LogInformation("Survey {Code} stored", definition.Code);
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
