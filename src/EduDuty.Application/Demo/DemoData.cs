using System.Text.Json;
using EduDuty.Application.Administration;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Figures;
using EduDuty.Application.Evidence;
using EduDuty.Core.Figures;
using EduDuty.Core.Regions;
using EduDuty.Core.Security;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Demo;

/// <param name="Department">A department user's department (issue 30), created in its county with the demo.</param>
public sealed record DemoAccount(string UserName, string DisplayName, string Role, string RegionCode, string? Department = null);

/// <summary>
/// Demo accounts (one per role) and the 2021 draft evaluations of the reference counties, opened and filled through the same
/// use cases as real ones. Development only: the caller decides, and Production never calls it.
/// </summary>
public sealed partial class DemoData(
    EduDutyDbContext db, UserManager<AppUser> users, EvaluationYears years, WorkspaceLoader loader, FigureWriter writer, AttachEvidence evidence,
    Writes.WriteExecutor executor, TimeProvider clock, Surveys.OpenSurveyRound openSurvey)
{
    /// <summary>The one password of every demo account; printed at first start and in the README.</summary>
    public const string DemoPassword = "Demo-Password-2021";

    public const AuditSource Source = AuditSource.Demo;

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("wenxi.official", "闻喜县填报员", Roles.CountyOfficial, "140823"),
        new("wenxi.lead", "闻喜县负责人", Roles.CountyLead, "140823"),
        new("yuncheng.supervisor", "运城市督导员", Roles.Supervisor, "140800"),
        new("jincheng.supervisor", "晋城市督导员", Roles.Supervisor, "140500"),
        new("shanxi.admin", "山西省管理员", Roles.Admin, "140000"),
        new("xiaxian.official", "夏县填报员", Roles.CountyOfficial, "140828"),
        new("xiaxian.lead", "夏县负责人", Roles.CountyLead, "140828"),
        new("wenxi.caizheng", "闻喜县财政局填报员", Roles.DepartmentOfficial, "140823", "财政局"),
    ];

    /// <summary>The departments 闻喜县's demo has (issue 30): the 财政局 with a demo user, the 人社局 without one.</summary>
    public static readonly IReadOnlyList<(string RegionCode, string Name)> Departments = [("140823", "财政局"), ("140823", "人社局")];

    private static DemoAccount Admin => Accounts.Single(a => a.UserName == "shanxi.admin");

    /// <returns>The accounts created by this call (none when they already existed).</returns>
    /// <param name="prefillFigures">
    /// Also fill 闻喜县 2021 with the figures and texts of its real report (66 required figures still missing, as in the
    /// report), and 夏县 2021 with a complete made-up set, so that its lead can submit it and a supervisor review it.
    /// </param>
    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(bool prefillFigures = true, CancellationToken cancellationToken = default)
    {
        var created = new List<DemoAccount>();
        var regions = await db.Regions.ToDictionaryAsync(r => r.Code, r => r.Id, cancellationToken);
        // One hash for every demo account: they share the one published password, so hashing it once per account only cost
        // start-up time (seven full-strength PBKDF2 hashes were 4.6 s of an empty database's first start, issue 28). The hash
        // is the portal's own (full strength outside the tests), with its own random salt.
        string? demoHash = null;
        var departments = await SeedDepartmentsAsync(regions, cancellationToken);
        foreach (var account in Accounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null) continue;
            var user = new AppUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                RegionId = regions[account.RegionCode],
                DepartmentId = account.Department is { } department ? departments[(account.RegionCode, department)] : null,
                EmailConfirmed = true,
            };
            // Seeded, not typed: the published demo password is one the password rules refuse to anyone who types it.
            user.PasswordHash = demoHash ??= users.PasswordHasher.HashPassword(user, DemoPassword);
            Check(await users.CreateAsync(user), account);
            Check(await users.AddToRoleAsync(user, account.Role), account);
            created.Add(account);
        }

        var scheme = await db.Schemes.Where(s => s.Code == "SX-2021").OrderByDescending(s => s.Version).FirstAsync(cancellationToken);
        var opening = await years.OpenAsync(scheme.Id, scheme.Year, await PathOfAsync("140000", cancellationToken), await ActorAsync(Admin, cancellationToken), cancellationToken);
        if (opening.Refusal is { } refusal) throw new InvalidOperationException($"Demo year not opened: {refusal}");
        if (prefillFigures)
        {
            await PrefillAsync(scheme.Id, "140823", "wenxi.official", "wenxi-2021", cancellationToken);
            await PrefillAsync(scheme.Id, "140828", "xiaxian.official", "xiaxian-2021", cancellationToken);
            await SeedSurveyAsync(cancellationToken);
        }

        return created;
    }

    // A county's 2021 figures (and texts, when the demo has them) entered by its demo official through the guarded write path.
    private async Task PrefillAsync(int schemeId, string countyCode, string officialName, string files, CancellationToken cancellationToken)
    {
        var id = await db.Evaluations.Where(e => e.County.Code == countyCode && e.Year == 2021 && e.SchemeId == schemeId).Select(e => e.Id).SingleAsync(cancellationToken);
        if (await db.FigureValues.AnyAsync(f => f.EvaluationId == id, cancellationToken)) return;

        var official = await ActorAsync(Accounts.Single(a => a.UserName == officialName), cancellationToken);
        var workspace = await loader.LoadAsync(id, official, cancellationToken) ?? throw new InvalidOperationException($"Demo evaluation of {countyCode} not in the official's scope.");
        var figures = FiguresFileReader.Read(ReadResource(files + ".figures.json"), workspace.Scheme).File
            ?? throw new InvalidOperationException($"The demo figures {files} do not fit the SX-2021 scheme.");
        var changes = figures.Values.Select(v => new FigureChange(v.Key, v.Value, 0)).ToList();
        Done(await writer.WriteAsync(workspace, official, changes, null, Source, cancellationToken));
        if (!HasResource(files + ".texts.json")) return;

        using var texts = JsonDocument.Parse(ReadResource(files + ".texts.json"));
        var narratives = texts.RootElement.GetProperty("areas").EnumerateObject().Select(a => (a.Name, a.Value))
            .Append(("B00_BASIC", texts.RootElement.GetProperty("basic")));
        foreach (var (areaKey, paragraphs) in narratives)
        {
            // Normalised as the area form normalises what an official types (Chinese punctuation, placeholders).
            var text = AreaForm.NormalizeText(string.Join("\n", paragraphs.EnumerateArray().Select(p => p.GetString())));
            Done(await writer.WriteAsync(workspace, official, [], new NarrativeChange(areaKey, text, 0), Source, cancellationToken));
        }

        if (!HasResource(files + ".evidence.pdf")) return;
        await using var document = typeof(DemoData).Assembly.GetManifestResourceStream("EduDuty.Application.Demo." + files + ".evidence.pdf")!;
        using var copy = new MemoryStream(); // small; the upload path reads a seekable stream
        await document.CopyToAsync(copy, cancellationToken);
        var attached = await evidence.HandleAsync(
            await loader.LoadAsync(id, official, cancellationToken) ?? workspace, new EvidenceTarget("A07_PRIVATE_COMPULSORY", "A07.07"),
            new EvidenceUpload("闻喜县民办义务教育学校名单.pdf", copy), new EvidenceDetails(null, "闻教科发〔2021〕58号", new DateOnly(2021, 9, 10)), official, cancellationToken, Source);
        if (!attached.IsDone) throw new InvalidOperationException($"Demo evidence not attached: {attached.Refusal}");
    }

    // The demo's departments, made once (the executor's one transaction); their ids by county code and name.
    private async Task<Dictionary<(string, string), int>> SeedDepartmentsAsync(Dictionary<string, int> regions, CancellationToken cancellationToken)
    {
        var stored = await db.Departments.Where(d => Departments.Select(x => x.Name).Contains(d.Name)).ToListAsync(cancellationToken);
        var missing = Departments.Where(x => !stored.Any(d => d.CountyId == regions[x.RegionCode] && d.Name == x.Name)).ToList();
        if (missing.Count > 0)
        {
            var made = await executor.ExecuteAsync("demo departments", (_, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                db.Departments.AddRange(missing.Select(x => new Department { CountyId = regions[x.RegionCode], Name = x.Name, CreatedAtUtc = now }));
                return Task.FromResult(Outcome.Done(missing.Count));
            }, cancellationToken);
            if (!made.IsDone) throw new InvalidOperationException($"Demo departments not made: {made.Refusal}");
            stored = await db.Departments.Where(d => Departments.Select(x => x.Name).Contains(d.Name)).ToListAsync(cancellationToken);
        }

        var codes = regions.ToDictionary(r => r.Value, r => r.Key);
        return stored.ToDictionary(d => (codes[d.CountyId], d.Name), d => d.Id);
    }

    private async Task<Actor> ActorAsync(DemoAccount account, CancellationToken cancellationToken)
    {
        var user = await users.FindByNameAsync(account.UserName) ?? throw new InvalidOperationException($"Demo account {account.UserName} missing.");
        return new Actor(user.Id, user.DisplayName, [account.Role], await PathOfAsync(account.RegionCode, cancellationToken));
    }

    private Task<string> PathOfAsync(string code, CancellationToken cancellationToken) =>
        db.Regions.Where(r => r.Code == code).Select(r => r.Path).SingleAsync(cancellationToken);

    private static void Done(Outcome<FiguresWritten> outcome)
    {
        if (!outcome.IsDone) throw new InvalidOperationException($"Demo data not written ({outcome.Kind}): {outcome.Refusal}");
    }

    private static bool HasResource(string name) =>
        typeof(DemoData).Assembly.GetManifestResourceInfo("EduDuty.Application.Demo." + name) is not null;

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
