using System.IO.Compression;
using EduDuty.Application.Evaluations;
using EduDuty.Application.Evaluations.Report;
using EduDuty.Application.Excel;
using EduDuty.Application.Exports;
using EduDuty.Core.Text;
using EduDuty.Data;
using EduDuty.Reporting.Streams;
using Microsoft.EntityFrameworkCore;

namespace EduDuty.Application.Reports;

/// <summary>
/// Every county's self-evaluation report of a region and year as one ZIP, one PDF per county named as its own download names
/// it ("夏县2021年度履行教育职责自评报告.pdf"; in a folder per city when the region has several). Written to the response while
/// the reports are made: each county is read and built here in turn while up to one rendering per core runs behind
/// <see cref="ReportPdf"/>'s limiter, and finished PDFs are written in county order, so at most a few are held at a time.
/// </summary>
public sealed class CountyReportsZip(EduDutyDbContext db, WorkspaceLoader loader, ReportPage reports, ReportPdf pdf, TimeProvider clock)
{
    public static string FileName(CountiesExport selection) => $"{selection.RegionName}{selection.Year}年度各县自评报告.zip";

    /// <summary>How many evaluations the ZIP would hold.</summary>
    public Task<int> CountAsync(CountiesExport selection, CancellationToken cancellationToken) => Evaluations(selection).CountAsync(cancellationToken);

    public async Task WriteAsync(Actor actor, CountiesExport selection, Stream output, CancellationToken cancellationToken)
    {
        var counties = await Evaluations(selection).OrderBy(e => e.County.Code)
            .Select(e => new { e.Id, City = e.County.Parent == null ? null : e.County.Parent.Name }).ToListAsync(cancellationToken);
        var folders = counties.Select(c => c.City).Distinct().Count() > 1;
        var window = Environment.ProcessorCount * 2; // renders in flight: every core busy while one finished PDF is written
        var pending = new Queue<(string Name, Task<byte[]> Pdf)>();
        var names = new UniqueNames(); // two counties of one name (城区 of two cities in one folder) get "… (2).pdf"

        var sink = new AsyncSink(output);
        await using (var archive = await ZipArchive.CreateAsync(sink, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            foreach (var county in counties)
            {
                if (await loader.LoadAsync(county.Id, actor, cancellationToken) is not { } workspace) continue; // outside the actor's region
                var document = await reports.DocumentAsync(workspace, cancellationToken);
                var name = ReportPage.FileName(workspace, "pdf");
                pending.Enqueue((names.Claim(folders ? $"{county.City}/{name}" : name), pdf.RenderAsync(document, cancellationToken)));
                while (pending.Count >= window) await WriteNextAsync(archive);
            }

            while (pending.Count > 0) await WriteNextAsync(archive);
        }

        await sink.FlushAsync(cancellationToken);

        async Task WriteNextAsync(ZipArchive archive)
        {
            var (name, render) = pending.Dequeue();
            var bytes = await render;
            var entry = archive.CreateEntry(name, CompressionLevel.NoCompression); // the PDFs' streams are compressed already
            entry.LastWriteTime = ChinaTime.ToChina(clock.GetUtcNow());
            await using var target = await entry.OpenAsync(cancellationToken);
            await target.WriteAsync(bytes, cancellationToken);
        }

    }

    private IQueryable<Data.Entities.Evaluation> Evaluations(CountiesExport selection) => db.Evaluations.AsNoTracking()
        .Where(e => e.Year == selection.Year && e.SchemeId == selection.SchemeId).Under(e => e.County.Path, selection.RegionPath);
}
