using System.Text.Json.Nodes;
using EduDuty.Application;
using EduDuty.Application.Administration;
using EduDuty.Core.Administration;
using EduDuty.Core.Schemes;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduDuty.Web.Tests.Infrastructure;

/// <summary>
/// A second province in the same deployment, as region import and the command line make one possible: 河北省 with 石家庄市 and
/// 长安区, its own scheme HB-2021 (SX-2021's content under another code), an admin, a city supervisor, and the county's official
/// and lead, all with the demo password, and 长安区's 2021 evaluation opened.
/// </summary>
public static class SecondProvince
{
    public const string Province = "130000";
    public const string City = "130100";
    public const string County = "130102";
    public const string SchemeCode = "HB-2021";

    public static readonly IReadOnlyList<(string UserName, string Role, string Region)> Users =
    [
        ("hebei.admin", Roles.Admin, Province),
        ("shijiazhuang.supervisor", Roles.Supervisor, City),
        ("changan.official", Roles.CountyOfficial, County),
        ("changan.lead", Roles.CountyLead, County),
    ];

    public static async Task SetUpAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<EduDutyDbContext>();
        if (await db.Regions.AnyAsync(r => r.Code == Province)) return;

        var regions = RegionCsv.Read($"{RegionCsv.Header}\n{Province},河北省,\n{City},石家庄市,{Province}\n{County},长安区,{City}\n");
        var plan = await services.GetRequiredService<RegionAdministration>().ImportAsync(regions.Rows, Actor.CommandLine);
        if (!plan.IsDone) throw new InvalidOperationException(plan.Refusal);

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var ids = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id);
        foreach (var (userName, role, region) in Users)
        {
            var user = new AppUser { UserName = userName, DisplayName = userName, RegionId = ids[region], EmailConfirmed = true };
            user.PasswordHash = users.PasswordHasher.HashPassword(user, PortalClient.DemoPassword); // seeded as the demo is
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, role));
        }

        var admin = await ActorAsync(db, "hebei.admin");
        var json = JsonNode.Parse(BuiltInSchemes.ReadJson("SX-2021"))!.AsObject();
        json["code"] = SchemeCode;
        json["province"] = "河北省";
        var saved = await services.GetRequiredService<SchemeAdministration>().SaveAsync(json.ToJsonString(), admin);
        if (saved is not { IsDone: true, Value: { } record }) throw new InvalidOperationException(saved.Refusal);
        var refusal = (await services.GetRequiredService<EvaluationYears>().OpenAsync(record.Id, 2021, "/130000/", admin)).Refusal;
        if (refusal is not null) throw new InvalidOperationException(refusal);
    }

    public static Task<int> EvaluationIdAsync(PortalFactory factory) => Wenxi.EvaluationIdAsync(factory, County);

    private static async Task<Actor> ActorAsync(EduDutyDbContext db, string userName)
    {
        var user = await db.Users.Include(u => u.Region).SingleAsync(u => u.UserName == userName);
        return new Actor(user.Id, user.DisplayName, [Roles.Admin], user.Region.Path);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
