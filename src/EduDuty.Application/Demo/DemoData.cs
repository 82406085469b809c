using System.Text.Json;
using EduDuty.Application.Administration;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Core.Figures;
using EduDuty.Core.Regions;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Demo;

public sealed record DemoAccount(string UserName, string DisplayName, string Role, string RegionCode);

/// <summary>
/// Demo accounts (one per role) and the 2021 draft evaluations of the reference counties, opened and filled through the same
/// use cases as real ones. Development only: the caller decides, and Production never calls it.
/// </summary>
public sealed class DemoData(
    EduDutyDbContext db, UserManager<AppUser> users, EvaluationYears years, WorkspaceLoader loader, FigureWriter writer)
{
    /// <summary>The one password of every demo account; printed at first start and in the README.</summary>
    public const string DemoPassword = "Demo-Password-2021";

    public const string Source = "演示数据";

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

        var scheme = await db.Schemes.Where(s => s.Code == "SX-2021").OrderByDescending(s => s.Version).FirstAsync(cancellationToken);
        var (_, refusal) = await years.OpenAsync(scheme.Id, scheme.Year, await PathOfAsync("140000", cancellationToken), await ActorAsync(Accounts[4], cancellationToken), cancellationToken);
        if (refusal is not null) throw new InvalidOperationException($"Demo year not opened: {refusal}");
        if (prefillFigures) await PrefillWenxiAsync(scheme.Id, cancellationToken);
        return created;
    }

    // 闻喜县 2021 as its real report has it, entered by the demo official through the guarded write path.
    private async Task PrefillWenxiAsync(int schemeId, CancellationToken cancellationToken)
    {
        var id = await db.Evaluations.Where(e => e.County.Code == "140823" && e.Year == 2021 && e.SchemeId == schemeId).Select(e => e.Id).SingleAsync(cancellationToken);
        if (await db.FigureValues.AnyAsync(f => f.EvaluationId == id, cancellationToken)) return;

        var official = await ActorAsync(Accounts[0], cancellationToken);
        var workspace = await loader.LoadAsync(id, official, cancellationToken) ?? throw new InvalidOperationException("Demo evaluation of 闻喜县 not in the official's scope.");
        var figures = FiguresFileReader.Read(ReadResource("wenxi-2021.figures.json"), workspace.Scheme).File
            ?? throw new InvalidOperationException("The demo figures do not fit the SX-2021 scheme.");
        var changes = figures.Values.Select(v => new FigureChange(v.Key, v.Value, 0)).ToList();
        Done(await writer.WriteAsync(workspace, official, changes, null, Source, cancellationToken));

        using var texts = JsonDocument.Parse(ReadResource("wenxi-2021.texts.json"));
        var narratives = texts.RootElement.GetProperty("areas").EnumerateObject().Select(a => (a.Name, a.Value))
            .Append(("B00_BASIC", texts.RootElement.GetProperty("basic")));
        foreach (var (areaKey, paragraphs) in narratives)
        {
            var text = string.Join("\n", paragraphs.EnumerateArray().Select(p => p.GetString()));
            Done(await writer.WriteAsync(workspace, official, [], new NarrativeChange(areaKey, text, 0), Source, cancellationToken));
        }
    }

    private async Task<Actor> ActorAsync(DemoAccount account, CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(account.UserName) ?? throw new InvalidOperationException($"Demo account {account.UserName} missing.");
        return new Actor(user.Id, user.DisplayName, [account.Role], await PathOfAsync(account.RegionCode, cancellationToken));
    }

    private Task<string> PathOfAsync(string code, CancellationToken cancellationToken) =>
        db.Regions.Where(r => r.Code == code).Select(r => r.Path).SingleAsync(cancellationToken);

    private static void Done(WriteOutcome outcome)
    {
        if (outcome.Refused || outcome.HasConflicts) throw new InvalidOperationException($"Demo data not written: {outcome.Refusal ?? "conflict"}");
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("EduDuty.Application.Demo." + name)
            ?? throw new InvalidOperationException($"Missing demo resource {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
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
