using System.Globalization;
using EduDuty.Application.Reports.Editions;
using EduDuty.Core.Messaging;
using EduDuty.Core.Regions;
using EduDuty.Core.Reports;
using EduDuty.Data;
using EduDuty.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Reports.Publication;

/// <summary>One county's report in a public list: published, or withdrawn (the list says so and links the page that says why).</summary>
public sealed record PublicListing(string CountyCode, string County, string City, string Label, DateTime PublishedAtUtc, DateTime? WithdrawnAtUtc)
{
    public bool IsWithdrawn => WithdrawnAtUtc is not null;
}

/// <summary>A city's counties in a public list.</summary>
public sealed record PublicCityGroup(string City, IReadOnlyList<PublicListing> Reports);

/// <summary>A region's published reports of a year (/public/{code}/{year}): a province or a city by city, a county its own.</summary>
public sealed record PublicRegionList(string Code, string Name, RegionLevel Level, int Year, IReadOnlyList<PublicCityGroup> Cities)
{
    /// <summary>Changes when a report of the list is published, replaced or withdrawn, or the portal's version changes.</summary>
    public string ETag => PublicReports.ETagOf(
        ["list", Code, Name, Year.ToString(CultureInfo.InvariantCulture),
            .. Cities.SelectMany(c => c.Reports).Select(r => $"{r.CountyCode}:{r.Label}:{r.PublishedAtUtc.Ticks}:{r.WithdrawnAtUtc?.Ticks}")]);
}

/// <summary>
/// A county's published (or withdrawn) report as the public page shows it: nothing but what was published — no evaluation
/// or edition id leaves through it (the page's address is the county's code and the year), no user's name, no comment.
/// </summary>
/// <param name="Above">The regions above the county, province first (code, name): the page's way back to their lists.</param>
public sealed record PublicReport(
    string CountyCode, string County, string City, IReadOnlyList<(string Code, string Name)> Above, int Year, string Label, string ShortLabel, DateTime EditionAtUtc, DateTime PublishedAtUtc,
    DateTime? WithdrawnAtUtc, string? WithdrawnReason, string PdfHash, string DocxHash, bool Signed, long EditionId)
{
    public bool IsWithdrawn => WithdrawnAtUtc is not null;

    /// <summary>From the edition's hash and the publication's state: a withdrawal changes it, and so does a new release.</summary>
    public string ETag => PublicReports.ETagOf(
        ["report", CountyCode, Year.ToString(CultureInfo.InvariantCulture), PdfHash, DocxHash, Label, PublishedAtUtc.Ticks.ToString(CultureInfo.InvariantCulture),
            WithdrawnAtUtc?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "public", WithdrawnReason ?? string.Empty]);

    public string PdfName => Evaluations.Report.ReportPage.FileName(County, Year, "pdf");

    public string DocxName => Evaluations.Report.ReportPage.FileName(County, Year, "docx");
}

/// <summary>A published file: the stored bytes of the edition, the name it downloads as, its SHA-256.</summary>
public sealed record PublicFile(byte[] Bytes, string FileName, string MediaType, string Sha256);

/// <summary>
/// What anyone may read without signing in (decision 0033): the published reports of a region, a county's published report
/// and its files. Addressed by region code and year only; unknown codes and years, a province asked for its report, a
/// county that published nothing are each “not found” with what to do.
/// </summary>
public sealed class PublicReports(EduDutyDbContext db)
{
    public async Task<Outcome<PublicRegionList>> RegionAsync(string code, string yearText, CancellationToken cancellationToken)
    {
        var found = await FindAsync(code, yearText, cancellationToken);
        if (!found.IsDone) return Outcome.NotFound(found.Reason);
        var (region, year) = found.Value;
        var listings = Latest(await RowsAsync(region.Path, year, cancellationToken));
        var cities = listings.GroupBy(l => l.City).Select(g => new PublicCityGroup(g.Key, g.OrderBy(l => l.CountyCode, StringComparer.Ordinal).ToList()))
            .OrderBy(g => g.Reports[0].CountyCode, StringComparer.Ordinal).ToList();
        return Outcome.Done(new PublicRegionList(region.Code, region.Name, region.Level, year, cities));
    }

    public async Task<Outcome<PublicReport>> ReportAsync(string code, string yearText, CancellationToken cancellationToken)
    {
        var found = await FindAsync(code, yearText, cancellationToken);
        if (!found.IsDone) return Outcome.NotFound(found.Reason);
        var (region, year) = found.Value;
        if (region.Level != RegionLevel.County) return Outcome.NotFound(Messages.PublicNotACounty(region.Name));
        var latest = (await RowsAsync(region.Path, year, cancellationToken)).OrderByDescending(r => r.Id).FirstOrDefault();
        if (latest is null) return Outcome.NotFound(Messages.PublicNotPublished(region.Name, year));
        var above = await db.Regions.AsNoTracking().Above(r => r.Path, region.Path).Where(r => r.Id != region.Id)
            .OrderBy(r => r.Level).Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken);
        return Outcome.Done(new PublicReport(latest.CountyCode, latest.County, latest.City, above.Select(r => (r.Code, r.Name)).ToList(), year,
            Labels.Of(latest.Kind, latest.Number),
            PublicationRecords.ShortLabel(latest.Kind, latest.Number), latest.EditionAtUtc, latest.PublishedAtUtc,
            latest.WithdrawnReason is null ? null : latest.EndedAtUtc, latest.WithdrawnReason, latest.PdfHash, latest.DocxHash, latest.Signed, latest.EditionId));
    }

    /// <summary>The report's text as it was frozen: the blocks the public page shows as HTML.</summary>
    public async Task<IReadOnlyList<ReadingBlock>> ReadingAsync(PublicReport report, CancellationToken cancellationToken) =>
        EditionSnapshot.Reading(await db.ReportEditions.AsNoTracking().Where(e => e.Id == report.EditionId).Select(e => e.Reading).SingleAsync(cancellationToken));

    /// <summary>A published report's PDF or Word file, the stored bytes; none once the publication is withdrawn.</summary>
    public async Task<Outcome<PublicFile>> FileAsync(PublicReport report, ReportFormat format, CancellationToken cancellationToken)
    {
        if (report.IsWithdrawn) return Outcome.NotFound(Messages.PublicFilesWithdrawn(report.County, report.Year));
        var editions = db.ReportEditions.AsNoTracking().Where(e => e.Id == report.EditionId);
        return Outcome.Done(format == ReportFormat.Pdf
            ? new PublicFile(await editions.Select(e => e.Pdf).SingleAsync(cancellationToken), report.PdfName, ReportDownloads.PdfType, report.PdfHash)
            : new PublicFile(await editions.Select(e => e.Docx).SingleAsync(cancellationToken), report.DocxName, ReportDownloads.DocxType, report.DocxHash));
    }

    /// <summary>A quoted strong validator from the parts a response depends on, and the portal's version (a release may render differently).</summary>
    internal static string ETagOf(IEnumerable<string> parts) =>
        $"\"{EditionSnapshot.Sha256(string.Join('\n', parts.Append(ReportEditions.SoftwareVersion)))[..32]}\"";

    private sealed record Row(
        int Id, int EvaluationId, string CountyCode, string County, string City, EditionKind Kind, int Number, DateTime EditionAtUtc,
        DateTime PublishedAtUtc, DateTime? EndedAtUtc, string? WithdrawnReason, string PdfHash, string DocxHash, bool Signed, long EditionId);

    // The region by its code and a year it has evaluations in.
    private async Task<Outcome<(Region Region, int Year)>> FindAsync(string code, string yearText, CancellationToken cancellationToken)
    {
        var region = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await db.Regions.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, cancellationToken)
            : null;
        if (region is null) return Outcome.NotFound(Messages.PublicRegionUnknown(Shown(code)));
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100
            || !await db.Evaluations.Under(e => e.County.Path, region.Path).AnyAsync(e => e.Year == year, cancellationToken))
            return Outcome.NotFound(Messages.PublicYearUnknown(region.Name, Shown(yearText)));
        return Outcome.Done((region, year));
    }

    // Every publication of the year's evaluations under the region (a few per county at most).
    private async Task<List<Row>> RowsAsync(string regionPath, int year, CancellationToken cancellationToken) =>
        await (from p in db.ReportPublications.AsNoTracking()
               join e in db.Evaluations.Under(e => e.County.Path, regionPath).Where(e => e.Year == year) on p.EvaluationId equals e.Id
               select new Row(p.Id, e.Id, e.County.Code, e.County.Name, e.County.Parent != null ? e.County.Parent.Name : e.County.Name,
                   p.Edition.Kind, p.Edition.Number, p.Edition.CreatedAtUtc, p.PublishedAtUtc, p.EndedAtUtc, p.WithdrawnReason,
                   p.Edition.PdfHash, p.Edition.DocxHash, p.Edition.SignerThumbprint != null, p.EditionId))
            .ToListAsync(cancellationToken);

    // Each county's latest publication, when it is public or was withdrawn (one replaced by a later one is not listed).
    private static IEnumerable<PublicListing> Latest(IEnumerable<Row> rows) =>
        rows.GroupBy(r => r.CountyCode).Select(g => g.MaxBy(r => r.Id)!)
            .Where(r => r.EndedAtUtc is null || r.WithdrawnReason is not null)
            .Select(r => new PublicListing(r.CountyCode, r.County, r.City, Labels.Of(r.Kind, r.Number), r.PublishedAtUtc, r.WithdrawnReason is null ? null : r.EndedAtUtc));

    // What the visitor typed, shortened and without control characters, for the sentence that says it was not found.
    private static string Shown(string text)
    {
        var clean = new string(text.Where(c => !char.IsControl(c)).Take(20).ToArray());
        return text.Length > 20 ? clean + "…" : clean;
    }
}
