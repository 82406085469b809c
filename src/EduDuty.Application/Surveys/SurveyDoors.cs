using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EduDuty.Core.Messaging;
using EduDuty.Core.Surveys;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Surveys;

/// <summary>
/// A county's questionnaire door as the public sees it: who runs the survey (the round's region), the county, the group,
/// the period and where the round stands, what is collected (the survey's notice), and the questionnaire.
/// </summary>
public sealed record SurveyDoor(
    int LinkId, int RoundId, int CountyId, string Token, string CountyName, string OrganizerName, SurveyGroup Group,
    DateOnly OpensOn, DateOnly ClosesOn, RoundPhase Phase, string SurveyTitle, bool IsExample, string Notice, Questionnaire Questionnaire)
{
    /// <summary>Changes with the questionnaire, the period, the phase and the release: the public page's ETag.</summary>
    public string ETag { get; init; } = string.Empty;
}

/// <summary>
/// Finds a questionnaire door by its token (issue 31). The token's shape (22 URL-safe characters) is checked before any query,
/// so made-up addresses cost nothing; the problem-report door's token is not a questionnaire (404 here). A stored survey
/// version never changes, so its parsed questionnaire is kept per content hash for the life of the process.
/// </summary>
public sealed class SurveyDoors(EduDutyDbContext db, TimeProvider clock)
{
    private static readonly ConcurrentDictionary<string, SurveyDefinition> Parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// A door's stored facts per instance for <see cref="KeptFor"/> (the answer endpoint reads its door once per sheet): the
    /// phase is still decided on every request from the clock; only closing a round early reaches an instance up to that late.
    /// </summary>
    private static readonly ConcurrentDictionary<(string Database, string Token), (Link? Link, long Until)> Links = new();

    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(10);

    private sealed record Link(int Id, int RoundId, int CountyId, SurveyChannel Channel, string County, string Organizer,
        DateOnly OpensOn, DateOnly ClosesOn, DateTime? ClosedEarlyAtUtc, int DefinitionId, string ContentHash, bool IsExample);

    /// <summary>Whether <paramref name="token"/> could be a link's token at all: 22 characters of A–Z, a–z, 0–9, '-' and '_'.</summary>
    public static bool IsWellFormed(string? token) =>
        Core.Surveys.DoorTokens.IsWellFormed(token);

    public async Task<Outcome<SurveyDoor>> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token)) return Outcome.NotFound(Messages.SurveyLinkUnknown);
        var link = await LinkAsync(token!, cancellationToken);
        if (link?.Channel.Group() is not { } group) return Outcome.NotFound(Messages.SurveyLinkUnknown);
        var definition = await DefinitionAsync(link.DefinitionId, link.ContentHash, cancellationToken);
        if (definition?.For(group) is not { } questionnaire) return Outcome.NotFound(Messages.SurveyLinkUnknown);
        var phase = RoundState.Phase(link.OpensOn, link.ClosesOn, link.ClosedEarlyAtUtc, clock.GetUtcNow());
        var door = new SurveyDoor(link.Id, link.RoundId, link.CountyId, token!, link.County, link.Organizer, group,
            link.OpensOn, link.ClosesOn, phase, definition.Title, link.IsExample, definition.Notice, questionnaire)
        {
            ETag = ETagOf(token!, link.ContentHash, link.OpensOn, link.ClosesOn, phase),
        };
        return Outcome.Done(door);
    }

    private async Task<Link?> LinkAsync(string token, CancellationToken cancellationToken)
    {
        var key = (db.Database.GetConnectionString() ?? string.Empty, token);
        var now = Environment.TickCount64;
        if (Links.TryGetValue(key, out var kept) && kept.Until > now) return kept.Link;
        var link = await db.SurveyLinks.AsNoTracking().Where(l => l.Token == token && l.Channel != SurveyChannel.Problems)
            .Select(l => new Link(
                l.Id, l.RoundId, l.CountyId, l.Channel, l.County.Name,
                // A round opened for one county is run from above it (its city), as every round is.
                l.Round.Region.Level == Core.Regions.RegionLevel.County && l.Round.Region.Parent != null ? l.Round.Region.Parent.Name : l.Round.Region.Name,
                l.Round.OpensOn, l.Round.ClosesOn, l.Round.ClosedEarlyAtUtc, l.Round.DefinitionId, l.Round.Definition.ContentHash,
                l.Round.Definition.IsExample))
            .SingleOrDefaultAsync(cancellationToken);
        // Only doors that exist are kept: made-up tokens must not fill the memory.
        if (link is not null)
        {
            if (Links.Count > 10_000) Links.Clear();
            Links[key] = (link, now + (long)KeptFor.TotalMilliseconds);
        }

        return link;
    }

    /// <summary>Whether the door takes answers now: null when it does, else why not (its phase).</summary>
    public static Message? Closed(SurveyDoor door) => door.Phase switch
    {
        RoundPhase.Open => null,
        RoundPhase.NotYetOpen => Messages.SurveyNotYetOpen(ChinaTime.IsoDate(door.OpensOn)),
        _ => Messages.SurveyClosed,
    };

    private async Task<SurveyDefinition?> DefinitionAsync(int id, string hash, CancellationToken cancellationToken)
    {
        if (Parsed.TryGetValue(hash, out var known)) return known;
        var json = await db.SurveyDefinitions.AsNoTracking().Where(d => d.Id == id).Select(d => d.Definition).SingleAsync(cancellationToken);
        var definition = SurveyLoader.Load(json).Definition;
        if (definition is null) return null;
        if (Parsed.Count > 1_000) Parsed.Clear();
        return Parsed.GetOrAdd(hash, definition);
    }

    private static string ETagOf(string token, string hash, DateOnly opensOn, DateOnly closesOn, RoundPhase phase)
    {
        var text = $"{token}\n{hash}\n{opensOn:O}\n{closesOn:O}\n{phase}\n{Reports.Editions.ReportEditions.SoftwareVersion}";
        return $"\"s{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..31]}\"";
    }
}
