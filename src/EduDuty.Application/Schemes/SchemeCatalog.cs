using EduDuty.Application.Administration;
using EduDuty.Core.Messaging;
using EduDuty.Core.Schemes;
using EduDuty.Data;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Schemes;

/// <summary>A scheme version in a list: code, version, year, title, the year it is active for, the region that owns it.</summary>
public sealed record SchemeSummary(string Code, int Version, int Year, string Title, int? ActiveForYear, string Owner);

/// <summary>One indicator or input of a scheme, as the form and the report describe it (never typed twice: Core's words).</summary>
public sealed record SchemeFieldDescription(
    string Code,
    string Name,
    string NameEn,
    FieldKind Kind,
    string? Unit,
    FieldMeasure Measure,
    bool Required,
    bool Judged,
    string? Threshold,
    string? Formula,
    string? Help,
    string? DataSource);

/// <summary>One area of a scheme with its heading (“（十）学前教育普及普惠发展情况”) and fields.</summary>
public sealed record SchemeAreaDescription(string Key, int Number, string Heading, string NameEn, IReadOnlyList<SchemeFieldDescription> Fields);

/// <summary>A scheme version as a whole: its record (the document it rests on) and its areas.</summary>
public sealed record SchemeDescription(
    SchemeSummary Scheme, string Province, string DocumentNumber, string Issuer, string RulesTitle, IReadOnlyList<SchemeAreaDescription> Areas);

/// <summary>
/// The schemes a user may use (those of their region's branch, as the admin's scheme list reads them:
/// <see cref="SchemeAdministration.Usable"/>) and one of them described: areas, fields, units, thresholds and formulas in
/// words, from Core's scheme model (<see cref="Scheme.DescribeFormula"/>, <see cref="Threshold.Describe"/>, <see cref="RequiredFields"/>).
/// </summary>
public sealed class SchemeCatalog(EduDutyDbContext db, SchemeAdministration schemes, StoredSchemes stored)
{
    public async Task<IReadOnlyList<SchemeSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default) =>
        await schemes.Usable(actor).OrderBy(s => s.Code).ThenByDescending(s => s.Version)
            .Select(s => new SchemeSummary(s.Code, s.Version, s.Year, s.Title, s.ActiveForYear, s.OwnerRegion == null ? "—" : s.OwnerRegion.Name))
            .ToListAsync(cancellationToken);

    /// <param name="version">A version; the newest the user may use when null.</param>
    public async Task<Outcome<SchemeDescription>> DescribeAsync(string? code, int? version, Actor actor, CancellationToken cancellationToken = default)
    {
        var found = await schemes.Usable(actor).Where(s => s.Code == code && (version == null || s.Version == version))
            .OrderByDescending(s => s.Version)
            .Select(s => new { s.Id, s.ContentHash, Summary = new SchemeSummary(s.Code, s.Version, s.Year, s.Title, s.ActiveForYear, s.OwnerRegion == null ? "—" : s.OwnerRegion.Name) })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null) return Outcome.NotFound(Messages.SchemeNotFound);

        var scheme = await stored.GetAsync(db, found.Id, found.ContentHash, cancellationToken);
        var required = RequiredFields.Of(scheme).Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        var areas = scheme.Areas.Select(a => new SchemeAreaDescription(a.Key, a.Number, a.Heading, a.NameEn, a.Fields.Select(f => new SchemeFieldDescription(
            f.Code, f.NameZh, f.NameEn, f.Kind, f.Unit, f.Measure, required.Contains(f.Code), f.IsJudged, f.Threshold?.Describe(f.Unit),
            scheme.DescribeFormula(f), f.Help, f.DataSource)).ToList())).ToList();
        var info = scheme.Info;
        return Outcome.Done(new SchemeDescription(found.Summary, info.Province, info.DocumentNumber, info.Issuer, info.RulesTitle, areas));
    }
}
